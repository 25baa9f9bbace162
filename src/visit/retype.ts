/**
 * The typed view of a command's arguments, derived again from `args` exactly as parsing derives
 * it (src/lower/commands/). Used by `transform` after arguments change, and by the printer to
 * tell whether a typed command's fields still say what its arguments say.
 */
import type { Command, CommandArg, GenericCommand, OptionArg } from "../ir/nodes.js";
import { typeCommand } from "../lower/commands/index.js";

/** A command that keeps its arguments. */
export type CommandWithArgs = Extract<Command, { args: CommandArg[] }>;

/** True for a command node that keeps its arguments (`args`). */
export function hasArgs(c: Command): c is CommandWithArgs {
    return Array.isArray((c as { args?: unknown }).args) && c.kind !== "MacroCall";
}

/** The command its arguments make: GenericCommand with `options` recomputed, or the typed kind. */
export function retype(c: CommandWithArgs): Command {
    const options = c.args.filter((a): a is OptionArg => a.kind === "Option");
    const generic: GenericCommand = { kind: "GenericCommand", name: c.name, canonical: c.canonical, options, args: c.args, span: c.span };
    if (c.origin) generic.origin = c.origin;
    if (c.kind === "GenericCommand") return generic;
    // Diagnostics of the typed reading belong to parsing, not to this re-derivation.
    return typeCommand(generic, []);
}
