import { serialize } from "node:v8";
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

    it("gives one-byte searches from a file that has a character beyond Latin-1 elsewhere", () => {
        // V8 stores a slice of a two-byte string in two bytes per character; v8.serialize shows it
        // (about one byte per character plus a small header for a one-byte string).
        const lines = [JSON.stringify({ id: "a", name: "ascii", search: "index=main sourcetype=x | stats count by host" }), JSON.stringify({ id: "b", name: "€ rule", search: "index=main x=€" })];
        const rules = loadRuleText(`${lines.join("\n")}\n`, { filename: "c.jsonl" }).rules;
        const bytes = (s: string): number => serialize(s).length;
        expect(rules.map((x) => x.exact)).toEqual([true, true]);
        expect(bytes(rules[0]!.spl)).toBeLessThan(rules[0]!.spl.length + 8);
        expect(bytes(rules[1]!.spl)).toBeGreaterThan(2 * rules[1]!.spl.length);
    });

    it("decodes \\u escapes", () => {
        const line = JSON.stringify({ id: "u", name: "n", search: "index=é\u2028x" });
        const ascii = line.replace(/é/g, "\\u00e9");
        const rr = loadRuleText(ascii + "\n", { filename: "c.jsonl" });
        expect(rr.rules[0]!.spl).toBe("index=é\u2028x");
        expect(rr.rules[0]!.exact).toBe(true);
        expect(mapMismatches(ascii, rr.rules[0]!)).toEqual([]);
    });

    it("decodes random searches full of quotes and backslashes, with keys and values that look alike", () => {
        // A small seeded generator: the same cases on every run.
        let seed = 7;
        const next = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
        const pieces = ['"', "\\", '\\"', '\\\\"', "search", '"search":', "x", " ", "\n", "\t", "é", "\u2028", "[", "{", "}", ","];
        const word = (): string => Array.from({ length: next(12) }, () => pieces[next(pieces.length)]).join("");
        for (let k = 0; k < 300; k++) {
            const record: Record<string, unknown> = { id: word(), name: word(), tags: [word(), { search: word() }], search: `index=${word()}` };
            if (next(2) === 0) record["zz"] = word();
            const line = JSON.stringify(record);
            const rr = loadRuleText(`${line}\n`, { filename: "r.jsonl" });
            const rule = rr.rules[0]!;
            expect(rule.spl).toBe(record["search"]);
            expect(rule.exact).toBe(true);
            expect(mapMismatches(line, rule)).toEqual([]);
            const { search: _search, ...rest } = record;
            expect(rule.metadata).toEqual(rest);
        }
    });

    it("keeps metadata JSON data: out-of-range numbers, own __proto__ keys, the depth cap", () => {
        const deep = `${"[".repeat(70)}1${"]".repeat(70)}`;
        const line = `{"id":"m","search":"index=a","big":1e999,"__proto__":{"p":1},"deep":${deep},"shallow":[[1]]}`;
        const meta = loadRuleText(`${line}\n`, { filename: "m.jsonl" }).rules[0]!.metadata;
        expect(meta["big"]).toBe("Infinity");
        expect(Object.getPrototypeOf(meta)).toBe(Object.prototype);
        expect(Object.getOwnPropertyDescriptor(meta, "__proto__")?.value).toEqual({ p: 1 });
        expect(meta["shallow"]).toEqual([[1]]);
        // Nested values below the cap (64 levels) become null, as for every other format.
        expect(JSON.stringify(meta["deep"])).toBe(`${"[".repeat(64)}null${"]".repeat(64)}`);
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
