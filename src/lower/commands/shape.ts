/**
 * Commands that reshape values of fields: `bin`/`bucket`, `fillnull`, `mvexpand`, `makemv`,
 * `spath`, `convert`, `iplocation`, `replace`, `transaction`.
 */
import type {
    AddtotalsCommand,
    BinCommand,
    ConvertCommand,
    FillnullCommand,
    IplocationCommand,
    MakemvCommand,
    MvexpandCommand,
    ReplaceCommand,
    SpathCommand,
    TransactionCommand,
} from "../../ir/commands.js";
import type { CommandArg, FieldRef } from "../../ir/nodes.js";
import { cover } from "../../ir/span.js";
import { base, boolOption, checkOptions, isComma, isKeyword, nameOf, nonBoolOptions, notUnderstood, optionsOf, optionValue, otherOptions, report } from "./util.js";
import type { CommandInput, LoweringTable } from "./util.js";

/** Positional arguments: everything but options, commas and macros (macros may expand to anything). */
function positionals(args: readonly CommandArg[]): CommandArg[] {
    return args.filter((a) => a.kind !== "OptionArg" && !isComma(a) && a.kind !== "MacroCall");
}

/** The positional arguments as field names (a keyword counts, `transaction from`); others are reported. */
function positionalFields(input: CommandInput): FieldRef[] {
    const fields: FieldRef[] = [];
    for (const a of positionals(input.args)) {
        const f = nameOf(a, true);
        if (f) fields.push(f);
        else notUnderstood(input, a);
    }
    return fields;
}

function hasMacro(args: readonly CommandArg[]): boolean {
    return args.some((a) => a.kind === "MacroCall");
}

/** Reads exactly one field name from the positionals; the rest is SPL2006. */
function singleField(input: CommandInput, what: string): string | null {
    const pos = positionals(input.args);
    let field: string | null = null;
    for (const a of pos) {
        const f = nameOf(a);
        if (f && field === null) field = f.name;
        else notUnderstood(input, a);
    }
    if (field === null && !hasMacro(input.args)) report(input, "SPL2005", `${input.node.name} needs ${what}`, input.node.span);
    return field;
}

/**
 * `bin [options] [field] [AS newfield]` (also `bucket`, `discretize`). The docs call the field
 * required, but Splunk bins `_time` without one and shipped content relies on it (reference
 * §4.5): the field is then `_time`, marked implicit, with the info note SPL2001.
 */
export function lowerBin(input: CommandInput): BinCommand {
    const { node } = input;
    const options = optionsOf(node);
    const pos = positionals(input.args);
    let field: string | null = null;
    let as: string | null = null;
    for (let i = 0; i < pos.length; i++) {
        const a = pos[i];
        if (!a) break;
        if (isKeyword(a, "AS")) {
            const t = pos[i + 1];
            const f = t ? nameOf(t) : null;
            if (f) {
                as = f.name;
                i++;
            } else report(input, "SPL2005", `${node.name}: AS needs a field name`, a.span);
            continue;
        }
        const f = nameOf(a);
        if (f && field === null) field = f.name;
        else notUnderstood(input, a);
    }
    if (field === null && !hasMacro(input.args)) {
        const example = [node.name, "_time", ...options.map((o) => `${o.name}=${o.raw}`)].join(" ");
        report(input, "SPL2001", `${node.name} without a field bins _time; write '${example}' to make that explicit`, node.span);
        return { kind: "BinCommand", ...base(input), field: "_time", implicit: true, as, binSpan: optionValue(options, "span"), options: otherOptions(options, "span") };
    }
    return { kind: "BinCommand", ...base(input), field, as, binSpan: optionValue(options, "span"), options: otherOptions(options, "span") };
}

/** `fillnull [value=x] [fields]` (value 0 by default; without fields, every field). */
export function lowerFillnull(input: CommandInput): FillnullCommand {
    const { node } = input;
    const fields = positionalFields(input);
    for (const o of optionsOf(node)) if (o.name.toLowerCase() !== "value") notUnderstood(input, o);
    return { kind: "FillnullCommand", ...base(input), value: optionValue(optionsOf(node), "value") ?? "0", fields };
}

/** `mvexpand field [limit=n]` */
export function lowerMvexpand(input: CommandInput): MvexpandCommand {
    checkOptions(input, optionsOf(input.node), { int: ["limit"] });
    return { kind: "MvexpandCommand", ...base(input), field: singleField(input, "the multivalue field to expand"), options: optionsOf(input.node) };
}

/** `makemv [delim=..|tokenizer=..] [allowempty=] [setsv=] field` */
export function lowerMakemv(input: CommandInput): MakemvCommand {
    checkOptions(input, optionsOf(input.node), { bool: ["allowempty", "setsv"] });
    return { kind: "MakemvCommand", ...base(input), field: singleField(input, "the field to split"), options: optionsOf(input.node) };
}

/** `spath [input=] [output=] [path=|path]` */
export function lowerSpath(input: CommandInput): SpathCommand {
    const { node } = input;
    const options = optionsOf(node);
    let path = optionValue(options, "path");
    for (const a of positionals(input.args)) {
        const f = nameOf(a);
        if (f && path === null) path = f.name;
        else notUnderstood(input, a);
    }
    return {
        kind: "SpathCommand",
        ...base(input),
        input: optionValue(options, "input") ?? "_raw",
        output: optionValue(options, "output"),
        path,
        options: otherOptions(options, "input", "output", "path"),
    };
}

const CONVERT_FNS = new Set(["auto", "ctime", "dur2sec", "memk", "mktime", "mstime", "none", "num", "rmcomma", "rmunit"]);

/** `convert [timeformat=] fn(field) [AS f] ...` (in place unless AS is given). */
export function lowerConvert(input: CommandInput): ConvertCommand {
    const { node } = input;
    const conversions: ConvertCommand["conversions"] = [];
    const pos = positionals(input.args);
    for (let i = 0; i < pos.length; i++) {
        const a = pos[i];
        if (!a) break;
        if (a.kind === "WordArg" && CONVERT_FNS.has(a.text.toLowerCase())) {
            // `convert auto`: a function without parentheses converts every field.
            conversions.push({ fn: a.text.toLowerCase(), field: "*", as: null, span: a.span });
            continue;
        }
        if (a.kind !== "CallArg") {
            notUnderstood(input, a);
            continue;
        }
        const fn = a.name.toLowerCase();
        if (!CONVERT_FNS.has(fn)) report(input, "SPL2006", `convert: unknown conversion function '${a.name}'`, a.span);
        const inner = a.args.filter((x) => !isComma(x));
        const f = inner[0] ? nameOf(inner[0]) : null;
        let as: string | null = null;
        let span = a.span;
        const t = pos[i + 2];
        if (isKeyword(pos[i + 1], "AS") && t && nameOf(t)) {
            as = nameOf(t)?.name ?? null;
            span = cover(a.span, t.span);
            i += 2;
        }
        // `fn()` converts every field.
        conversions.push({ fn, field: f?.name ?? "*", as, span });
    }
    if (conversions.length === 0 && !hasMacro(input.args)) report(input, "SPL2005", "convert needs at least one conversion such as ctime(field)", node.span);
    for (const o of optionsOf(node)) if (o.name.toLowerCase() !== "timeformat") notUnderstood(input, o);
    return { kind: "ConvertCommand", ...base(input), timeformat: optionValue(optionsOf(node), "timeformat"), conversions };
}

/** `iplocation [prefix=] [allfields=] [lang=] field` */
export function lowerIplocation(input: CommandInput): IplocationCommand {
    checkOptions(input, optionsOf(input.node), { bool: ["allfields"] });
    return { kind: "IplocationCommand", ...base(input), field: singleField(input, "the IP address field"), options: optionsOf(input.node) };
}

/** `replace "a" WITH "b", ... [IN fields]` */
export function lowerReplace(input: CommandInput): ReplaceCommand {
    const { node } = input;
    const replacements: ReplaceCommand["replacements"] = [];
    const fields: FieldRef[] = [];
    const pos = positionals(input.args);
    const inAt = pos.findIndex((a) => isKeyword(a, "IN"));
    const pairs = inAt < 0 ? pos : pos.slice(0, inAt);
    for (let i = 0; i < pairs.length; i++) {
        const a = pairs[i];
        const w = pairs[i + 1];
        const b = pairs[i + 2];
        const from = a ? valueOf(a) : null;
        const to = b ? valueOf(b) : null;
        if (a && b && from !== null && to !== null && isKeyword(w, "WITH")) {
            replacements.push({ from, to, span: cover(a.span, b.span) });
            i += 2;
        } else if (a) {
            report(input, "SPL2005", "replace: write '<old> WITH <new>'", a.span);
        }
    }
    if (inAt >= 0) {
        for (const a of pos.slice(inAt + 1)) {
            const f = nameOf(a);
            if (f) fields.push(f);
            else notUnderstood(input, a);
        }
    }
    if (replacements.length === 0 && pairs.length === 0 && !hasMacro(input.args)) report(input, "SPL2005", "replace needs '<old> WITH <new>'", node.span);
    return { kind: "ReplaceCommand", ...base(input), replacements, fields };
}

function valueOf(a: CommandArg): string | null {
    if (a.kind === "StringArg") return a.value;
    if (a.kind === "WordArg") return a.text;
    return null;
}

/** `transaction [fields] [options]` */
export function lowerTransaction(input: CommandInput): TransactionCommand {
    const { node } = input;
    const fields = positionalFields(input);
    return { kind: "TransactionCommand", ...base(input), fields, options: optionsOf(node) };
}

/** `addtotals [row=] [col=] [fieldname=] [labelfield=] [label=] [fields]` (the fields to sum; none: every numeric field). */
export function lowerAddtotals(input: CommandInput): AddtotalsCommand {
    const options = optionsOf(input.node);
    const row = boolOption(input, options, "row", true);
    const col = boolOption(input, options, "col", false);
    const kept = nonBoolOptions(options, ["row", "col"]);
    return {
        kind: "AddtotalsCommand",
        ...base(input),
        row,
        col,
        fieldname: optionValue(options, "fieldname") ?? "Total",
        fields: positionalFields(input),
        options: options.filter((o) => {
            const name = o.name.toLowerCase();
            if (name === "fieldname") return false;
            return (name !== "row" && name !== "col") || kept.includes(o);
        }),
    };
}

/** This family's entries of the lowering table (index.ts). */
export const SHAPE_LOWERINGS = {
    BinCommand: { names: ["bin"], lower: lowerBin },
    FillnullCommand: { names: ["fillnull"], lower: lowerFillnull },
    MvexpandCommand: { names: ["mvexpand"], lower: lowerMvexpand },
    MakemvCommand: { names: ["makemv"], lower: lowerMakemv },
    SpathCommand: { names: ["spath"], lower: lowerSpath },
    ConvertCommand: { names: ["convert"], lower: lowerConvert },
    IplocationCommand: { names: ["iplocation"], lower: lowerIplocation },
    ReplaceCommand: { names: ["replace"], lower: lowerReplace },
    TransactionCommand: { names: ["transaction"], lower: lowerTransaction },
    AddtotalsCommand: { names: ["addtotals"], lower: lowerAddtotals },
} satisfies Partial<LoweringTable>;
