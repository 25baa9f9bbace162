// displayText carries the analysis over to the formatted search by pairing the spans of the two
// IR trees instead of analysing the formatted text again: what it shows (marks, their texts,
// share keys, diagnostics) must be what the analysis of the formatted text finds.
import { describe, expect, it } from "vitest";
import { displayText } from "../../src/catalog/rule-view.js";
import { mapAnalysisSpans, spanPairs } from "../../src/catalog/span-map.js";
import { analyze, format, formatParsed, indicatorKeys, normalizeMacros, parse, termText, type Analysis, type ParseOptions } from "../../src/index.js";
import { loadRuleFiles } from "../../src/rules/node.js";
import { corpusSearches, describeShared, sharedPath } from "../support/shared.js";

/** The parts of an analysis a rule page's marked SPL and code frames show. */
function shown(a: Analysis): unknown {
    return {
        indicators: a.indicators.map((i) => [i.span, i.text, i.negated, indicatorKeys(i)]),
        terms: a.searchTerms.map((t) => [t.span, termText(t)]),
        diagnostics: a.diagnostics.map((d) => [d.span, d.code, d.severity, d.message]),
    };
}

/** Expects displayText to show what analysing the formatted text shows; returns whether it was formatted. */
function check(spl: string, options: ParseOptions, label: string): boolean {
    const analysis = analyze(parse(spl, options));
    const d = displayText(spl, analysis, options);
    const formatted = format(spl);
    if (!d.formatted) {
        expect(d.text, label).toBe(spl);
        return false;
    }
    expect(d.text, label).toBe(formatted);
    expect(shown(d.analysis), label).toEqual(shown(analyze(parse(formatted, options))));
    return true;
}

describe("displayText", () => {
    it("marks the formatted search where its own analysis would, macros and re-escaped literals included", () => {
        const macros = normalizeMacros([
            { name: "src", args: [], definition: 'index=win sourcetype="XmlWinEventLog"' },
            { name: "f(1)", args: ["x"], definition: "search NOT user=$x$" },
        ]);
        const searches = [
            "index=main   user=bob  |  stats count by host",
            '`src` EventCode=4688 (Image="*\\\\cmd.exe" OR Image="*\\\\powershell.exe") | `f(svc)` | table _time host',
            '| tstats count as n from datamodel=Endpoint.Processes where Processes.process_name IN ("a.exe","b.exe") by Processes.dest | where n > 5',
            'index=a ( x!=1 AND y!=2 ) | eval z=if(like(p, "%\\\\temp%"), 1, 0) | search z=1',
            'index=a path IN ("C:\\\\Windows\\\\*", "D:\\\\x", plain) NOT file="\\\\\\\\*\\\\SYSVOL" | where like(p, "x")',
        ];
        const formatted = searches.filter((s, i) => check(s, { macros }, `search ${i}`));
        expect(formatted.length).toBe(searches.length);
    });

    it("carries a search-language indicator over a re-escaped literal without analysing again, with its formatted text", () => {
        const spl = 'index=a path IN ("C:\\\\Windows\\\\*", other) file="\\\\\\\\*\\\\SYSVOL" user=bob';
        const source = parse(spl);
        const f = formatParsed(source);
        expect(f.text).not.toBe(spl);
        const found = spanPairs(source.pipeline, f.output!.pipeline);
        expect(found.raws.some((r) => r.from !== r.to), "the formatter re-escapes a literal here").toBe(true);
        const mapped = mapAnalysisSpans(analyze(source), found);
        expect(mapped).not.toBeNull();
        expect(shown(mapped!)).toEqual(shown(analyze(parse(f.text))));
    });

    it("formats a search that is formatted already without parsing it again (its own parse is the output's)", () => {
        const text = format('index=main   user=bob  |  stats count by host | `m(1)`');
        expect(text).not.toContain("  |");
        const parsed = parse(text);
        const f = formatParsed(parsed);
        expect(f).toMatchObject({ text, formatted: true, changed: false });
        expect(f.output).toBe(parsed);
        // A text that changes is still checked by parsing the output.
        const other = formatParsed(parse("index=main   user=bob"));
        expect(other.changed).toBe(true);
        expect(other.output).not.toBeNull();
        expect(other.output!.text).toBe(other.text);
    });

    it("shows a search with errors as written", () => {
        const spl = "index=a (x=1 | stats count";
        const d = displayText(spl, analyze(parse(spl)));
        expect(d).toMatchObject({ text: spl, formatted: false });
    });
});

describeShared("displayText over the corpus", () => {
    it("shows for every formatted corpus search what the analysis of its formatted text finds", async () => {
        const macros = normalizeMacros((await loadRuleFiles([sharedPath("corpus", "security_content_macros.jsonl")])).macros);
        const searches = corpusSearches();
        const formatted = searches.filter((r) => check(r.search, { macros }, r.id)).length;
        expect(formatted).toBeGreaterThan(searches.length * 0.9);
    }, 300_000);
});
