/**
 * Printing of `join`, `append`/`appendcols`/`appendpipe` and `multisearch`/`union` (the
 * lowering family src/lower/commands/combine.ts).
 */
import { indent } from "../doc.js";
import { rawWordOrQuoted } from "../lexical.js";
import { synth, opt, refList, type PrintTable } from "./entry.js";

/** This family's entries of the printing table (../print.ts). */
export const COMBINE_PRINT = {
    JoinCommand: (p, c) =>
        p.typedStage(
            c.name,
            [
                ...(c.joinType !== "inner" ? [synth(`type=${c.joinType}`)] : []),
                ...(c.max !== 1 ? [synth(`max=${c.max}`)] : []),
                ...c.options.map(opt),
                ...refList(c.fields, ","),
                ...(c.where ? [{ at: c.where.span.start, doc: ["WHERE ", indent(p.search(c.where, p.words))] }] : []),
                ...(c.dataset !== null ? [synth(rawWordOrQuoted(c.dataset, p.words))] : []),
                ...(c.subsearch ? [{ at: c.subsearch.span.start, doc: p.subsearch(c.subsearch, false) }] : []),
            ],
            c.rest,
        ),
    AppendCommand: (p, c) => p.typedStage(c.name, [...c.options.map(opt), ...(c.subsearch ? [{ at: c.subsearch.span.start, doc: p.subsearch(c.subsearch, false) }] : [])], c.rest),
    MultisearchCommand: (p, c) =>
        p.typedStage(
            c.name,
            [...c.options.map(opt), ...c.datasets.map((d) => synth(rawWordOrQuoted(d, p.words))), ...c.subsearches.map((s) => ({ at: s.span.start, doc: p.subsearch(s, false) }))],
            c.rest,
        ),
} satisfies Partial<PrintTable>;
