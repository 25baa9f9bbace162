/**
 * Printing of `bin`, `fillnull`, `mvexpand`, `makemv`, `spath`, `convert`, `iplocation`,
 * `replace`, `transaction`, `addtotals` (the lowering family src/lower/commands/shape.ts).
 */
import type { MakemvCommand, IplocationCommand } from "../../ir/commands.js";
import { type Doc } from "../doc.js";
import { afterEquals, quote, rawWordOrQuoted } from "../lexical.js";
import { synth, opt, refList, fieldText, type CommandPrinter, type PrintTable } from "./entry.js";

/** `makemv` and `iplocation`: options, then the field. */
function optionsThenField(p: CommandPrinter, c: MakemvCommand | IplocationCommand): Doc {
    return p.typedStage(c.name, [...c.options.map(opt), ...(c.field !== null ? [synth(fieldText(c.field, p.words))] : [])], c.rest);
}

/** This family's entries of the printing table (../print.ts). */
export const SHAPE_PRINT = {
    BinCommand: (p, c) =>
        p.typedStage(
            c.name,
            [
                ...(c.field !== null && !c.implicit ? [synth(fieldText(c.field, p.words))] : []),
                ...(c.binSpan !== null ? [synth(`span=${rawWordOrQuoted(c.binSpan, afterEquals(p.words))}`)] : []),
                ...c.options.map(opt),
                ...(c.as !== null ? [synth(["AS ", fieldText(c.as, p.words)])] : []),
            ],
            c.rest,
        ),
    FillnullCommand: (p, c) => p.typedStage(c.name, [...(c.value !== "0" ? [synth(`value=${rawWordOrQuoted(c.value, afterEquals(p.words))}`)] : []), ...refList(c.fields, "")], c.rest),
    MvexpandCommand: (p, c) => p.typedStage(c.name, [...(c.field !== null ? [synth(fieldText(c.field, p.words))] : []), ...c.options.map(opt)], c.rest),
    MakemvCommand: optionsThenField,
    IplocationCommand: optionsThenField,
    SpathCommand: (p, c) =>
        p.typedStage(
            c.name,
            [
                ...(c.input !== "_raw" ? [synth(`input=${rawWordOrQuoted(c.input, afterEquals(p.words))}`)] : []),
                ...(c.output !== null ? [synth(`output=${rawWordOrQuoted(c.output, afterEquals(p.words))}`)] : []),
                ...c.options.map(opt),
                // The positional form; quoting keeps a path with `=` from reading as an option.
                ...(c.path !== null ? [synth(rawWordOrQuoted(c.path, p.words))] : []),
            ],
            c.rest,
        ),
    ConvertCommand: (p, c) =>
        p.typedStage(
            c.name,
            [
                ...(c.timeformat !== null ? [synth(`timeformat=${quote(c.timeformat)}`)] : []),
                ...c.conversions.map((v) => ({
                    at: v.span.start,
                    doc: [v.fn, "(", v.field === "*" ? "" : fieldText(v.field, p.words), ")", ...(v.as !== null ? [" AS ", fieldText(v.as, p.words)] : [])],
                })),
            ],
            c.rest,
        ),
    ReplaceCommand: (p, c) =>
        p.typedStage(
            c.name,
            [
                ...c.replacements.map((r, i) => ({ at: r.span.start, doc: [quote(r.from), " WITH ", quote(r.to), i < c.replacements.length - 1 ? "," : ""] })),
                ...(c.fields.length > 0 ? [synth("IN"), ...refList(c.fields, ",")] : []),
            ],
            c.rest,
        ),
    TransactionCommand: (p, c) => p.typedStage(c.name, [...refList(c.fields, ","), ...c.options.map(opt)], c.rest),
    AddtotalsCommand: (p, c) =>
        p.typedStage(
            c.name,
            [
                ...(c.row ? [] : [synth("row=f")]),
                ...(c.col ? [synth("col=t")] : []),
                ...(c.fieldname !== "Total" ? [synth(`fieldname=${rawWordOrQuoted(c.fieldname, afterEquals(p.words))}`)] : []),
                ...c.options.map(opt),
                ...refList(c.fields, ""),
            ],
            c.rest,
        ),
} satisfies Partial<PrintTable>;
