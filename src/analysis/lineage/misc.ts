/**
 * Lineage of `top`/`rare`, the option-only commands (`makeresults`, `rest`, `datamodel`, `from`,
 * `collect`, `xmlkv`, `fromjson`, `addinfo`, `format`), `foreach`, `map` and `return` (the
 * lowering family src/lower/commands/misc.ts).
 */
import type { ForeachCommand, OptionsCommand } from "../../ir/commands.js";
import type { TopCommand } from "../../ir/nodes.js";
import { isTrue, names, optionOf, type LineageTable } from "./entry.js";
import { Builder, push, pushAll, UNKNOWN } from "./sets.js";

const ADDINFO_FIELDS = ["info_min_time", "info_max_time", "info_search_time", "info_sid"];

function topFields(command: TopCommand): string[] {
    const out: string[] = [];
    const showcount = optionOf(command, "showcount");
    const showperc = optionOf(command, "showperc");
    if (showcount === null || isTrue(showcount)) out.push(optionOf(command, "countfield") ?? "count");
    if (showperc === null || isTrue(showperc)) out.push(optionOf(command, "percentfield") ?? "percent");
    return out;
}

function optionsCommandWrites(command: OptionsCommand): string[] {
    switch (command.canonical) {
        case "makeresults":
            return optionOf(command, "data") !== null ? ["_time", "*"] : ["_time"];
        case "addinfo":
            return ADDINFO_FIELDS;
        case "format":
            return ["search"];
        case "collect":
            return [];
        default:
            // rest, datamodel, from, xmlkv, fromjson: the fields come from the data.
            return ["*"];
    }
}

/** Fields a foreach template's evals write, with `<<FIELD>>` standing for each listed pattern. */
function foreachWrites(command: ForeachCommand): string[] {
    const out: string[] = [];
    for (const c of command.template?.commands ?? []) {
        if (c.kind !== "EvalCommand") continue;
        for (const a of c.assignments) {
            if (a.field.includes("<<FIELD>>")) for (const f of names(command.fields)) push(out, a.field.split("<<FIELD>>").join(f));
            else push(out, a.field.replace(/<<[A-Z0-9]+>>/g, "*"));
        }
    }
    return out;
}

/** This family's entries of the lineage table (../lineage.ts). */
export const MISC_LINEAGE = {
    TopCommand: {
        fields: (c, io) => {
            pushAll(io.reads, [...names(c.fields), ...names(c.by)]);
            pushAll(io.writes, topFields(c));
        },
        after: (_prev, c) => new Builder({ exact: true, fields: [], patterns: [], removed: [] }).addAll([...names(c.by), ...names(c.fields), ...topFields(c)]).build(),
    },
    OptionsCommand: {
        fields: (c, io) => pushAll(io.writes, optionsCommandWrites(c)),
        after: (prev, c) => {
            switch (c.canonical) {
                case "makeresults":
                    return optionOf(c, "data") !== null ? new Builder(UNKNOWN).addAll(["_time"]).build() : new Builder({ exact: true, fields: ["_time"], patterns: [], removed: [] }).build();
                case "addinfo":
                    return new Builder(prev).addAll(ADDINFO_FIELDS).build();
                case "format":
                    return { exact: true, fields: ["search"], patterns: [], removed: [] };
                case "collect":
                    return prev;
                case "xmlkv":
                case "fromjson":
                    return new Builder(prev).unknown().build();
                default:
                    return new Builder(UNKNOWN).build(); // rest, datamodel, from: generating
            }
        },
        type: (c, index) => (c.canonical === "datamodel" || c.canonical === "from" ? (index === 0 ? "generating" : "dataset") : undefined),
    },
    ForeachCommand: {
        fields: (c, io) => {
            pushAll(io.reads, names(c.fields));
            pushAll(io.writes, foreachWrites(c));
        },
        after: (prev, c) => new Builder(prev).addAll(foreachWrites(c)).build(),
    },
    MapCommand: {
        fields: (_c, io) => push(io.writes, "*"),
        after: () => new Builder(UNKNOWN).build(),
    },
    ReturnCommand: {
        fields: (c, io) => {
            pushAll(
                io.reads,
                c.items.map((i) => i.field),
            );
            push(io.writes, "search");
        },
        after: () => new Builder({ exact: true, fields: [], patterns: [], removed: [] }).addAll(["search"]).build(),
    },
} satisfies Partial<LineageTable>;
