/** Text and SARIF renderings of an {@link OverlapReport}; both are pure functions of the report. */
import type { ModelEvent } from "./model.js";
import type { OverlapReport, PairFinding } from "./catalog.js";

/** A witness event on one line: `user=[a,b] raw="..."`. */
export function witnessText(ev: ModelEvent): string {
    const fields = Object.entries(ev.fields).map(([k, v]) => (v.length === 0 ? `${k}=(absent)` : v.length === 1 ? `${k}=${v[0]}` : `${k}=[${v.join(",")}]`));
    if (ev.raw !== "") fields.push(`raw=${JSON.stringify(ev.raw)}`);
    return fields.length > 0 ? fields.join(" ") : "(any event)";
}

/** Options of {@link formatOverlapText}. */
export interface OverlapTextOptions {
    /** How many overlapping and undecided pairs to list (default 20; the counts are always shown). */
    limit?: number;
}

/** The report as text for a terminal. */
export function formatOverlapText(report: OverlapReport, options: OverlapTextOptions = {}): string {
    const limit = options.limit ?? 20;
    const name = new Map(report.rules.map((r) => [r.id, r.name ?? r.id]));
    const show = (id: string): string => name.get(id) ?? id;
    const out: string[] = [];
    const c = report.counts;
    out.push(
        `${c.rules} rule(s), ${c.modelled} with a modelled event filter; ${c.pairs} pair(s): ${c.disjointBySource} disjoint by data source, ${c.sharingSource} share a data source, ${c.compared} related in full`,
    );
    out.push(`  equivalent ${c.equivalent}, contained ${c.contained}, overlap ${c.overlap}, disjoint ${c.disjoint}, unknown ${c.unknown}`);
    out.push("");
    out.push(`Equivalent groups (${report.equivalent.length})`);
    for (const g of report.equivalent)
        out.push(`  ${g.laterStages === "same" ? "same events, same later stages" : "same events, different aggregation"}:\n${g.rules.map((id) => `    - ${show(id)}`).join("\n")}`);
    out.push("");
    // A containment in a rule that filters again after its event filter (join, where...) says little: list those apart.
    const later = new Map(report.rules.map((r) => [r.id, r.laterFilters]));
    const plain = report.containments.filter((f) => (later.get(f.b) ?? []).length === 0);
    out.push(`Containments (${report.containments.length}): every event of the first is an event of the second`);
    if (plain.length < report.containments.length)
        out.push(`  (${report.containments.length - plain.length} more where the second rule filters again in later stages or calls a macro there; see the JSON output)`);
    for (const f of plain.slice(0, Math.max(limit, 0) * 5)) out.push(`  ${show(f.a)}\n    within ${show(f.b)}${f.witness ? `\n    (only the second: ${witnessText(f.witness)})` : ""}`);
    if (plain.length > limit * 5) out.push(`  ... ${plain.length - limit * 5} more`);
    out.push("");
    const overlaps = [...report.overlaps].sort((x, y) => Number(x.multivalue ?? false) - Number(y.multivalue ?? false));
    out.push(`Overlapping pairs sharing a data source (${overlaps.length}${overlaps.length > limit ? `, first ${limit}` : ""})`);
    for (const f of overlaps.slice(0, limit)) out.push(pair(f, show));
    out.push("");
    out.push(`Undecided pairs sharing a data source (${report.unknown.length}${report.unknown.length > limit ? `, first ${limit}` : ""})`);
    for (const f of report.unknown.slice(0, limit)) out.push(`  ${show(f.a)}\n    ? ${show(f.b)}\n    ${f.reason}`);
    return `${out.join("\n")}\n`;
}

function pair(f: PairFinding, show: (id: string) => string): string {
    return `  ${show(f.a)}\n    & ${show(f.b)}${f.witness ? `\n    both select: ${witnessText(f.witness)}` : ""}`;
}

/** A minimal SARIF 2.1.0 log: one result per equivalent group, containment and overlap, with related locations. */
export function overlapSarif(report: OverlapReport): SarifLog {
    const file = new Map(report.rules.map((r) => [r.id, r.file]));
    const name = new Map(report.rules.map((r) => [r.id, r.name ?? r.id]));
    const location = (id: string, i: number): SarifLocation => ({
        id: i,
        message: { text: name.get(id) ?? id },
        physicalLocation: { artifactLocation: { uri: file.get(id) ?? id } },
    });
    const results: SarifResult[] = [];
    for (const g of report.equivalent) {
        const [first, ...rest] = g.rules;
        results.push({
            ruleId: "overlap/equivalent",
            level: "warning",
            message: { text: `${name.get(first!)} selects the same events as ${rest.length} other rule(s)${g.laterStages === "different" ? " (different aggregation)" : ""}` },
            locations: [location(first!, 0)],
            relatedLocations: rest.map((id, i) => location(id, i + 1)),
        });
    }
    for (const f of report.containments) {
        results.push({
            ruleId: "overlap/contained",
            level: "note",
            message: { text: `every event of ${name.get(f.a)} is also selected by ${name.get(f.b)}` },
            locations: [location(f.a, 0)],
            relatedLocations: [location(f.b, 1)],
        });
    }
    for (const f of report.overlaps) {
        results.push({
            ruleId: "overlap/overlap",
            level: "note",
            message: { text: `${name.get(f.a)} and ${name.get(f.b)} select some events in common${f.witness ? `, e.g. ${witnessText(f.witness)}` : ""}` },
            locations: [location(f.a, 0)],
            relatedLocations: [location(f.b, 1)],
        });
    }
    return {
        version: "2.1.0",
        $schema: "https://json.schemastore.org/sarif-2.1.0.json",
        runs: [
            {
                tool: {
                    driver: {
                        name: "splc overlap",
                        rules: [
                            { id: "overlap/equivalent", shortDescription: { text: "Rules whose event filters select the same events" } },
                            { id: "overlap/contained", shortDescription: { text: "A rule whose events are all selected by another rule" } },
                            { id: "overlap/overlap", shortDescription: { text: "Rules sharing a data source that select some events in common" } },
                        ],
                    },
                },
                results,
            },
        ],
    };
}

/** A SARIF location (the subset splc writes). */
export interface SarifLocation {
    id: number;
    message: { text: string };
    physicalLocation: { artifactLocation: { uri: string } };
}

/** A SARIF result (the subset splc writes). */
export interface SarifResult {
    ruleId: string;
    level: "note" | "warning";
    message: { text: string };
    locations: SarifLocation[];
    relatedLocations: SarifLocation[];
}

/** A SARIF 2.1.0 log (the subset splc writes). */
export interface SarifLog {
    version: "2.1.0";
    $schema: string;
    runs: { tool: { driver: { name: string; rules: { id: string; shortDescription: { text: string } }[] } }; results: SarifResult[] }[];
}
