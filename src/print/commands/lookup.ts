/**
 * Printing of `lookup`, `inputlookup` and `outputlookup` (the lowering family
 * src/lower/commands/lookup.ts).
 */
import { indent } from "../doc.js";
import { lookupName, synth, opt, fieldMap, type PrintTable } from "./entry.js";

/** This family's entries of the printing table (../print.ts). */
export const LOOKUP_PRINT = {
    LookupCommand: (p, c) => {
        // A macro before the table name would stand for it (the name is then ""): options
        // written after the first macro print after the name, so that it stays before it.
        const firstRest = c.rest[0]?.span.start ?? Infinity;
        return p.typedStage(
            c.name,
            [
                ...c.options.filter((o) => o.span.start < firstRest).map(opt),
                ...lookupName(c.lookup, p.words),
                ...c.options.filter((o) => o.span.start >= firstRest).map(opt),
                ...c.inputs.map((m) => fieldMap(m, p.words)),
                ...(c.outputMode !== null ? [synth(c.outputMode), ...c.outputs.map((m) => fieldMap(m, p.words))] : []),
            ],
            c.rest,
        );
    },
    InputlookupCommand: (p, c) =>
        p.typedStage(c.name, [...c.options.map(opt), ...lookupName(c.lookup, p.words), ...(c.where ? [{ at: c.where.span.start, doc: ["WHERE ", indent(p.search(c.where, p.words))] }] : [])], c.rest),
    OutputlookupCommand: (p, c) => p.typedStage(c.name, [...c.options.map(opt), ...lookupName(c.lookup, p.words)], c.rest),
} satisfies Partial<PrintTable>;
