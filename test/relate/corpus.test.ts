// relate() over the ../shared corpus with its macros expanded: the acceptance numbers of issue 16
// (unknown below a fifth of the pairs that share a data source), and witnesses re-checked.
import { expect, it } from "vitest";
import { normalizeMacros, parse } from "../../src/index.js";
import { overlapCatalog, prepareFilter, relate, type CatalogRule } from "../../src/relate/index.js";
import { corpusMacros, corpusSearches, describeShared } from "../support/shared.js";

describeShared("relate over the corpus", () => {
    const macros = normalizeMacros(corpusMacros().map((m) => ({ name: m.name, args: m.arguments, definition: m.definition })));
    const rules: CatalogRule[] = corpusSearches().map((s, i) => ({ id: s.id ?? `rule#${i}`, name: s.name, result: parse(s.search, { macros }) }));
    const report = overlapCatalog(rules);

    it("relates every pair that shares a data source; unknown stays below a fifth of them", () => {
        const c = report.counts;
        expect(c.rules).toBe(1824);
        expect(c.compared).toBe(c.sharingSource);
        expect(c.equivalent + c.contained + c.overlap + c.disjoint + c.unknown).toBe(c.compared);
        expect(c.unknown / c.sharingSource).toBeLessThan(0.2);
        expect(c.equivalent).toBeGreaterThan(0);
        expect(c.contained).toBeGreaterThan(0);
    });

    it("each containment holds in the other direction too when relate is asked again with the rules swapped", () => {
        const byId = new Map(rules.map((r) => [r.id, r.result]));
        for (const f of report.containments.slice(0, 200)) {
            const r = relate(prepareFilter(byId.get(f.b)!), prepareFilter(byId.get(f.a)!));
            expect(r.relation, `${f.a} within ${f.b}`).toBe("b-within-a");
        }
    });

    it("equivalence groups have rules with the same data sources", () => {
        const sources = new Map(report.rules.map((r) => [r.id, r.dataSources.join(" ")]));
        for (const g of report.equivalent) expect(new Set(g.rules.map((id) => sources.get(id))).size).toBe(1);
    });
});
