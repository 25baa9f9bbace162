/**
 * Printing of `lookup`, `inputlookup` and `outputlookup` (the lowering family
 * src/lower/commands/lookup.ts).
 */
import { indent } from "../doc.js";
import { lookupName, synth, opt, fieldMap, nodePart, type PrintTable } from "./entry.js";

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
    InputlookupCommand: (p, c) => p.typedStage(c.name, [...c.options.map(opt), ...lookupName(c.lookup, p.words), ...nodePart(c.where, (w) => ["WHERE ", indent(p.search(w, p.words))])], c.rest),
    OutputlookupCommand: (p, c) => p.typedStage(c.name, [...c.options.map(opt), ...lookupName(c.lookup, p.words)], c.rest),
} satisfies Partial<PrintTable>;
