/**
 * Printing of `dedup`, `sort` and `head`/`tail` (the lowering family
 * src/lower/commands/order.ts).
 */
import { last, synth, opt, refList, sortKeys, type PrintTable } from "./entry.js";

/** This family's entries of the printing table (../print.ts). */
export const ORDER_PRINT = {
    DedupCommand: (p, c) =>
        p.typedStage(
            c.name,
            [...(c.count !== null ? [synth(String(c.count))] : []), ...refList(c.fields, ""), ...c.options.map(opt), ...(c.sortBy.length > 0 ? [synth("sortby"), ...sortKeys(c.sortBy, p.words)] : [])],
            c.rest,
        ),
    SortCommand: (p, c) =>
        p.typedStage(c.name, [...(c.limit !== null ? [synth(String(c.limit))] : []), ...c.options.map(opt), ...sortKeys(c.keys, p.words), ...(c.reverse ? [last("desc")] : [])], c.rest),
    HeadCommand: (p, c) => p.typedStage(c.name, [...(c.count !== null ? [synth(String(c.count))] : []), ...c.options.map(opt)], c.rest),
} satisfies Partial<PrintTable>;
