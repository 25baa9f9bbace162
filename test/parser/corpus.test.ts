// Acceptance of the foundation issue: every corpus search parses with zero error diagnostics
// (except documented malformed ones), and its IR survives a JSON round trip.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { parse, type ParseStats, type Pipeline } from "../../src/index.js";
import { corpusSearches, describeShared, REPO_DIR } from "../support/shared.js";

const malformed = JSON.parse(readFileSync(join(REPO_DIR, "test/fixtures/parser/corpus-malformed.json"), "utf8")) as Record<string, string>;

function countKinds(node: unknown, counts: Map<string, number>): void {
    if (Array.isArray(node)) {
        for (const n of node) countKinds(n, counts);
        return;
    }
    if (node && typeof node === "object") {
        const kind = (node as { kind?: unknown }).kind;
        if (typeof kind === "string") counts.set(kind, (counts.get(kind) ?? 0) + 1);
        for (const [k, v] of Object.entries(node)) if (k !== "span") countKinds(v, counts);
    }
}

describeShared("corpus: all 1,824 security_content searches", () => {
    const searches = corpusSearches();

    it("parse without error diagnostics, without the LL fallback, and lower to JSON-stable IR", () => {
        const failures: string[] = [];
        let fallbacks = 0;
        const counts = new Map<string, number>();
        for (const r of searches) {
            let stats: ParseStats | undefined;
            const result = parse(r.search, { onStats: (s) => (stats = s) });
            expect(stats, r.name).toBeDefined();
            if (stats?.usedFallback) fallbacks++;
            const errors = result.diagnostics.filter((d) => d.severity === "error");
            if (errors.length > 0 && !(r.id in malformed)) {
                const d = errors[0];
                failures.push(`${r.name}: ${d?.code} ${d?.message} at ${JSON.stringify(r.search.slice(d?.span.start, (d?.span.end ?? 0) + 20))}`);
            }
            const json = JSON.stringify(result);
            expect(JSON.parse(json)).toEqual(result);
            countKinds(result.pipeline, counts);
        }
        console.log(`corpus: ${searches.length} searches, ${failures.length} with errors, ${fallbacks} needed the LL fallback`);
        console.log(`node counts: ${["Compare", "In", "Term", "Directive", "TimeModifier", "MacroCall", "Subsearch"].map((k) => `${k} ${counts.get(k) ?? 0}`).join(", ")}`);
        expect(failures).toEqual([]);
        // More than 1% of valid searches on the slow path would be a grammar design problem.
        expect(fallbacks).toBeLessThanOrEqual(Math.floor(searches.length / 100));
    });

    it("has a reason for every documented malformed search, and each really fails", () => {
        const byId = new Map(searches.map((r) => [r.id, r.search]));
        for (const [id, reason] of Object.entries(malformed)) {
            if (id === "//") continue;
            expect(reason.length).toBeGreaterThan(10);
            const text = byId.get(id);
            expect(text, id).toBeDefined();
            expect(
                parse(text ?? "").diagnostics.some((d) => d.severity === "error"),
                id,
            ).toBe(true);
        }
    });

    it("gives every stage a span inside the text", () => {
        for (const r of searches) {
            const p: Pipeline = parse(r.search).pipeline;
            for (const c of p.commands) {
                expect(c.span.start).toBeGreaterThanOrEqual(0);
                expect(c.span.end).toBeLessThanOrEqual(r.search.length);
                expect(c.span.start).toBeLessThanOrEqual(c.span.end);
            }
        }
    });
});
