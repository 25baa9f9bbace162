/**
 * `--format summary`: for corpus-scale runs, counts instead of per-rule reports: diagnostics per
 * code, rules per data source (index, sourcetype, data model, unexpanded macro), and the most
 * shared indicators.
 */
import { DIAGNOSTIC_CODES, type Analysis, type IndicatorIndex } from "../index.js";
import type { LocatedDiagnostic } from "./located.js";

/** The summary as text. */
export function summaryReport(analyses: readonly Analysis[], diagnostics: readonly LocatedDiagnostic[], index: IndicatorIndex, top: number, files: number): string {
    const lines: string[] = [`${analyses.length} rule(s) from ${files} file(s)`, "", "Diagnostics per code"];
    const perCode = new Map<string, number>();
    for (const d of diagnostics) perCode.set(`${d.code} ${d.severity}`, (perCode.get(`${d.code} ${d.severity}`) ?? 0) + 1);
    if (perCode.size === 0) lines.push("  (none)");
    for (const [key, n] of sorted(perCode)) {
        const code = key.split(" ")[0] as keyof typeof DIAGNOSTIC_CODES;
        lines.push(`  ${String(n).padStart(6)}  ${key}  ${DIAGNOSTIC_CODES[code]?.summary ?? ""}`.trimEnd());
    }
    const sources = new Map<string, Map<string, number>>();
    const bump = (kind: string, value: string): void => {
        const m = sources.get(kind) ?? new Map<string, number>();
        sources.set(kind, m);
        m.set(value, (m.get(value) ?? 0) + 1);
    };
    for (const a of analyses) {
        const seen = new Set<string>();
        const once = (kind: string, value: string): void => {
            if (seen.has(`${kind}\0${value}`)) return;
            seen.add(`${kind}\0${value}`);
            bump(kind, value);
        };
        for (const kind of ["index", "sourcetype"] as const) for (const v of a.dataSources[kind]) if (!v.negated) once(kind, v.value);
        for (const m of a.dataSources.datamodels) once("data model", m.dataset ? `${m.datamodel}.${m.dataset}` : m.datamodel);
        for (const m of a.dataSources.macros) if (!m.expanded) once("unexpanded macro", m.name);
    }
    lines.push("", "Rules per data source");
    if (sources.size === 0) lines.push("  (none)");
    for (const [kind, m] of sources) {
        lines.push(`  ${kind}`);
        for (const [value, n] of sorted(m).slice(0, Math.max(top, 1))) lines.push(`    ${String(n).padStart(6)}  ${value}`);
    }
    if (top > 0) {
        lines.push("", "Most shared indicators");
        for (const e of index.top(top)) lines.push(`  ${String(e.count).padStart(6)}  ${e.key}`);
    }
    return `${lines.join("\n")}\n`;
}

/** Entries by count, then key. */
function sorted(m: Map<string, number>): [string, number][] {
    return [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}
