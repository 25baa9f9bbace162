/**
 * Lineage of `table`, `fields` and `rename` (the lowering family src/lower/commands/fields.ts).
 */
import type { FieldsCommand, TableCommand } from "../../ir/commands.js";
import { names, type LineageTable } from "./entry.js";
import { Builder, push, pushAll, rename, restrict, type FieldSet } from "./sets.js";

/** The fields after `table` or `fields`. */
function projection(prev: FieldSet, c: TableCommand | FieldsCommand): FieldSet {
    // An unexpanded macro among the fields may name any field: nothing is known absent.
    if (c.rest.some((a) => a.kind === "MacroCall"))
        return c.kind === "FieldsCommand" && c.mode === "remove" ? new Builder(prev).unknown().build() : restrict(prev, [...names(c.fields), "*"], c.kind === "FieldsCommand");
    if (c.kind === "TableCommand") return restrict(prev, names(c.fields), false);
    if (c.mode === "keep") return restrict(prev, names(c.fields), true);
    const b = new Builder(prev);
    for (const f of c.fields) b.remove(f.name);
    return b.build();
}

/** This family's entries of the lineage table (../lineage.ts). */
export const FIELDS_LINEAGE = {
    TableCommand: {
        fields: (c, io) => pushAll(io.reads, names(c.fields)),
        after: projection,
    },
    FieldsCommand: {
        fields: (c, io) => pushAll(io.reads, names(c.fields)),
        after: projection,
    },
    RenameCommand: {
        fields: (c, io) => {
            for (const r of c.renames) {
                push(io.reads, r.from);
                push(io.writes, r.to);
            }
        },
        after: (prev, c) => {
            const b = new Builder(prev);
            for (const r of c.renames) rename(b, r.from, r.to);
            return b.build();
        },
    },
} satisfies Partial<LineageTable>;
