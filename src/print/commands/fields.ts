/**
 * Printing of `table`, `fields` and `rename` (the lowering family src/lower/commands/fields.ts).
 */
import { synth, refList, fieldText, type PrintTable } from "./entry.js";

/** This family's entries of the printing table (../print.ts). */
export const FIELDS_PRINT = {
    TableCommand: (p, c) => p.typedStage(c.name, refList(c.fields, ","), c.rest),
    FieldsCommand: (p, c) => p.typedStage(c.name, [...(c.mode === "remove" ? [synth("-")] : []), ...refList(c.fields, ",")], c.rest),
    RenameCommand: (p, c) =>
        p.typedStage(
            c.name,
            c.renames.map((r, i) => ({ at: r.span.start, doc: [fieldText(r.from, p.words), " AS ", fieldText(r.to, p.words), i < c.renames.length - 1 ? "," : ""] })),
            c.rest,
        ),
} satisfies Partial<PrintTable>;
