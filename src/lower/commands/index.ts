/**
 * Typed lowering of commands from their generic form. Each typed command reads the generic
 * `CommandArg[]` of its stage; commands without a typed form stay `GenericCommand`. Argument
 * mistakes become SPL2xxx diagnostics; nothing here throws (a bug in a typed reading is SPL2018).
 */
import type { Command, Diagnostic, GenericCommand } from "../../ir/nodes.js";
import { lowerAppend, lowerJoin, lowerMultisearch } from "./combine.js";
import { lowerFields, lowerRename, lowerTable } from "./fields.js";
import { lowerInputlookup, lowerLookup, lowerOutputlookup } from "./lookup.js";
import { lowerForeach, lowerMap, lowerOptions, lowerReturn, lowerTop } from "./misc.js";
import { lowerDedup, lowerHead, lowerSort } from "./order.js";
import { lowerRegex, lowerRex } from "./rex.js";
import { lowerAddtotals, lowerBin, lowerConvert, lowerFillnull, lowerIplocation, lowerMakemv, lowerMvexpand, lowerReplace, lowerSpath, lowerTransaction } from "./shape.js";
import { glueNames, type CommandInput } from "./util.js";
import { diagnostic } from "../../diagnostics/diagnostic.js";

/** A typed reading of one command from its generic form. */
export type Lowering = (input: CommandInput) => Command;

/** The typed lowering of each canonical command name. */
const LOWERINGS: Readonly<Record<string, Lowering>> = {
    table: lowerTable,
    fields: lowerFields,
    rename: lowerRename,
    rex: lowerRex,
    regex: lowerRegex,
    lookup: lowerLookup,
    inputlookup: lowerInputlookup,
    outputlookup: lowerOutputlookup,
    join: lowerJoin,
    append: lowerAppend,
    appendcols: lowerAppend,
    appendpipe: lowerAppend,
    multisearch: lowerMultisearch,
    union: lowerMultisearch,
    dedup: lowerDedup,
    sort: lowerSort,
    head: lowerHead,
    tail: lowerHead,
    bin: lowerBin,
    fillnull: lowerFillnull,
    mvexpand: lowerMvexpand,
    makemv: lowerMakemv,
    spath: lowerSpath,
    convert: lowerConvert,
    iplocation: lowerIplocation,
    replace: lowerReplace,
    transaction: lowerTransaction,
    addtotals: lowerAddtotals,
    top: lowerTop,
    rare: lowerTop,
    sitop: lowerTop,
    sirare: lowerTop,
    makeresults: lowerOptions,
    rest: lowerOptions,
    datamodel: lowerOptions,
    from: lowerOptions,
    collect: lowerOptions,
    xmlkv: lowerOptions,
    fromjson: lowerOptions,
    addinfo: lowerOptions,
    format: lowerOptions,
    foreach: lowerForeach,
    map: lowerMap,
    return: lowerReturn,
};

/** Canonical names of the commands that get a typed kind (everything else stays `GenericCommand`). */
export const TYPED_COMMANDS: readonly string[] = Object.freeze(Object.keys(LOWERINGS));

/** Turns a generic command into its typed kind when splc has one. */
export function typeCommand(node: GenericCommand, diagnostics: Diagnostic[]): Command {
    const lower = Object.prototype.hasOwnProperty.call(LOWERINGS, node.canonical) ? LOWERINGS[node.canonical] : undefined;
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
