// `splc overlap` on a small catalog fixture whose relations are known by construction.
import { describe, expect, it } from "vitest";
import type { OverlapReport, SarifLog } from "../../src/index.js";
import { ruleRelations } from "../../src/index.js";
import { cli } from "./run.js";

const catalog = "test/fixtures/relate/savedsearches.conf";

describe("splc overlap", () => {
    it("finds the duplicate, the containment and the overlap (JSON)", async () => {
        const r = await cli("overlap", catalog, "--format", "json");
        expect(r.code).toBe(0);
        const report = JSON.parse(r.stdout) as OverlapReport;
        expect(report.counts.rules).toBe(5);
        expect(report.equivalent).toEqual([{ rules: ["Encoded PowerShell", "Encoded PowerShell (copy)"], laterStages: "different" }]);
        const within = report.containments.map((c) => `${c.a} < ${c.b}`).sort();
        expect(within).toEqual(["Encoded PowerShell (copy) < Any PowerShell", "Encoded PowerShell < Any PowerShell"]);
        // -enc patterns lie within *-e*, but the NOT user=SYSTEM and cmd.exe make it an overlap.
        expect(report.overlaps.map((o) => [o.a, o.b].sort().join(" & ")).sort()).toEqual([
            "Any PowerShell & PowerShell or cmd with -enc",
            "Encoded PowerShell & PowerShell or cmd with -enc",
            "Encoded PowerShell (copy) & PowerShell or cmd with -enc",
        ]);
        // The linux rule shares no data source with the others.
        expect(report.counts.disjointBySource).toBe(4);
        const links = ruleRelations(report);
        expect(links["Any PowerShell"]?.contains.sort()).toEqual(["Encoded PowerShell", "Encoded PowerShell (copy)"]);
        expect(links["Encoded PowerShell"]).toEqual({ equivalent: ["Encoded PowerShell (copy)"], containedIn: ["Any PowerShell"], contains: [] });
        expect(links["Linux sudo"]).toBeUndefined();
    });

    it("text output names groups, containments and overlaps", async () => {
        const r = await cli("overlap", catalog);
        expect(r.stdout).toMatch(/Equivalent groups \(1\)\n {2}same events, different aggregation:\n {4}- Encoded PowerShell\n {4}- Encoded PowerShell \(copy\)/);
        expect(r.stdout).toMatch(/Encoded PowerShell\n {4}within Any PowerShell\n {4}\(only the second: .*CommandLine=\(absent\)\)/);
    });

    it("SARIF output: one result per finding with related locations", async () => {
        const r = await cli("overlap", catalog, "--format", "sarif");
        const log = JSON.parse(r.stdout) as SarifLog;
        const results = log.runs[0]!.results;
        expect(results.map((x) => x.ruleId).sort()).toEqual(["overlap/contained", "overlap/contained", "overlap/equivalent", "overlap/overlap", "overlap/overlap", "overlap/overlap"]);
        for (const x of results) {
            expect(x.locations[0]!.physicalLocation.artifactLocation.uri).toBe(catalog);
            expect(x.relatedLocations.length).toBeGreaterThan(0);
        }
    });

    it("rejects a bad format", async () => {
        const r = await cli("overlap", catalog, "--format", "xml");
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(/--format must be text, json or sarif/);
    });
});
