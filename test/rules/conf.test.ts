import { describe, expect, it } from "vitest";
import { createLineIndex } from "../../src/diagnostics/render.js";
import { loadRuleText, parseConf, type RuleSource } from "../../src/rules/index.js";
import { fixture, fixturePath, mapMismatches } from "./helpers.js";

function lineCol(text: string, offset: number): string {
    const p = createLineIndex(text).position(offset);
    return `${p.line}:${p.column}`;
}

describe("savedsearches.conf", () => {
    const text = fixture("savedsearches.conf");
    const r = loadRuleText(text, { filename: fixturePath("savedsearches.conf") });
    const byName = (n: string): RuleSource => r.rules.find((x) => x.name === n)!;

    it("finds one rule per stanza with a search, in file order", () => {
        expect(r.rules.map((x) => x.name)).toEqual(["Multi Line Search", "One Liner"]);
        expect(r.rules.every((x) => x.format === "savedsearches" && x.id === null && x.exact)).toBe(true);
    });

    it("joins continuation lines, keeping the line breaks", () => {
        const rule = byName("Multi Line Search");
        expect(rule.spl).toBe("index=main sourcetype=test \n| stats count by host \n| where count > 10");
        expect(mapMismatches(text, rule)).toEqual([]);
        expect(lineCol(text, rule.toFileOffset(0))).toBe("8:10");
        expect(lineCol(text, rule.toFileOffset(rule.spl.indexOf("| stats")))).toBe("9:1");
        expect(lineCol(text, rule.toFileOffset(rule.spl.indexOf("| where")))).toBe("10:1");
        // The kept line break maps to the backslash that continued the line.
        expect(text[rule.toFileOffset(rule.spl.indexOf("\n"))]).toBe("\\");
    });

    it("keeps the other settings as metadata and '#' inside values", () => {
        expect(byName("Multi Line Search").metadata).toEqual({ cron_schedule: "0 * * * *", "dispatch.earliest_time": "-1h", disabled: "0" });
        expect(byName("One Liner").metadata).toEqual({ description: "no continuation here # not a comment" });
    });

    it("trims trailing blanks of a value", () => {
        const rule = byName("One Liner");
        expect(rule.spl).toBe("index=other | head 5");
        expect(mapMismatches(text, rule)).toEqual([]);
        expect(rule.toFileOffset(rule.spl.length)).toBe(text.indexOf("head 5") + 6);
    });

    it("reports a malformed line (SPL5004) and an empty search (SPL5002)", () => {
        expect(r.diagnostics.map((d) => [d.code, lineCol(text, d.span.start)])).toEqual([
            ["SPL5004", "21:1"],
            ["SPL5002", "23:1"],
        ]);
        expect(text.slice(r.diagnostics[0]!.span.start, r.diagnostics[0]!.span.end)).toBe("this line is broken");
    });

    it("reads CRLF files with exact maps", () => {
        const crlf = text.replace(/\n/g, "\r\n");
        const rc = loadRuleText(crlf, { filename: "savedsearches.conf" });
        const rule = rc.rules[0]!;
        expect(rule.spl).toBe("index=main sourcetype=test \n| stats count by host \n| where count > 10");
        expect(mapMismatches(crlf, rule)).toEqual([]);
    });

    it("handles stanza and continuation edge cases", () => {
        const t = "search = orphan\n[a]\nsearch = x \\\n  y\\\n[b\nsearch = z\\";
        const { stanzas, diagnostics } = parseConf(t, "e.conf");
        expect(stanzas.map((s) => s.name)).toEqual(["default", "a"]);
        expect(stanzas[0]!.settings[0]!.value.text).toBe("orphan");
        // A continuation swallows the next line whatever it looks like, as Splunk does.
        expect(stanzas[1]!.settings.map((s) => s.value.text)).toEqual(["x \n  y\n[b", "z"]);
        expect(diagnostics).toEqual([]);
        const bad = parseConf("[unclosed\n= v\n", "e.conf").diagnostics.map((d) => d.code);
        expect(bad).toEqual(["SPL5004", "SPL5004"]);
    });

    it("lets a repeated key override and never makes the default stanza a rule", () => {
        const rr = loadRuleText("[default]\nsearch = index=d\n[s]\nsearch = index=1\nsearch = index=2\n", { filename: "savedsearches.conf" });
        expect(rr.rules.map((x) => [x.name, x.spl])).toEqual([["s", "index=2"]]);
    });
});

describe("macros.conf", () => {
    it("reads macro stanzas with args and continued definitions", () => {
        const text = fixture("macros.conf");
        const r = loadRuleText(text, { filename: fixturePath("macros.conf") });
        expect(r.rules).toEqual([]);
        expect(r.diagnostics).toEqual([]);
        expect(r.macros.map(({ name, args, definition }) => ({ name, args, definition }))).toEqual([
            { name: "test_filter", args: [], definition: "search *" },
            { name: "test_ctime(1)", args: ["field"], definition: 'convert timeformat="%Y-%m-%d" \nctime($field$)' },
        ]);
    });

    it("reports a stanza without a definition", () => {
        const r = loadRuleText("[m]\nargs = a\n", { filename: "macros.conf" });
        expect(r.macros).toEqual([]);
        expect(r.diagnostics.map((d) => [d.code, d.file])).toEqual([["SPL4007", "macros.conf"]]);
    });

    it("records where each macro came from", () => {
        const r = loadRuleText(fixture("macros.conf"), { filename: "etc/macros.conf" });
        expect(r.macros.map((m) => m.source)).toEqual([
            { file: "etc/macros.conf", line: 1 },
            { file: "etc/macros.conf", line: 4 },
        ]);
    });
});
