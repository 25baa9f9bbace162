/**
 * The `name=value` options among a command's arguments. A `GenericCommand` stores its options
 * once, in `args` at their place; this lists them.
 */
import type { CommandArg, OptionArg } from "./nodes.js";

/** The options among `command.args`, in source order. */
export function optionsOf(command: { readonly args: readonly CommandArg[] }): OptionArg[] {
    return command.args.filter((a): a is OptionArg => a.kind === "OptionArg");
}
