import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { diagnostic } from "../../src/diagnostics/diagnostic.js";
import { createLineIndex, formatDiagnostic } from "../../src/diagnostics/render.js";
import { parse } from "../../src/parse.js";
import { loadRuleText, mapDiagnosticsToFile, reviveRule, toFileSpan } from "../../src/rules/index.js";
import { makeRule, splFromMapped } from "../../src/rules/common.js";
import { describeShared, sharedPath } from "../support/shared.js";
import { fixture } from "./helpers.js";

describe("mapping SPL diagnostics into the rule file", () => {
    const text = fixture("sc_detection.yml");
    const rule = loadRuleText(text, { filename: "sc_detection.yml" }).rules[0]!;

    it("maps span and related spans, and names the file", () => {
        const at = rule.spl.indexOf("| stats");
        const d = { ...diagnostic("SPL1001", "test", { start: at, end: at + 7 }), related: [{ span: { start: 0, end: 1 }, message: "first" }] };
        const [m] = mapDiagnosticsToFile(rule, [d]);
        expect(m!.file).toBe("sc_detection.yml");
        expect(text.slice(m!.span.start, m!.span.end)).toBe("| stats");
        expect(text.slice(m!.related![0]!.span.start, m!.related![0]!.span.end)).toBe("`");
        expect(formatDiagnostic(m!, text, { filename: m!.file, codeFrame: false })).toBe("sc_detection.yml:12:3 SPL1001 error: test");
    });

    it("ends a span over a folded line break where its text ends", () => {
        const from = rule.spl.indexOf("ImagePath");
        const span = toFileSpan(rule, { start: from, end: from + "ImagePath\n| `security".length });
        expect(text.slice(span.start, span.end)).toBe("ImagePath\n\n  | `security");
        expect(toFileSpan(rule, { start: 3, end: 3 })).toEqual({ start: rule.toFileOffset(3), end: rule.toFileOffset(3) });
    });

    it("revives a rule sent through JSON", () => {
        const copy = reviveRule(JSON.parse(JSON.stringify(rule)) as Parameters<typeof reviveRule>[0]);
        for (let i = 0; i <= rule.spl.length; i++) expect(copy.toFileOffset(i)).toBe(rule.toFileOffset(i));
    });

    it("degrades to a coarse map when the decoder disagrees with the parser's value", () => {
        const mapped = splFromMapped({ text: "abc", offsets: [5, 6, 7, 8] }, "abd", 4);
        expect(mapped).toEqual({ spl: "abd", offsetMap: [0, 4], exact: false });
        const coarse = makeRule({ id: null, name: null, file: "f", format: "spl", fileSpan: { start: 4, end: 8 }, metadata: {}, ...mapped });
        expect([0, 1, 2, 3].map((i) => coarse.toFileOffset(i))).toEqual([4, 4, 4, 4]);
    });
});

describeShared("parse diagnostics of a real rule point into its YAML file", () => {
    it("puts the unbalanced parenthesis of the Anvilogic example at its file line:col", () => {
        const file = sharedPath("examples", "iso_image_mounted-windows-splunk-powershell.yml");
        const text = readFileSync(file, "utf8");
        const rule = loadRuleText(text, { filename: file }).rules[0]!;
        const mapped = mapDiagnosticsToFile(rule, parse(rule.spl).diagnostics);
        const paren = mapped.find((d) => d.code === "SPL1002");
        expect(paren).toBeDefined();
        expect(text[paren!.span.start]).toBe("(");
        // The '(' that is never closed opens `(TERM(Mount-DiskImage`, on the logic's second line.
        expect(text.slice(paren!.span.start, paren!.span.start + 22)).toBe("(TERM(Mount-DiskImage\n");
        const line = createLineIndex(text).position(paren!.span.start).line;
        expect(text.split("\n")[line - 1]).toContain("TERM(EventCode=4104)");
    });
});
