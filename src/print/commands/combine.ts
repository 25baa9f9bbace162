/**
 * Printing of `join`, `append`/`appendcols`/`appendpipe` and `multisearch`/`union` (the
 * lowering family src/lower/commands/combine.ts).
 */
import { indent } from "../doc.js";
import { rawWordOrQuoted } from "../lexical.js";
import { synth, opt, refList, nodePart, subsearchPart, type PrintTable } from "./entry.js";

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
                ...nodePart(c.where, (w) => ["WHERE ", indent(p.search(w, p.words))]),
                ...(c.dataset !== null ? [synth(rawWordOrQuoted(c.dataset, p.words))] : []),
                ...subsearchPart(c.subsearch, p),
            ],
            c.rest,
        ),
    AppendCommand: (p, c) => p.typedStage(c.name, [...c.options.map(opt), ...subsearchPart(c.subsearch, p)], c.rest),
    MultisearchCommand: (p, c) =>
        p.typedStage(c.name, [...c.options.map(opt), ...c.datasets.map((d) => synth(rawWordOrQuoted(d, p.words))), ...c.subsearches.flatMap((s) => subsearchPart(s, p))], c.rest),
} satisfies Partial<PrintTable>;
