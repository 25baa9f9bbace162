// The findings of overlapCatalog build their witnesses when read: each witness must still be an
// event the rules select as claimed (checked with the independent evaluator), JSON must carry it,
// and `splc overlap --format json|sarif`, written piece by piece, must carry the report's findings.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "../../src/index.js";
import { overlapCatalog, overlapSarif, witnessText, type CatalogRule, type OverlapReport, type PairFinding, type SarifLog } from "../../src/relate/index.js";
import { loadRuleText } from "../../src/rules/index.js";
import { cli } from "../cli/run.js";
import { METADATA, selects, type TestEvent } from "../support/spl-eval.js";

const cases = readFileSync(new URL("../fixtures/relate/cases.txt", import.meta.url), "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "" && !l.startsWith("#"))
    .flatMap((l) => l.split("\t").slice(0, 2));
// Plain event searches of the hand-written cases, each once: a catalog with every kind of finding.
const searches = [...new Set(cases)].filter((s) => {
    const p = parse(s);
    return p.diagnostics.length === 0 && p.pipeline.commands.length === 1 && p.pipeline.commands[0]!.kind === "SearchCommand";
});
const rules: CatalogRule[] = searches.map((s, i) => ({ id: `r${i}`, result: parse(s) }));
const byId = new Map(rules.map((r, i) => [r.id, searches[i]!]));

/** Whether the rule selects the event, or null when the evaluator does not cover its filter. */
function selected(id: string, ev: TestEvent): boolean | null {
    const c = parse(byId.get(id)!).pipeline.commands[0]!;
    if (c.kind !== "SearchCommand" || !c.filter) return true;
    const fields = { ...ev.fields };
    for (const m of METADATA) if (!fields[m] || fields[m]!.length === 0) fields[m] = ["unset-metadata"];
    try {
        return selects(c.filter, { fields, raw: ev.raw });
    } catch (e) {
        if (e instanceof Error && /not covered/.test(e.message)) return null;
        throw e;
    }
}

describe("overlapCatalog findings", () => {
    const report = overlapCatalog(rules, { allPairs: true });

    it("has overlaps and containments to check", () => {
        expect(report.overlaps.length).toBeGreaterThan(4);
        expect(report.containments.filter((f) => f.witness).length).toBeGreaterThan(4);
    });

    it("every witness, built when read, is selected as claimed", () => {
        const problems: string[] = [];
        let checked = 0;
        const check = (f: PairFinding, a: boolean, b: boolean): void => {
            const w = f.witness;
            if (!w) return;
            const sa = selected(f.a, w);
            const sb = selected(f.b, w);
            checked++;
            if ((sa ?? a) !== a || (sb ?? b) !== b) problems.push(`${f.relation} ${byId.get(f.a)} / ${byId.get(f.b)}: ${JSON.stringify(w)} gives ${sa} ${sb}`);
        };
        for (const f of report.overlaps) check(f, true, true);
        // A containment's witness is an event only the wider rule (b) selects.
        for (const f of report.containments) check(f, false, true);
        expect(problems).toEqual([]);
        expect(checked).toBeGreaterThan(10);
    });

    it("a witness is a fresh copy on each read, written by JSON.stringify, and replaced by assignment", () => {
        const f = report.overlaps[0]!;
        const first = f.witness!;
        expect(f.witness).toEqual(first);
        first.fields["changed-by-caller"] = ["x"];
        expect(f.witness!.fields["changed-by-caller"]).toBeUndefined();
        const json = JSON.parse(JSON.stringify(report)) as typeof report;
        expect(json.overlaps[0]!.witness).toEqual(f.witness);
        expect(Object.keys(json.overlaps[0]!)).toEqual(["a", "b", "relation", "reason", "laterStages", "witness", "multivalue"]);
        const g = report.overlaps[1]!;
        g.witness = { fields: {}, raw: "replaced" };
        expect(g.witness).toEqual({ fields: {}, raw: "replaced" });
        expect(JSON.parse(JSON.stringify(g)).witness).toEqual({ fields: {}, raw: "replaced" });
    });

    it("multivalue says whether the witness needs a field with several values", () => {
        for (const f of report.overlaps) expect(f.multivalue).toBe(Object.values(f.witness!.fields).some((v) => v.length > 1));
    });
});

describe("splc overlap --format json|sarif", () => {
    const file = "test/fixtures/relate/savedsearches.conf";
    type Written = { overlaps: Record<string, unknown>[]; containments: Record<string, unknown>[] } & Record<string, unknown>;

    it("JSON, written piece by piece, is the report with each witness on one line (and as an event with --witnesses)", async () => {
        const json = await cli("overlap", file, "--format", "json");
        expect(json.code).toBe(0);
        const plain = JSON.parse(json.stdout) as Written;
        const full = JSON.parse((await cli("overlap", file, "--format", "json", "--witnesses")).stdout) as Written;
        // The report as JSON.stringify writes it, built in this process from the same rules.
        const whole = JSON.parse(JSON.stringify(overlapCatalog(loadCatalog(file)))) as OverlapReport;
        expect(plain.overlaps.length).toBeGreaterThan(0);
        for (const key of ["rules", "equivalent", "counts"] as const) expect(plain[key]).toEqual(whole[key]);
        for (const key of ["containments", "overlaps", "unknown"] as const) {
            const written = (plain as Record<string, Record<string, unknown>[]>)[key]!;
            const withEvents = (full as Record<string, Record<string, unknown>[]>)[key]!;
            expect(written.length).toBe(whole[key].length);
            whole[key].forEach((f, i) => {
                const { witness, ...rest } = f;
                expect(written[i]).toEqual({ ...rest, ...(witness ? { witnessText: witnessText(witness) } : {}) });
                expect(withEvents[i]).toEqual({ ...rest, ...(witness ? { witnessText: witnessText(witness), witness } : {}) });
            });
        }
    });

    it("SARIF, written piece by piece, is overlapSarif of the report", async () => {
        const report = overlapCatalog(loadCatalog(file));
        const sarif = await cli("overlap", file, "--format", "sarif");
        expect(JSON.parse(sarif.stdout)).toEqual(JSON.parse(JSON.stringify(overlapSarif(report))));
        const full = JSON.parse((await cli("overlap", file, "--format", "sarif", "--witnesses")).stdout) as SarifLog;
        const results = full.runs[0]!.results;
        expect(results.filter((r) => r.properties?.witness).length).toBe(report.containments.length + report.overlaps.length);
        for (const r of results) if (r.ruleId === "overlap/overlap") expect(r.message.text).toContain(witnessText(r.properties!.witness));
    });

    it("witnessText quotes values that would read ambiguously", () => {
        expect(witnessText({ fields: { process: [" /c"], user: [], x: ["a", "b=c"] }, raw: "r" })).toBe('process=" /c" user=(absent) x=[a,"b=c"] raw="r"');
    });
});

/** The rules of a rule file, parsed as `splc overlap` parses them (no macros). */
function loadCatalog(file: string): CatalogRule[] {
    return loadRuleText(readFileSync(file, "utf8"), { filename: file }).rules.map((r, i) => ({ id: r.id ?? r.name ?? `${file}#${i}`, name: r.name, file: r.file, result: parse(r.spl) }));
}
