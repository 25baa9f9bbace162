/**
 * Typed lowering of commands from their generic form. Each typed command reads the generic
 * `CommandArg[]` of its stage; commands without a typed form stay `GenericCommand`.
 */
import type { Command, Diagnostic, GenericCommand } from "../../ir/nodes.js";

/** Turns a generic command into its typed kind when splc has one. */
export function typeCommand(node: GenericCommand, diagnostics: Diagnostic[]): Command {
    void diagnostics;
    return node;
}
