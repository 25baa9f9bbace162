/**
 * Lineage of `join`, `append`/`appendcols`/`appendpipe` and `multisearch`/`union` (the lowering
 * family src/lower/commands/combine.ts): their pipelines flow on their own and join the main one.
 */
import type { AppendCommand, JoinCommand } from "../../ir/commands.js";
import { names, type Nested, type LineageTable } from "./entry.js";
import { searchFields } from "./expr.js";
import { Builder, push, pushAll, union, UNKNOWN, type FieldSet } from "./sets.js";

/** The fields after `join` or an `append*`: the rows or columns of its pipeline added to the current ones. */
function combined(prev: FieldSet, c: JoinCommand | AppendCommand, { flow }: Nested): FieldSet {
    if (!c.subsearch) return new Builder(prev).unknown().build();
    // appendpipe's pipeline runs over the current results: its first stage does not generate.
    const sub = c.canonical === "appendpipe" ? flow(c.subsearch.commands, prev, c.subsearch.commands.length - 1, 1) : flow(c.subsearch.commands, UNKNOWN, c.subsearch.commands.length - 1);
    return union(prev, sub);
}

/** This family's entries of the lineage table (../lineage.ts). */
export const COMBINE_LINEAGE = {
    JoinCommand: {
        fields: (c, io, nested) => {
            pushAll(io.reads, names(c.fields));
            searchFields(c.where, io.reads);
            const sub = c.subsearch ? nested.fieldsAfter(c.subsearch, c.subsearch.commands.length - 1) : null;
            pushAll(io.writes, sub && sub.exact ? [...sub.fields, ...sub.patterns] : ["*"]);
        },
        after: (prev, c, _index, nested) => combined(prev, c, nested),
        type: (c) => (c.fields.length > 0 ? "centralized-streaming" : "dataset"),
    },
    AppendCommand: {
        fields: (_c, io) => push(io.writes, "*"),
        after: (prev, c, _index, nested) => combined(prev, c, nested),
        type: () => "dataset",
    },
    MultisearchCommand: {
        fields: (_c, io) => push(io.writes, "*"),
        after: (prev, c, index, { flow }) => {
            let acc: FieldSet | null = c.canonical === "union" && index > 0 ? prev : null;
            for (const s of c.subsearches) {
                const f = flow(s.commands, UNKNOWN, s.commands.length - 1);
                acc = acc ? union(acc, f) : f;
            }
            if (!acc || c.datasets.length > 0) return new Builder(acc ?? UNKNOWN).unknown().build();
            return acc;
        },
    },
} satisfies Partial<LineageTable>;
