/**
 * `dedup`, `sort`, `head` and `tail`: commands that order or thin out results.
 */
import type { DedupCommand, HeadCommand, SortCommand, SortKey } from "../../ir/commands.js";
import type { CommandArg, FieldRef } from "../../ir/nodes.js";
import { cover } from "../../ir/span.js";
import { base, checkOptions, intOf, intOption, isComma, nameOf, notUnderstood, optionMap, optionsOf, otherOptions, report, type CommandInput, type LoweringTable } from "./util.js";

const SORT_FNS = new Set(["auto", "str", "ip", "num"]);

/**
 * Reads sort keys (`-x`, `- x`, `+x`, `num(x)`, `-str(x)`, `"a b"`) from `args`, which hold no
 * commas or options. Arguments that are not keys are reported.
 */
function sortKeys(input: CommandInput, args: readonly CommandArg[]): SortKey[] {
    const keys: SortKey[] = [];
    let sign: { descending: boolean; span: CommandArg["span"] } | null = null;
    for (const a of args) {
        if (a.kind === "WordArg" && (a.text === "-" || a.text === "+")) {
            sign = { descending: a.text === "-", span: a.span };
            continue;
        }
        let descending = sign?.descending ?? false;
        const span = sign ? cover(sign.span, a.span) : a.span;
        sign = null;
        if (a.kind === "WordArg") {
            let text = a.text;
            if (/^[+-]./.test(text)) {
                descending = text.startsWith("-");
                text = text.slice(1);
            }
            keys.push({ field: text, descending, fn: null, span });
            continue;
        }
        if (a.kind === "CallArg") {
            let fn = a.name;
            if (/^[+-]./.test(fn)) {
                descending = fn.startsWith("-");
                fn = fn.slice(1);
            }
            const inner = a.args.filter((x) => !isComma(x));
            const f = inner.length === 1 && inner[0] ? nameOf(inner[0]) : null;
            if (SORT_FNS.has(fn.toLowerCase()) && f) keys.push({ field: f.name, descending, fn: fn.toLowerCase(), span });
            // The sign belongs to the key, not to the name (`-f()` sorts descending on `f()`).
            else keys.push({ field: (nameOf(a)?.name ?? fn).replace(/^[+-](?=.)/, ""), descending, fn: null, span });
            continue;
        }
        if (a.kind === "StringArg") {
            keys.push({ field: a.value, descending, fn: null, span });
            continue;
        }
        if (a.kind !== "MacroCall") notUnderstood(input, a);
    }
    if (sign) input.lossy = true;
    if (sign) report(input, "SPL2006", `${input.node.name}: '${sign.descending ? "-" : "+"}' without a field after it`, sign.span);
    return keys;
}

/** The positional arguments (commas and options dropped), with a leading `N` count split off. */
function leadingCount(all: readonly CommandArg[]): { count: number | null; args: CommandArg[] } {
    const args = all.filter((a) => !isComma(a) && a.kind !== "OptionArg");
    const first = args[0];
    if (first?.kind === "WordArg" && intOf(first.text) !== null && args.length > 1) return { count: intOf(first.text), args: args.slice(1) };
    return { count: null, args };
}

/** `sort [N] [+|-]key, ... [d|desc]` */
export function lowerSort(input: CommandInput): SortCommand {
    const { node } = input;
    const options = optionsOf(node);
    let { count: limit, args } = leadingCount(input.args);
    const limitOption = limit === null && optionMap(options).has("limit");
    if (limitOption) limit = intOption(input, options, "limit", null);
    let reverse = false;
    const last = args[args.length - 1];
    if (args.length > 1 && last?.kind === "WordArg" && /^(d|desc)$/i.test(last.text)) {
        reverse = true;
        args = args.slice(0, -1);
    }
    const keys = sortKeys(input, args);
    if (keys.length === 0 && !input.args.some((a) => a.kind === "MacroCall")) report(input, "SPL2005", "sort needs at least one field", node.span);
    return { kind: "SortCommand", ...base(input), limit, keys, reverse, options: limitOption && limit !== null ? otherOptions(options, "limit") : options };
}

/** `dedup [N] fields [keepevents=] [keepempty=] [consecutive=] [sortby keys]` */
export function lowerDedup(input: CommandInput): DedupCommand {
    const { node } = input;
    const options = optionsOf(node);
    const { count, args } = leadingCount(input.args);
    const sortAt = args.findIndex((a) => a.kind === "WordArg" && a.text.toLowerCase() === "sortby");
    const fieldArgs = sortAt < 0 ? args : args.slice(0, sortAt);
    const fields: FieldRef[] = [];
    for (const a of fieldArgs) {
        const f = nameOf(a, true);
        if (f) fields.push(f);
        else if (a.kind !== "MacroCall") notUnderstood(input, a);
    }
    const sortBy = sortAt < 0 ? [] : sortKeys(input, args.slice(sortAt + 1));
    checkOptions(input, options, { bool: ["keepevents", "keepempty", "consecutive"] });
    if (fields.length === 0 && !input.args.some((a) => a.kind === "MacroCall")) report(input, "SPL2005", "dedup needs at least one field", node.span);
    return { kind: "DedupCommand", ...base(input), count, fields, sortBy, options };
}

/** `head [N | (expr)] [limit=N] [null=] [keeplast=]`, `tail [N]` */
export function lowerHead(input: CommandInput): HeadCommand {
    const { node } = input;
    const options = optionsOf(node);
    let count: number | null = null;
    for (const a of input.args) {
        if (a.kind === "OptionArg" || isComma(a) || a.kind === "MacroCall") continue;
        if (a.kind === "WordArg" && intOf(a.text) !== null && count === null) count = intOf(a.text);
        else if (a.kind === "GroupArg" && node.canonical === "head")
            input.rest.push(a); // `head (eval-expr)`: kept as written
        else notUnderstood(input, a);
    }
    const limitOption = count === null && optionMap(options).has("limit");
    if (limitOption) count = intOption(input, options, "limit", null);
    checkOptions(input, options, { bool: ["null", "keeplast"] });
    return { kind: "HeadCommand", ...base(input), count, options: limitOption && count !== null ? otherOptions(options, "limit") : options };
}

/** This family's entries of the lowering table (index.ts). */
export const ORDER_LOWERINGS = {
    DedupCommand: { names: ["dedup"], lower: lowerDedup },
    SortCommand: { names: ["sort"], lower: lowerSort },
    HeadCommand: { names: ["head", "tail"], lower: lowerHead },
} satisfies Partial<LoweringTable>;
