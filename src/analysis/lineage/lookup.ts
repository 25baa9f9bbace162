/**
 * Lineage of `lookup`, `inputlookup` and `outputlookup` (the lowering family
 * src/lower/commands/lookup.ts).
 */
import { isTrue, optionOf, type LineageTable } from "./entry.js";
import { searchFields } from "./expr.js";
import { Builder, push, pushAll, UNKNOWN } from "./sets.js";

/** This family's entries of the lineage table (../lineage.ts). */
export const LOOKUP_LINEAGE = {
    LookupCommand: {
        fields: (c, io) => {
            pushAll(
                io.reads,
                c.inputs.map((m) => m.eventField),
            );
            // Without OUTPUT every column of the table is added: which ones is unknown here.
            pushAll(io.writes, c.outputMode ? c.outputs.map((m) => m.eventField) : ["*"]);
        },
        after: (prev, c) => {
            if (!c.outputMode) return new Builder(prev).unknown().build();
            return new Builder(prev).addAll(c.outputs.map((m) => m.eventField)).build();
        },
        type: (c) => (isTrue(optionOf(c, "local")) ? "orchestrating" : "streaming"),
    },
    InputlookupCommand: {
        fields: (c, io) => {
            searchFields(c.where, io.reads);
            push(io.writes, "*");
        },
        after: (prev, c, index) => {
            if (index > 0 && isTrue(optionOf(c, "append"))) return new Builder(prev).unknown().build();
            return new Builder(UNKNOWN).build();
        },
        type: (c, index) => (index > 0 && isTrue(optionOf(c, "append")) ? "dataset" : "generating"),
    },
    OutputlookupCommand: {
        // Reads and writes no field.
        fields: () => undefined,
        after: (prev) => prev,
    },
} satisfies Partial<LineageTable>;
