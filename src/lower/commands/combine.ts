/**
 * Commands that combine result sets: `join`, `append`, `appendcols`, `appendpipe`,
 * `multisearch` and `union`. Their bracketed searches become nested pipelines.
 */
import type { AppendCommand, JoinCommand, MultisearchCommand } from "../../ir/commands.js";
import type { Pipeline, SearchExpr } from "../../ir/nodes.js";
import { base, checkOptions, intOption, isComma, nameOf, notUnderstood, optionMap, optionsOf, otherOptions, report, type CommandInput, type LoweringTable } from "./util.js";
import type { FieldRef } from "../../ir/nodes.js";

const JOIN_TYPES = new Set(["inner", "outer", "left"]);

/**
 * `join [type=..] [max=..] fields [subsearch]`. Options may stand anywhere before the subsearch
 * (content writes `join ObjectDN type=inner [...]`); `left` and `outer` mean the same.
 */
export function lowerJoin(input: CommandInput): JoinCommand {
    const { node } = input;
    const options = optionsOf(node);
    const fields: FieldRef[] = [];
    let where: SearchExpr | null = null;
    let subsearch: Pipeline | null = null;
    let dataset: string | null = null;
    for (const a of input.args) {
        if (a.kind === "OptionArg" || isComma(a) || a.kind === "MacroCall") continue;
        if (a.kind === "Subsearch") {
            if (subsearch || dataset) notUnderstood(input, a);
            else subsearch = a.pipeline;
            continue;
        }
        if (a.kind === "WhereArg") {
            const split = trailingSubsearch(a.filter);
            where = split.rest;
            if (split.subsearch && !subsearch) subsearch = split.subsearch;
            continue;
        }
        const f = nameOf(a);
        // `datamodel:name`, `savedsearch:name`, `inputlookup:name`: a named dataset instead of a subsearch.
        if (f && !subsearch && !dataset && /^[A-Za-z_]+:./.test(f.name)) dataset = f.name;
        else if (f && !subsearch && !dataset) fields.push(f);
        else notUnderstood(input, a);
    }
    checkOptions(input, options, { bool: ["usetime", "earlier", "overwrite", "return_multivalue"] });
    const typeOpt = optionMap(options).get("type");
    let joinType = "inner";
    const typed = ["max"];
    if (typeOpt) {
        const t = typeOpt.value.toLowerCase();
        if (JOIN_TYPES.has(t)) {
            joinType = t;
            typed.push("type");
        } else report(input, "SPL2004", `join: unknown type '${typeOpt.value}' (use inner, outer or left)`, typeOpt.span);
    }
    if (!subsearch && !dataset && !input.args.some((a) => a.kind === "MacroCall")) report(input, "SPL2005", "join needs a subsearch [ ... ] or a dataset to join with", node.span);
    return { kind: "JoinCommand", ...base(input), joinType, max: intOption(input, options, "max", 1), fields, where, subsearch, dataset, options: otherOptions(options, ...typed) };
}

/**
 * `join left=L right=R WHERE L.a=R.b [search ...]`: the WHERE clause, read in search syntax,
 * swallows the subsearch that follows it as its last operand; give it back to the join.
 */
function trailingSubsearch(filter: SearchExpr | null): { rest: SearchExpr | null; subsearch: Pipeline | null } {
    if (!filter) return { rest: null, subsearch: null };
    if (filter.kind === "Subsearch") return { rest: null, subsearch: filter.pipeline };
    const last = filter.kind === "SearchAnd" ? filter.operands[filter.operands.length - 1] : undefined;
    if (filter.kind !== "SearchAnd" || last?.kind !== "Subsearch") return { rest: filter, subsearch: null };
    const operands = filter.operands.slice(0, -1);
    const first = operands[0];
    const rest: SearchExpr | null =
        operands.length === 1 && first ? first : first ? { ...filter, operands, span: { start: first.span.start, end: (operands[operands.length - 1] ?? first).span.end } } : null;
    return { rest, subsearch: last.pipeline };
}

/** `append`, `appendcols`, `appendpipe`: options and one bracketed pipeline. */
export function lowerAppend(input: CommandInput): AppendCommand {
    const { node } = input;
    let subsearch: Pipeline | null = null;
    for (const a of input.args) {
        if (a.kind === "OptionArg" || isComma(a) || a.kind === "MacroCall") continue;
        if (a.kind === "Subsearch" && !subsearch) subsearch = a.pipeline;
        else notUnderstood(input, a);
    }
    if (!subsearch && !input.args.some((a) => a.kind === "MacroCall")) report(input, "SPL2005", `${node.name} needs a subsearch [ ... ]`, node.span);
    return { kind: "AppendCommand", ...base(input), subsearch, options: optionsOf(node) };
}

/** `multisearch [..] [..]` and `union [options] ([..] | dataset)+`. */
export function lowerMultisearch(input: CommandInput): MultisearchCommand {
    const { node } = input;
    const subsearches: Pipeline[] = [];
    const datasets: string[] = [];
    const union = node.canonical === "union";
    for (const a of input.args) {
        if (a.kind === "OptionArg" || isComma(a) || a.kind === "MacroCall") continue;
        if (a.kind === "Subsearch") {
            subsearches.push(a.pipeline);
            continue;
        }
        const f = union ? nameOf(a) : null;
        if (f) datasets.push(f.name);
        else notUnderstood(input, a);
    }
    const n = subsearches.length + datasets.length;
    if (!input.args.some((a) => a.kind === "MacroCall")) {
        if (!union && n < 2) report(input, "SPL2005", "multisearch needs at least two subsearches", node.span);
        if (union && n === 0) report(input, "SPL2005", "union needs at least one dataset or subsearch", node.span);
    }
    return { kind: "MultisearchCommand", ...base(input), subsearches, datasets, options: optionsOf(node) };
}

/** This family's entries of the lowering table (index.ts). */
export const COMBINE_LOWERINGS = {
    JoinCommand: { names: ["join"], lower: lowerJoin },
    AppendCommand: { names: ["append", "appendcols", "appendpipe"], lower: lowerAppend },
    MultisearchCommand: { names: ["multisearch", "union"], lower: lowerMultisearch },
} satisfies Partial<LoweringTable>;
