/**
 * Lineage of the stats family (stats, eventstats, streamstats, chart, timechart, tstats, ...;
 * lowered in src/lower/stats.ts).
 */
import type { Expr, StatsCommand } from "../../ir/nodes.js";
import { isTrue, names, optionOf, type LineageTable } from "./entry.js";
import { aggregationName, exprFields, searchFields } from "./expr.js";
import { Builder, hasWildcard, mapWildcard, push, pushAll, type FieldSet } from "./sets.js";

/** The fields after a stats-family command, given the fields before it. */
function statsFields(prev: FieldSet, s: StatsCommand): FieldSet {
    const name = s.canonical;
    const aggNames = aggregateNames(prev, s);
    if (name === "eventstats" || name === "streamstats") return new Builder(prev).addAll(aggNames).build();
    const by = names(s.by);
    // A macro standing in the BY list may name any fields.
    const b = new Builder({ exact: !s.by.some((x) => x.kind === "MacroCall"), fields: [], patterns: [], removed: [] });
    const prestats = isTrue(optionOf(s, "prestats"));
    if (name === "timechart" || name === "sitimechart") {
        b.add("_time");
        if (s.by.length > 0)
            b.exact = false; // one column per value of the split-by field
        else b.addAll(aggNames);
        return b.build();
    }
    if (name === "chart" || name === "sichart") {
        const rows = s.over ? [s.over] : by.slice(0, 1);
        const split = s.over ? by.length > 0 : by.length > 1;
        b.addAll(rows);
        if (split) b.exact = false;
        else b.addAll(aggNames);
        return b.build();
    }
    b.addAll(by);
    if (prestats || name === "geostats") b.exact = false;
    else b.addAll(aggNames);
    return b.build();
}

/** Output names of a command's aggregations; wildcard aggregations map over the input fields. */
function aggregateNames(prev: FieldSet, s: StatsCommand): string[] {
    const out: string[] = [];
    for (const a of s.aggregations) {
        const arg = a.args[0];
        const pattern = a.args.length === 1 && arg?.kind === "Field" && hasWildcard(arg.name) ? arg.name : null;
        const target = aggregationName(a);
        if (!pattern || !hasWildcard(target)) {
            push(out, target);
            continue;
        }
        // `values(*) AS *`, `avg(tcp.*) AS avg_tcp.*`: one output per matching input field.
        for (const f of prev.fields) {
            if (s.by.some((x) => x.kind === "FieldRef" && x.name === f)) continue;
            const m = mapWildcard(pattern, target, f);
            if (m !== null) push(out, m);
        }
        for (const p of prev.patterns) {
            const m = mapWildcard(pattern, target, p);
            if (m !== null) push(out, m);
        }
        if (!prev.exact) push(out, target);
    }
    return out;
}

function aggArgFields(e: Expr, out: string[]): void {
    // A quoted name in an aggregation (`dc("DNS.answer")`) names a field.
    if (e.kind === "String") push(out, e.value);
    else exprFields(e, out);
}

/** This family's entries of the lineage table (../lineage.ts). */
export const STATS_LINEAGE = {
    StatsCommand: {
        fields: (c, io) => {
            for (const a of c.aggregations) for (const x of a.args) aggArgFields(x, io.reads);
            // Source order: aggregations, tstats' WHERE, chart's OVER, BY.
            searchFields(c.where, io.reads);
            if (c.over) push(io.reads, c.over);
            pushAll(io.reads, names(c.by));
            for (const a of c.aggregations) push(io.writes, aggregationName(a));
        },
        after: statsFields,
        type: (c, index) => (c.canonical === "tstats" || c.canonical === "mstats" ? (index > 0 && isTrue(optionOf(c, "append")) ? "transforming" : "generating") : undefined),
    },
} satisfies Partial<LineageTable>;
