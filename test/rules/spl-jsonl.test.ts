import { describe, expect, it } from "vitest";
import { detectFileKind, loadRuleText } from "../../src/rules/index.js";
import { fixture, fixturePath, mapMismatches } from "./helpers.js";

describe("plain .spl files", () => {
    it("is one search, trimmed, with offsets into the file", () => {
        const text = fixture("search.spl");
        const r = loadRuleText(text, { filename: fixturePath("search.spl") });
        expect(r.diagnostics).toEqual([]);
        const rule = r.rules[0]!;
        expect(rule.format).toBe("spl");
        expect(rule.spl).toBe("index=main error\n| stats count by host");
        expect(rule.toFileOffset(0)).toBe(4);
        expect(mapMismatches(text, rule)).toEqual([]);
        expect(rule.fileSpan).toEqual({ start: 4, end: 4 + rule.spl.length });
    });

    it("warns on an empty file (SPL5002)", () => {
        const r = loadRuleText(" \n\t\n", { filename: "e.spl" });
        expect(r.rules).toEqual([]);
        expect(r.diagnostics.map((d) => d.code)).toEqual(["SPL5002"]);
    });
});

describe("JSONL corpus files", () => {
    const text = fixture("corpus.jsonl");
    const r = loadRuleText(text, { filename: fixturePath("corpus.jsonl") });

    it("reads each record with its fields", () => {
        expect(r.rules.map((x) => [x.id, x.name, x.kind, x.format])).toEqual([
            ["j1", "JSON One", "detection", "security_content"],
            ["j2", "JSON Two", "baseline", "security_content"],
        ]);
        expect(r.rules[0]!.metadata).toEqual({ kind: "detection", id: "j1", name: "JSON One", path: "detections/x.yml", mitre: ["T1"] });
    });

    it("maps through JSON string escapes exactly", () => {
        for (const rule of r.rules) {
            expect(rule.exact).toBe(true);
            expect(rule.spl).toBe((JSON.parse(text.split("\n")[r.rules.indexOf(rule)]!) as { search: string }).search);
            expect(mapMismatches(text, rule)).toEqual([]);
        }
        const one = r.rules[0]!;
        expect(one.toFileOffset(one.spl.indexOf("| eval"))).toBe(text.indexOf("| eval"));
    });

    it("decodes \\u escapes", () => {
        const line = JSON.stringify({ id: "u", name: "n", search: "index=é\u2028x" });
        const ascii = line.replace(/é/g, "\\u00e9");
        const rr = loadRuleText(ascii + "\n", { filename: "c.jsonl" });
        expect(rr.rules[0]!.spl).toBe("index=é\u2028x");
        expect(rr.rules[0]!.exact).toBe(true);
        expect(mapMismatches(ascii, rr.rules[0]!)).toEqual([]);
    });

    it("reports a bad line (SPL5006) and a record without search (SPL5002)", () => {
        expect(r.diagnostics.map((d) => [d.code, text.slice(d.span.start, d.span.start + 5)])).toEqual([
            ["SPL5006", "{not "],
            ["SPL5002", '{"id"'],
        ]);
    });
});

describe("format detection", () => {
    it("uses the extension, then the content", () => {
        expect(detectFileKind("a/b/rule.YML", "")).toBe("yaml");
        expect(detectFileKind("x.yaml", "")).toBe("yaml");
        expect(detectFileKind("etc/apps/x/local/macros.conf", "")).toBe("macros.conf");
        expect(detectFileKind("savedsearches.conf", "")).toBe("savedsearches");
        expect(detectFileKind("c.jsonl", "")).toBe("jsonl");
        expect(detectFileKind("q.spl", "search: x")).toBe("spl");
        expect(detectFileKind("noext", "[s]\nsearch = x\n")).toBe("savedsearches");
        expect(detectFileKind("noext", "name: x\nsearch: y\n")).toBe("yaml");
        expect(detectFileKind("noext", "index=main | stats count")).toBe("spl");
    });

    it("honours a forced format", () => {
        expect(loadRuleText("name: x\nsearch: y\n", { filename: "f.spl", format: "security_content" }).rules[0]!.spl).toBe("y");
        expect(loadRuleText("[s]\nsearch = y\n", { filename: "f.txt", format: "savedsearches" }).rules[0]!.name).toBe("s");
        expect(loadRuleText("search: y", { filename: "f.yml", format: "spl" }).rules[0]!.spl).toBe("search: y");
    });
});
