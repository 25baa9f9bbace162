/** Text and SARIF renderings of an {@link OverlapReport}; both are pure functions of the report. */
import type { ModelEvent } from "./model.js";
import { findingFields, type OverlapReport, type PairFinding } from "./catalog.js";

/**
 * A witness event on one line: `user=[a,b] process=" /c" raw="..."`. A value that holds a
 * blank, a quote, `,`, `=`, a bracket or a parenthesis (or is empty) is written as a JSON
 * string, so the line reads back unambiguously.
 */
export function witnessText(ev: ModelEvent): string {
    const fields = Object.entries(ev.fields).map(([k, v]) => (v.length === 0 ? `${k}=(absent)` : v.length === 1 ? `${k}=${plainValue(v[0]!)}` : `${k}=[${v.map(plainValue).join(",")}]`));
    if (ev.raw !== "") fields.push(`raw=${JSON.stringify(ev.raw)}`);
    return fields.length > 0 ? fields.join(" ") : "(any event)";
}

function plainValue(v: string): string {
    return v === "" || /[\s",=[\]()]/.test(v) ? JSON.stringify(v) : v;
}

/** Options of the JSON and SARIF forms of a report (`splc overlap --format json|sarif`, {@link overlapSarif}). */
export interface OverlapOutputOptions {
    /**
     * Also write each witness as an event (`witness: { fields, raw }` in JSON, the result's
     * `properties.witness` in SARIF). By default a finding carries its witness on one line
     * only (`witnessText`, see {@link witnessText}): the events of a large catalog's hundreds
     * of thousands of overlaps are most of the output and seldom read.
     */
    witnesses?: boolean;
}

/** A finding as the JSON form writes it: the relation, reason, the witness on one line, and the event when asked. */
export function findingJson(f: PairFinding, options: OverlapOutputOptions = {}): Record<string, unknown> {
    const w = f.witness;
    return {
        ...findingFields(f),
        ...(f.multivalue !== undefined ? { multivalue: f.multivalue } : {}),
        ...(w ? { witnessText: witnessText(w) } : {}),
        ...(w && options.witnesses === true ? { witness: w } : {}),
    };
}

/**
 * The report as one JSON document, in pieces (a large catalog's runs to tens of megabytes):
 * every rule, group and finding on a line of its own (findings as {@link findingJson} writes
 * them), `counts` indented. `JSON.parse` of the joined pieces gives the report with the
 * findings in that form.
 */
export function* overlapJsonChunks(report: OverlapReport, options: OverlapOutputOptions = {}): Generator<string> {
    const finding = (f: PairFinding): Record<string, unknown> => findingJson(f, options);
    yield "{\n";
    yield* jsonLines("rules", report.rules, (r) => r);
    yield ",\n";
    yield* jsonLines("equivalent", report.equivalent, (g) => g);
    yield ",\n";
    yield* jsonLines("containments", report.containments, finding);
    yield ",\n";
    yield* jsonLines("overlaps", report.overlaps, finding);
    yield ",\n";
    yield* jsonLines("unknown", report.unknown, finding);
    yield `,\n  "counts": ${JSON.stringify(report.counts, null, 2).replaceAll("\n", "\n  ")}\n}\n`;
}

function* jsonLines<T>(key: string, items: readonly T[], shape: (x: T) => unknown): Generator<string> {
    if (items.length === 0) {
        yield `  ${JSON.stringify(key)}: []`;
        return;
    }
    yield `  ${JSON.stringify(key)}: [`;
    for (let i = 0; i < items.length; i++) yield `${i === 0 ? "" : ","}\n    ${JSON.stringify(shape(items[i]!))}`;
    yield "\n  ]";
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
export function overlapSarif(report: OverlapReport, options: OverlapOutputOptions = {}): SarifLog {
    return sarifLog([...overlapSarifResults(report, options)]);
}

/**
 * The SARIF log of {@link overlapSarif} in pieces, one result per line: a large catalog has
 * hundreds of thousands of results, which are made and written one at a time.
 */
export function* overlapSarifChunks(report: OverlapReport, options: OverlapOutputOptions = {}): Generator<string> {
    const [head, tail] = JSON.stringify(sarifLog([]), null, 2).split('"results": []');
    yield `${head}"results": [`;
    let first = true;
    for (const r of overlapSarifResults(report, options)) {
        yield `${first ? "" : ","}\n        ${JSON.stringify(r)}`;
        first = false;
    }
    yield `${first ? "" : "\n      "}]${tail}\n`;
}

/** The results of {@link overlapSarif}, made one at a time. */
export function* overlapSarifResults(report: OverlapReport, options: OverlapOutputOptions = {}): Generator<SarifResult> {
    const file = new Map(report.rules.map((r) => [r.id, r.file]));
    const name = new Map(report.rules.map((r) => [r.id, r.name ?? r.id]));
    const location = (id: string, i: number): SarifLocation => ({
        id: i,
        message: { text: name.get(id) ?? id },
        physicalLocation: { artifactLocation: { uri: file.get(id) ?? id } },
    });
    const withWitness = (r: SarifResult, f: PairFinding): SarifResult => {
        if (options.witnesses !== true) return r;
        const w = f.witness;
        return w ? { ...r, properties: { witness: w } } : r;
    };
    for (const g of report.equivalent) {
        const [first, ...rest] = g.rules;
        yield {
            ruleId: "overlap/equivalent",
            level: "warning",
            message: { text: `${name.get(first!)} selects the same events as ${rest.length} other rule(s)${g.laterStages === "different" ? " (different aggregation)" : ""}` },
            locations: [location(first!, 0)],
            relatedLocations: rest.map((id, i) => location(id, i + 1)),
        };
    }
    for (const f of report.containments) {
        yield withWitness(
            {
                ruleId: "overlap/contained",
                level: "note",
                message: { text: `every event of ${name.get(f.a)} is also selected by ${name.get(f.b)}` },
                locations: [location(f.a, 0)],
                relatedLocations: [location(f.b, 1)],
            },
            f,
        );
    }
    for (const f of report.overlaps) {
        const w = f.witness;
        yield withWitness(
            {
                ruleId: "overlap/overlap",
                level: "note",
                message: { text: `${name.get(f.a)} and ${name.get(f.b)} select some events in common${w ? `, e.g. ${witnessText(w)}` : ""}` },
                locations: [location(f.a, 0)],
                relatedLocations: [location(f.b, 1)],
            },
            f,
        );
    }
}

function sarifLog(results: SarifResult[]): SarifLog {
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
    /** With {@link OverlapOutputOptions.witnesses}: the finding's witness event. */
    properties?: { witness: ModelEvent };
}

/** A SARIF 2.1.0 log (the subset splc writes). */
export interface SarifLog {
    version: "2.1.0";
    $schema: string;
    runs: { tool: { driver: { name: string; rules: { id: string; shortDescription: { text: string } }[] } }; results: SarifResult[] }[];
}
