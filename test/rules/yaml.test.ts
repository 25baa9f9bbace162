import { describe, expect, it } from "vitest";
import { parse, parseAllDocuments } from "yaml";
import { createLineIndex, formatDiagnostic } from "../../src/diagnostics/render.js";
import { loadRuleText, type RuleSource } from "../../src/rules/index.js";
import { fixture, fixturePath, mapMismatches } from "./helpers.js";

function load(name: string) {
    const text = fixture(name);
    return { text, ...loadRuleText(text, { filename: fixturePath(name) }) };
}

function lineCol(text: string, offset: number): string {
    const p = createLineIndex(text).position(offset);
    return `${p.line}:${p.column}`;
}

/** file line:col of the first occurrence of `needle` in the rule's SPL. */
function posOf(text: string, rule: RuleSource, needle: string): string {
    const i = rule.spl.indexOf(needle);
    expect(i, needle).toBeGreaterThanOrEqual(0);
    return lineCol(text, rule.toFileOffset(i));
}

describe("security_content detection YAML", () => {
    const r = load("sc_detection.yml");
    const rule = r.rules[0] as RuleSource;

    it("finds one rule with its identity and no diagnostics", () => {
        expect(r.diagnostics).toEqual([]);
        expect(r.rules).toHaveLength(1);
        expect(r.macros).toEqual([]);
        expect(rule.format).toBe("security_content");
        expect(rule.id).toBe("0b8d6e2a-1111-4c3d-9e8f-000000000001");
        expect(rule.name).toBe("Suspicious Service Created");
        expect(rule.kind).toBe("detection");
        expect(rule.file).toBe(fixturePath("sc_detection.yml"));
    });

    it("returns the top-level search exactly as the YAML parser does, not the drilldown search", () => {
        expect(rule.spl).toBe((parse(r.text) as { search: string }).search);
        expect(rule.spl).toContain("ServiceName ImagePath\n| `security_content_ctime");
        expect(rule.spl).not.toContain("%original_detection_search%");
    });

    it("keeps the other fields as JSON metadata", () => {
        expect(rule.metadata["search"]).toBeUndefined();
        expect(rule.metadata["tags"]).toMatchObject({ mitre_attack_id: ["T1543.003"], risk_score: 42 });
        expect(rule.metadata["data_source"]).toEqual(["Windows Event Log System 7045"]);
        expect(rule.metadata["type"]).toBe("TTP");
        expect(JSON.parse(JSON.stringify(rule.metadata))).toEqual(rule.metadata);
    });

    it("maps SPL offsets to file line:col, through folded lines", () => {
        expect(rule.exact).toBe(true);
        expect(mapMismatches(r.text, rule)).toEqual([]);
        expect(posOf(r.text, rule, "`wineventlog_system`")).toBe("11:10");
        expect(posOf(r.text, rule, "| stats")).toBe("12:3");
        expect(posOf(r.text, rule, "| `security_content_ctime")).toBe("14:3");
        expect(lineCol(r.text, rule.toFileOffset(rule.spl.length))).toBe("14:78");
        expect(rule.fileSpan.start).toBe(r.text.indexOf("'`wineventlog_system`"));
    });

    it("keeps the map as serialisable data", () => {
        const copy = JSON.parse(JSON.stringify(rule)) as { offsetMap: number[]; exact: boolean; spl: string };
        expect(copy.offsetMap).toEqual([...rule.offsetMap]);
        expect(copy.offsetMap.length % 2).toBe(0);
        expect(copy.spl).toBe(rule.spl);
    });
});

describe("security_content baseline with a block literal", () => {
    const r = load("sc_baseline.yml");
    const rule = r.rules[0] as RuleSource;
    it("reads kind and text", () => {
        expect(r.diagnostics).toEqual([]);
        expect(rule.kind).toBe("baseline");
        expect(rule.spl).toBe((parse(r.text) as { search: string }).search);
        expect(rule.spl.startsWith("| tstats")).toBe(true);
        expect(rule.spl.endsWith("previously_seen_services\n")).toBe(true);
    });
    it("maps past the stripped indentation", () => {
        expect(rule.exact).toBe(true);
        expect(mapMismatches(r.text, rule)).toEqual([]);
        expect(posOf(r.text, rule, "from datamodel")).toBe("6:5");
        expect(posOf(r.text, rule, "| outputlookup")).toBe("7:3");
    });
});

describe("security_content macro YAML", () => {
    it("returns a macro, not a rule", () => {
        const r = load("sc_macro.yml");
        expect(r.rules).toEqual([]);
        expect(r.diagnostics).toEqual([]);
        expect(r.macros).toEqual([
            {
                name: "test_ctime",
                args: ["field"],
                definition: 'convert timeformat="%Y-%m-%d" ctime($field$)',
                description: "Test macro with one argument.",
                source: { file: fixturePath("sc_macro.yml"), line: 1 },
            },
        ]);
    });
    it("reads a macro without arguments, ignoring a `path:` field for its source", () => {
        const r = loadRuleText("path: macros/m.yml\nname: m\ndefinition: index=x\n", { filename: "m.yml" });
        expect(r.macros).toEqual([{ name: "m", definition: "index=x", source: { file: "m.yml", line: 1 } }]);
    });
    it("reports a macro file without a string definition (SPL4007)", () => {
        const r = loadRuleText("name: m\ndefinition:\n", { filename: "m.yml" });
        expect(r.macros).toEqual([]);
        expect(r.diagnostics.map((d) => d.code)).toEqual(["SPL4007"]);
    });
});

describe("Anvilogic YAML", () => {
    it("reads logic with logic_format Splunk, the title as name", () => {
        const r = load("anvilogic_splunk.yml");
        expect(r.diagnostics).toEqual([]);
        const rule = r.rules[0] as RuleSource;
        expect(rule.format).toBe("anvilogic");
        expect(rule.id).toBe("12345.67890");
        expect(rule.name).toBe("Encoded PowerShell - Windows");
        expect(rule.spl).toBe((parse(r.text) as { logic: string }).logic);
        expect(rule.spl).toContain("process_name='pwsh.exe'");
        expect(rule.metadata["technique_id"]).toEqual(["T1059.001"]);
        expect(rule.metadata["logic"]).toBeUndefined();
        expect(rule.exact).toBe(true);
        expect(mapMismatches(r.text, rule)).toEqual([]);
        // The '' escape: the quote and what follows map into the doubled quote in the file.
        expect(posOf(r.text, rule, "'pwsh.exe'")).toBe("5:76");
        expect(posOf(r.text, rule, "pwsh.exe")).toBe("5:78");
        expect(posOf(r.text, rule, "process=")).toBe("6:3");
        expect(posOf(r.text, rule, "| stats")).toBe("7:38");
    });

    it("accepts logic_format in any case and a missing logic_format", () => {
        for (const fmt of ["splunk", "SPLUNK", " Splunk "]) {
            const r = loadRuleText(`title: t\nlogic_format: '${fmt}'\nlogic: index=x\n`, { filename: "a.yml" });
            expect(r.rules.map((x) => x.spl)).toEqual(["index=x"]);
        }
        const r = loadRuleText("title: t\nlogic: index=y\n", { filename: "a.yml" });
        expect(r.rules.map((x) => x.spl)).toEqual(["index=y"]);
    });

    it("skips other logic formats with an info diagnostic naming the format (SPL5003)", () => {
        const r = load("anvilogic_kql.yml");
        expect(r.rules).toEqual([]);
        expect(r.diagnostics).toHaveLength(1);
        const d = r.diagnostics[0]!;
        expect(d.code).toBe("SPL5003");
        expect(d.severity).toBe("info");
        expect(d.message).toContain("KQL");
        expect(lineCol(r.text, d.span.start)).toBe("3:15");
    });

    it("reports a pasted rule with unindented continuation lines as invalid YAML at file:line:col (SPL5001)", () => {
        const r = load("anvilogic_broken.yml");
        expect(r.rules).toEqual([]);
        expect(r.diagnostics.length).toBeGreaterThanOrEqual(1);
        expect(r.diagnostics.every((d) => d.code === "SPL5001" && d.severity === "error")).toBe(true);
        const first = r.diagnostics[0]!;
        expect(first.file).toBe(fixturePath("anvilogic_broken.yml"));
        // `yaml` stops at the end of the key's line (the quote cannot be closed there), then at line 5.
        expect(lineCol(r.text, first.span.start)).toBe("4:51");
        expect(r.diagnostics.some((d) => lineCol(r.text, d.span.start) === "5:1")).toBe(true);
        expect(first.message).toContain("line 5 starts at column 1");
        expect(first.related?.[0]?.span.start).toBe(r.text.indexOf("| stats count by host"));
        const printed = formatDiagnostic(first, r.text, { filename: "anvilogic_broken.yml" });
        expect(printed.split("\n")[0]).toMatch(/^anvilogic_broken\.yml:4:51 SPL5001 error: YAML: /);
    });
});

describe("other YAML shapes and problems", () => {
    it("reads every document of a multi-document file", () => {
        const r = load("multi.yaml");
        expect(r.rules.map((x) => [x.id, x.name, x.spl])).toEqual([
            ["d1", "First", "index=a | stats count"],
            ["d2", "Second", "index=b | stats count"],
        ]);
        for (const rule of r.rules) expect(mapMismatches(r.text, rule)).toEqual([]);
    });

    it("reads a list of rules", () => {
        const r = load("list.yml");
        expect(r.rules.map((x) => x.spl)).toEqual(["index=c", "index=d | head 1"]);
        expect(r.rules[1]!.toFileOffset(0)).toBe(r.text.indexOf("index=d"));
    });

    it("warns on a YAML file with no search (SPL5002)", () => {
        const r = load("story.yml");
        expect(r.rules).toEqual([]);
        expect(r.diagnostics.map((d) => [d.code, d.severity])).toEqual([["SPL5002", "warning"]]);
    });

    it("skips non-rule YAML silently when asked, but still reports broken YAML", () => {
        expect(loadRuleText(fixture("story.yml"), { filename: "story.yml", skipNonRules: true }).diagnostics).toEqual([]);
        expect(loadRuleText("", { filename: "e.yml", skipNonRules: true }).diagnostics).toEqual([]);
        expect(loadRuleText("a: 'x\n", { filename: "e.yml", skipNonRules: true }).diagnostics[0]?.code).toBe("SPL5001");
        expect(loadRuleText("name: x\nsearch:\n", { filename: "e.yml", skipNonRules: true }).diagnostics[0]?.code).toBe("SPL5002");
    });

    it("warns on an empty or null search (SPL5002) with the key's span", () => {
        const text = "name: x\nsearch:\n";
        const r = loadRuleText(text, { filename: "x.yml" });
        expect(r.rules).toEqual([]);
        expect(r.diagnostics[0]?.code).toBe("SPL5002");
        expect(text.slice(r.diagnostics[0]!.span.start, r.diagnostics[0]!.span.end)).toBe("search");
        expect(loadRuleText("search: '   '\n", { filename: "x.yml" }).diagnostics[0]?.code).toBe("SPL5002");
        expect(loadRuleText("search: [a, b]\n", { filename: "x.yml" }).diagnostics[0]?.code).toBe("SPL5002");
        expect(loadRuleText("", { filename: "x.yml" }).diagnostics[0]?.code).toBe("SPL5002");
        expect(loadRuleText("just a scalar\n", { filename: "x.yml" }).diagnostics[0]?.code).toBe("SPL5002");
    });

    it("reports a duplicate key and a tab-indented file as SPL5001 without throwing", () => {
        expect(loadRuleText("search: a\nsearch: b\n", { filename: "x.yml" }).diagnostics[0]?.code).toBe("SPL5001");
        const r = loadRuleText("search: 'unclosed\n", { filename: "x.yml" });
        expect(r.rules).toEqual([]);
        expect(r.diagnostics[0]?.code).toBe("SPL5001");
        expect(loadRuleText("a:\n\tb: c\n", { filename: "x.yml" }).diagnostics[0]?.code).toBe("SPL5001");
    });

    it("caps a cascade of YAML errors", () => {
        const text = "search: 'x\n" + "| a\n".repeat(40);
        const r = loadRuleText(text, { filename: "x.yml" });
        expect(r.diagnostics.length).toBeLessThanOrEqual(5);
        expect(r.diagnostics.length).toBeGreaterThan(0);
    });

    it("forces a format", () => {
        // Forced security_content: `logic:` is not looked at.
        const r = loadRuleText("logic: index=a\n", { filename: "x.yml", format: "security_content" });
        expect(r.rules).toEqual([]);
        expect(r.diagnostics[0]?.code).toBe("SPL5002");
        const m = loadRuleText("name: m\ndefinition: x\n", { filename: "whatever", format: "macros" });
        expect(m.macros.map((x) => x.name)).toEqual(["m"]);
    });

    it("follows an alias to the anchored scalar", () => {
        const text = "base: &q 'index=x\n  | head 1'\nsearch: *q\n";
        const rule = loadRuleText(text, { filename: "x.yml" }).rules[0]!;
        expect(rule.spl).toBe("index=x | head 1");
        expect(rule.exact).toBe(true);
        expect(mapMismatches(text, rule)).toEqual([]);
        expect(rule.toFileOffset(rule.spl.indexOf("| head"))).toBe(text.indexOf("| head"));
    });

    it("keeps a numeric id as written and metadata as JSON", () => {
        const r = loadRuleText("id: 20231.35920\nname: n\nsearch: index=a\nscore: .inf\nwhen: 2024-01-01\n", { filename: "x.yml" });
        const rule = r.rules[0]!;
        expect(rule.id).toBe("20231.35920");
        expect(rule.metadata["score"]).toBe("Infinity");
        expect(rule.metadata["when"]).toBe("2024-01-01");
    });
});

describe("offset maps for every YAML scalar style", () => {
    const r = load("styles.yml");
    const docs = parseAllDocuments(r.text);
    const expected = (Array.isArray(docs) ? (docs[0]!.toJS() as { name: string; search: unknown }[]) : []).map((x) => x);

    it("loads every style with the parser's value and an exact map", () => {
        expect(r.diagnostics).toEqual([]);
        expect(r.rules.map((x) => x.name)).toEqual(expected.map((x) => x.name));
        for (const [i, rule] of r.rules.entries()) {
            const want = expected[i]!.search;
            expect(rule.spl, rule.name ?? "").toBe(typeof want === "string" ? want : "12.50");
            expect(rule.exact, rule.name ?? "").toBe(true);
            expect(mapMismatches(r.text, rule), rule.name ?? "").toEqual([]);
        }
    });

    const byName = (n: string): RuleSource => r.rules.find((x) => x.name === n)!;

    it("plain: folded line break -> space, blank line -> newline", () => {
        const rule = byName("plain");
        expect(rule.spl).toBe("index=main sourcetype=x | stats count\nby host");
        expect(posOf(r.text, rule, "| stats")).toBe("4:5");
        expect(posOf(r.text, rule, "by host")).toBe("6:5");
    });

    it("single-quoted: '' escapes and folding", () => {
        const rule = byName("single");
        expect(rule.spl).toBe("it's 'quoted' and   folded\nwith a blank line ' ");
        expect(posOf(r.text, rule, "s 'quoted'")).toBe("8:16");
        expect(posOf(r.text, rule, "and")).toBe("9:5");
        expect(posOf(r.text, rule, "with")).toBe("11:5");
    });

    it("double-quoted: escapes map to their backslash, escaped line breaks join", () => {
        const rule = byName("double");
        expect(rule.spl).toBe('tab\there "quoted" back\\slash é A 😀 folded joined   end');
        expect(posOf(r.text, rule, "\t")).toBe("13:15");
        expect(posOf(r.text, rule, '"quoted')).toBe("13:22");
        expect(posOf(r.text, rule, "quoted")).toBe("13:24");
        expect(posOf(r.text, rule, "é")).toBe("13:45");
        expect(posOf(r.text, rule, "A 😀")).toBe("13:52");
        expect(posOf(r.text, rule, "joined")).toBe("15:5");
        expect(posOf(r.text, rule, "end")).toBe("17:5");
    });

    it("block literal: indentation stripped, more-indented kept", () => {
        const rule = byName("literal");
        expect(rule.spl).toBe("line one\n  indented two\nline three\n");
        expect(posOf(r.text, rule, "  indented")).toBe("21:5");
        expect(posOf(r.text, rule, "line three")).toBe("22:5");
    });

    it("block chomping indicators and explicit indentation", () => {
        expect(byName("literal_keep").spl).toBe("kept\n\n");
        expect(byName("literal_strip").spl).toBe("stripped");
        expect(byName("folded").spl).toBe("folded one folded two\nnew paragraph\n  more indented\nlast\n");
        expect(byName("folded_strip").spl).toBe("a b");
        const ex = byName("explicit");
        expect(ex.spl).toBe("  two extra\nbase\n");
        expect(posOf(r.text, ex, "  two")).toBe("44:5");
    });
});
