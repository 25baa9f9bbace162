/**
 * Lineage of the commands that reshape values and rows (the lowering family
 * src/lower/commands/shape.ts): `bin`, `fillnull`, `mvexpand`, `makemv`, `spath`, `convert`,
 * `iplocation`, `replace`, `transaction`, `addtotals`.
 */
import type { AddtotalsCommand, IplocationCommand, MakemvCommand, MvexpandCommand } from "../../ir/commands.js";
import { isTrue, names, optionOf, type LineageEntry, type LineageTable } from "./entry.js";
import { Builder, push, pushAll } from "./sets.js";

const IPLOCATION_FIELDS = ["City", "Country", "Region", "lat", "lon"];
const IPLOCATION_ALL = ["Continent", "MetroCode", "Timezone"];
const TRANSACTION_FIELDS = ["duration", "eventcount"];

/** The fields addtotals adds: the row total, and the label field of a column-total row. */
function addtotalsFields(c: AddtotalsCommand): string[] {
    const out = c.row ? [c.fieldname] : [];
    const label = optionOf(c, "labelfield");
    if (c.col && label !== null) out.push(label);
    return out;
}

function iplocationFields(command: IplocationCommand): string[] {
    const prefix = optionOf(command, "prefix") ?? "";
    const all = isTrue(optionOf(command, "allfields"));
    return [...IPLOCATION_FIELDS, ...(all ? IPLOCATION_ALL : [])].map((f) => prefix + f);
}

/** `mvexpand` and `makemv` rewrite the values of one field in place. */
const IN_PLACE: LineageEntry<MvexpandCommand | MakemvCommand> = {
    fields: (c, io) => {
        if (c.field) {
            push(io.reads, c.field);
            push(io.writes, c.field);
        }
    },
    after: (prev) => prev,
};

/** This family's entries of the lineage table (../lineage.ts). */
export const SHAPE_LINEAGE = {
    BinCommand: {
        fields: (c, io) => {
            if (c.field) {
                push(io.reads, c.field);
                push(io.writes, c.as ?? c.field);
            }
        },
        after: (prev, c) => (c.as ? new Builder(prev).addAll([c.as]).build() : prev),
        type: (c) => (c.binSpan !== null ? "streaming" : "dataset"),
    },
    FillnullCommand: {
        fields: (c, io) => pushAll(io.writes, c.fields.length > 0 ? names(c.fields) : ["*"]),
        // With a field list, fillnull creates the fields that are missing.
        after: (prev, c) => new Builder(prev).addAll(names(c.fields)).build(),
        type: (c) => (c.fields.length > 0 ? "streaming" : "dataset"),
    },
    MvexpandCommand: IN_PLACE,
    MakemvCommand: IN_PLACE,
    SpathCommand: {
        fields: (c, io) => {
            push(io.reads, c.input);
            push(io.writes, c.output ?? c.path ?? "*");
        },
        after: (prev, c) => {
            const out = c.output ?? c.path;
            return out ? new Builder(prev).addAll([out]).build() : new Builder(prev).unknown().build();
        },
    },
    ConvertCommand: {
        fields: (c, io) => {
            for (const x of c.conversions) {
                push(io.reads, x.field);
                push(io.writes, x.as ?? x.field);
            }
        },
        after: (prev, c) => new Builder(prev).addAll(c.conversions.flatMap((x) => (x.as ? [x.as] : []))).build(),
    },
    IplocationCommand: {
        fields: (c, io) => {
            if (c.field) push(io.reads, c.field);
            pushAll(io.writes, iplocationFields(c));
        },
        after: (prev, c) => new Builder(prev).addAll(iplocationFields(c)).build(),
    },
    ReplaceCommand: {
        fields: (c, io) => {
            pushAll(io.reads, c.fields.length > 0 ? names(c.fields) : ["*"]);
            pushAll(io.writes, c.fields.length > 0 ? names(c.fields) : ["*"]);
        },
        after: (prev) => prev,
    },
    TransactionCommand: {
        fields: (c, io) => {
            pushAll(io.reads, names(c.fields));
            pushAll(io.writes, TRANSACTION_FIELDS);
        },
        after: (prev) => new Builder(prev).addAll(TRANSACTION_FIELDS).build(),
    },
    AddtotalsCommand: {
        fields: (c, io) => {
            pushAll(io.reads, c.fields.length > 0 ? names(c.fields) : ["*"]);
            pushAll(io.writes, addtotalsFields(c));
        },
        after: (prev, c) => new Builder(prev).addAll(addtotalsFields(c)).build(),
        type: (c) => (c.col ? "transforming" : "streaming"),
    },
} satisfies Partial<LineageTable>;
