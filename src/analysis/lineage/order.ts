/**
 * Lineage of `dedup`, `sort` and `head`/`tail` (the lowering family src/lower/commands/order.ts):
 * they keep or reorder rows and change no field.
 */
import { isTrue, names, optionOf, type LineageTable } from "./entry.js";
import { pushAll } from "./sets.js";

/** This family's entries of the lineage table (../lineage.ts). */
export const ORDER_LINEAGE = {
    DedupCommand: {
        fields: (c, io) => pushAll(io.reads, [...names(c.fields), ...c.sortBy.map((k) => k.field)]),
        after: (prev) => prev,
        type: (c) => (c.sortBy.length > 0 || isTrue(optionOf(c, "keepevents")) ? "dataset" : "streaming"),
    },
    SortCommand: {
        fields: (c, io) =>
            pushAll(
                io.reads,
                c.keys.map((k) => k.field),
            ),
        after: (prev) => prev,
    },
    HeadCommand: {
        // Reads and writes no field.
        fields: () => undefined,
        after: (prev) => prev,
    },
} satisfies Partial<LineageTable>;
