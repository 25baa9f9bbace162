import { describe, expect, it } from "vitest";
import { expandMacros, macroFromRecord, mapSpan, normalizeMacros, type MacroDefinition, type MacroTable } from "../../src/macros/index.js";
import { corpusMacros, corpusSearches, describeShared } from "../support/shared.js";

describeShared("macros: security_content corpus", () => {
    const records = corpusMacros();
    const defs = records.map(macroFromRecord).filter((d): d is MacroDefinition => d !== null);
    const table: MacroTable = normalizeMacros(defs);
    const searches = corpusSearches();

    it("every macro record converts and normalises without diagnostics", () => {
        expect(defs).toHaveLength(records.length);
        expect(table.diagnostics).toEqual([]);
        expect(table.byKey.size).toBe(records.length);
        // The corpus's own stanza name is the table key.
        for (const r of records) expect(table.byKey.has(r.splunk_stanza)).toBe(true);
    });

    it("section 6.3: `wineventlog_security` EventCode=4771 maps back to the call and the definition", () => {
        const text = "`wineventlog_security` EventCode=4771";
        const r = expandMacros(text, table);
        const def = table.byKey.get("wineventlog_security")!.definition;
        expect(r.text).toBe(`${def} EventCode=4771`);
        const ch = r.text.indexOf("Channel=security");
        const m = mapSpan(r.map, { start: ch, end: ch + "Channel=security".length });
        const inDef = def.indexOf("Channel=security");
        expect(m).toEqual({ span: { start: 0, end: 22 }, origin: { macro: "wineventlog_security", arity: 0, span: { start: inDef, end: inDef + 16 } } });
        const ev = r.text.indexOf("EventCode=4771");
        expect(mapSpan(r.map, { start: ev, end: ev + 14 })).toEqual({ span: { start: 23, end: 37 } });
    });

    it("security_content_summariesonly expands through its three nested macros", () => {
        const r = expandMacros("| tstats `security_content_summariesonly` count", table);
        expect(r.diagnostics).toEqual([]);
        expect(r.macrosUsed.map((u) => u.name)).toEqual(["security_content_summariesonly", "summariesonly_config", "oldsummaries_config", "fillnull_config"]);
        expect(r.text).not.toContain("`");
    });

    describe("expanding all searches", () => {
        const results = searches.map((s) => ({ s, plain: expandMacros(s.search, table), withBuiltins: expandMacros(s.search, table, { builtins: true }) }));

        it(`covers the ${searches.length} searches`, () => {
            expect(searches.length).toBeGreaterThan(1000);
        });

        it("gives no errors, only unknown-macro warnings", () => {
            const other = results.flatMap((r) => r.plain.diagnostics).filter((d) => d.code !== "SPL4001");
            expect(other).toEqual([]);
        });

        it("leaves undefined only the *_filter macros and the CIM/ES macros, and builtins remove drop_dm_object_name", () => {
            const names = (rs: typeof results, pick: "plain" | "withBuiltins") => {
                const set = new Map<string, number>();
                for (const r of rs) {
                    for (const d of r[pick].diagnostics) {
                        const name = /unknown macro '([^']+)'/.exec(d.message)?.[1] ?? "?";
                        set.set(name, (set.get(name) ?? 0) + 1);
                    }
                }
                return set;
            };
            const plain = names(results, "plain");
            const nonFilter = [...plain.keys()].filter((n) => !n.endsWith("_filter")).sort();
            const filters = [...plain.keys()].filter((n) => n.endsWith("_filter")).length;
            console.log(`undefined macros: ${plain.size} distinct (${filters} *_filter); others: ${nonFilter.map((n) => `${n}×${plain.get(n)}`).join(", ")}`);
            expect(nonFilter).toEqual(["cim_corporate_web_domain_search(1)", "drop_dm_object_name(1)", "get_asset(1)", "notable"]);
            const withB = names(results, "withBuiltins");
            expect([...withB.keys()].filter((n) => n.startsWith("drop_dm_object_name"))).toEqual([]);
            expect(withB.size).toBe(plain.size - 1);
            for (const r of results) expect(r.withBuiltins.diagnostics.filter((d) => d.code !== "SPL4001")).toEqual([]);
        });

        it("maps every segment back to text equal to it (verbatim) or to its definition text (macro body)", () => {
            let checked = 0;
            for (const { s, withBuiltins: r } of results) {
                for (const seg of r.map.segments) {
                    const piece = r.text.slice(seg.start, seg.end);
                    const m = mapSpan(r.map, seg);
                    if (seg.frame < 0) {
                        expect(s.search.slice(m.span.start, m.span.end)).toBe(piece);
                        expect(m.origin).toBeUndefined();
                    } else {
                        const frame = r.map.frames[seg.frame]!;
                        expect(m.span).toEqual(frame.span);
                        expect(s.search.slice(frame.span.start, frame.span.end)).toMatch(/^`[^`]*`$/);
                        expect(m.origin?.macro).toBe(frame.name);
                        expect(m.origin?.arity).toBe(frame.arity);
                        if (seg.exact) {
                            const body = frame.macro === "drop_dm_object_name(1)" ? "rename $object$.* AS *" : table.byKey.get(frame.macro)!.definition;
                            expect(body.slice(m.origin!.span.start, m.origin!.span.end)).toBe(piece);
                        }
                    }
                    checked++;
                }
            }
            expect(checked).toBeGreaterThan(searches.length);
        });

        it("is fast enough to run on every parse", () => {
            const t0 = performance.now();
            for (const s of searches) expandMacros(s.search, table, { builtins: true });
            const ms = performance.now() - t0;
            console.log(`expanded ${searches.length} searches in ${ms.toFixed(1)} ms`);
            expect(ms).toBeLessThan(5000);
        });
    });
});
