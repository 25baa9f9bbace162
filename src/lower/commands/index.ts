/**
 * Typed lowering of commands from their generic form. Each typed command reads the generic
 * `CommandArg[]` of its stage; commands without a typed form stay `GenericCommand`. Argument
 * mistakes become SPL2xxx diagnostics; nothing here throws (a bug in a typed reading is SPL2018).
 */
import type { Command, Diagnostic, GenericCommand } from "../../ir/nodes.js";
import { COMBINE_LOWERINGS } from "./combine.js";
import { FIELDS_LOWERINGS } from "./fields.js";
import { LOOKUP_LOWERINGS } from "./lookup.js";
import { MISC_LOWERINGS } from "./misc.js";
import { ORDER_LOWERINGS } from "./order.js";
import { REX_LOWERINGS } from "./rex.js";
import { SHAPE_LOWERINGS } from "./shape.js";
import { glueNames, type CommandInput, type LoweringTable } from "./util.js";
import { diagnostic } from "../../diagnostics/diagnostic.js";

/** A typed reading of one command from its generic form. */
export type Lowering = (input: CommandInput) => Command;

/** The lowering of every typed kind, joined from the family files (a kind without an entry does not compile). */
const LOWERINGS: LoweringTable = { ...FIELDS_LOWERINGS, ...REX_LOWERINGS, ...LOOKUP_LOWERINGS, ...COMBINE_LOWERINGS, ...ORDER_LOWERINGS, ...SHAPE_LOWERINGS, ...MISC_LOWERINGS };

/** The typed lowering of each canonical command name, derived once from {@link LOWERINGS}. */
const BY_NAME: ReadonlyMap<string, Lowering> = new Map(Object.values(LOWERINGS).flatMap((e: LoweringTable[keyof LoweringTable]) => e.names.map((n): [string, Lowering] => [n, e.lower])));

/** Canonical names of the commands that get a typed kind (everything else stays `GenericCommand`). */
export const TYPED_COMMANDS: readonly string[] = Object.freeze([...BY_NAME.keys()]);

/** Turns a generic command into its typed kind when splc has one. */
export function typeCommand(node: GenericCommand, diagnostics: Diagnostic[]): Command {
    const lower = BY_NAME.get(node.canonical);
    return lower ? lowerTyped(lower, node, diagnostics) : node;
}

/**
 * Runs one typed lowering. A bug in it (an exception) must neither lose the stage nor go
 * unseen: the command stays generic, which is exact, and SPL2018 says that splc failed there.
 */
export function lowerTyped(lower: Lowering, node: GenericCommand, diagnostics: Diagnostic[]): Command {
    const mark = diagnostics.length;
    try {
        const input: CommandInput = { node, args: glueNames(node.args), diagnostics, rest: [] };
        const typed = lower(input);
        if (input.lossy) return node;
        // Macros among the arguments are never part of a typed reading: they stay in `rest`.
        for (const a of input.args) if (a.kind === "MacroCall") input.rest.push(a);
        input.rest.sort((a, b) => a.span.start - b.span.start);
        return typed;
    } catch (e) {
        diagnostics.length = mark;
        const why = e instanceof Error ? e.message : String(e);
        diagnostics.push(
            diagnostic("SPL2018", `internal error while reading the arguments of '${node.name}' (${why}); the command is kept in its generic form. This is a splc bug: please report it`, node.span),
        );
        return node;
    }
}
