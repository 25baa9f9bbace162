// The whole shared corpus, with the corpus macros expanded: analyze never throws, the analysis is
// plain JSON, and the indicator index over it is sane. Prints the 20 most shared indicators.
import { expect, it } from "vitest";
import { parse } from "../../src/index.js";
import { macroFromRecord, type MacroDefinition } from "../../src/macros/index.js";
import { analyze, type Analysis } from "../../src/analysis/analyze.js";
import { IndicatorIndex } from "../../src/analysis/index-corpus.js";
import { indicatorKeys } from "../../src/analysis/indicators.js";
import { corpusMacros, corpusSearches, describeShared } from "../support/shared.js";

describeShared("analyze over the corpus", () => {
    const macros = corpusMacros()
        .map((m) => macroFromRecord(m))
        .filter((m): m is MacroDefinition => m !== null);
    const searches = corpusSearches();
    const analyses: { id: string; a: Analysis; text: string }[] = [];

    it("never throws, and every analysis survives a JSON round trip", () => {
        for (const s of searches) {
            const a = analyze(parse(s.search, { macros }));
            analyses.push({ id: s.id, a, text: s.search });
        }
        expect(analyses).toHaveLength(searches.length);
        // Without subsearches too, and without macro expansion (macros stay MacroCall nodes).
        for (const s of searches.slice(0, 400)) {
            expect(() => analyze(parse(s.search, { macros }), { includeSubsearches: false })).not.toThrow();
            expect(() => analyze(parse(s.search))).not.toThrow();
        }
        for (const { a } of analyses.slice(0, 200)) expect(JSON.parse(JSON.stringify(a))).toStrictEqual(a);
    });

    it("stage trees point at existing entries; spans lie in the text", () => {
        for (const { a, text } of analyses) {
            const check = (n: unknown): void => {
                const o = n as Record<string, unknown>;
                if (Array.isArray(o.operands)) for (const x of o.operands) check(x);
                if (typeof o.indicator === "number") expect(a.indicators[o.indicator]).toBeDefined();
                if (typeof o.term === "number") expect(a.searchTerms[o.term]).toBeDefined();
                if (typeof o.time === "number") expect(a.timeRange[o.time]).toBeDefined();
            };
            for (const s of a.stages) if (s.predicates) check(s.predicates);
            for (const d of a.diagnostics) {
                expect(d.span.start).toBeGreaterThanOrEqual(0);
                expect(d.span.end).toBeLessThanOrEqual(text.length);
            }
            for (const i of a.indicators) {
                expect(i.span.start).toBeGreaterThanOrEqual(0);
                expect(i.span.end).toBeLessThanOrEqual(text.length);
                expect(i.normalized).toHaveLength(i.values.length);
            }
        }
    });

    it("the indicator index: positive counts, sorted, unique keys; prints the top 20", () => {
        const index = new IndicatorIndex();
        for (const { id, a } of analyses) index.add(id, a);
        const all = index.entries();
        const keys = all.map((e) => e.key);
        expect(new Set(keys).size).toBe(keys.length);
        for (let k = 0; k < all.length; k++) {
            const e = all[k];
            expect(e?.count).toBeGreaterThan(0);
            expect(e?.count).toBe(e?.rules.length);
            expect(new Set(e?.rules).size).toBe(e?.rules.length);
            if (k > 0) expect(all[k - 1]?.count).toBeGreaterThanOrEqual(e?.count ?? 0);
        }
        // Independent recount of the top key straight from the analyses.
        const top = index.top(20);
        const first = top[0];
        expect(first).toBeDefined();
        const recount = analyses.filter(({ a }) => a.indicators.some((i) => indicatorKeys(i).includes(first?.key ?? ""))).length;
        expect(first?.count).toBe(recount);
        console.log(`indicator index: ${index.size} rules, ${all.length} keys; top 20:\n` + top.map((e) => `${String(e.count).padStart(5)}  ${e.key}`).join("\n"));
        // The snapshot is JSON and restores the same index.
        const snap = JSON.parse(JSON.stringify(index.toJSON()));
        expect(IndicatorIndex.fromJSON(snap).entries()).toEqual(all);
    });

    it("diagnostic counts by code (printed)", () => {
        const counts = new Map<string, number>();
        for (const { a } of analyses) for (const d of a.diagnostics) counts.set(d.code, (counts.get(d.code) ?? 0) + 1);
        console.log(
            [...counts]
                .sort()
                .map(([c, n]) => `${c} ${n}`)
                .join(", "),
        );
        expect([...counts.values()].every((n) => n > 0)).toBe(true);
    });
});

describeShared("analyze on damaged corpus searches", () => {
    it("never throws on truncated searches or searches with brackets and quotes removed", () => {
        const searches = corpusSearches().filter((_, i) => i % 6 === 0);
        let n = 0;
        for (const s of searches) {
            const t = s.search;
            const variants = [t.slice(0, Math.floor(t.length / 3)), t.slice(0, Math.floor((2 * t.length) / 3)), t.replace(/[)\]]/g, ""), t.replace(/"/g, ""), t.replace(/\|/g, " ")];
            for (const v of variants) {
                expect(() => analyze(parse(v))).not.toThrow();
                n++;
            }
        }
        expect(n).toBeGreaterThan(1000);
    });
});
