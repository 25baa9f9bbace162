// Each syntax diagnostic: its code, its span (at the construct to fix), SPL wording rather than
// ANTLR's, and the stages that survive around it.
import { describe, expect, it } from "vitest";
import { createLineIndex, DIAGNOSTIC_CODES, formatDiagnostic, parse } from "../../src/index.js";

/** [input, code, text under the span, stage kinds that must remain] */
const CASES: [string, string, string, string[]][] = [
    ["a (b OR c | stats count", "SPL1002", "(", ["SearchCommand", "StatsCommand"]],
    ["a b) | stats count", "SPL1002", ")", ["SearchCommand", "StatsCommand"]],
    ['x="abc | stats count', "SPL1003", '"abc | stats count', ["SearchCommand"]],
    ["| eval x='field", "SPL1003", "'field", ["EvalCommand"]],
    ["a [search b | stats count", "SPL1004", "[", ["SearchCommand"]],
    ["x=`foo | stats count", "SPL1005", "`foo | stats count", ["SearchCommand"]],
    ["x= | stats count", "SPL1006", "=", ["SearchCommand", "StatsCommand"]],
    ["x>", "SPL1006", ">", ["SearchCommand"]],
    ["a ! b", "SPL1007", "!", ["SearchCommand"]],
    ["a ```comment | stats", "SPL1008", "```comment | stats", ["SearchCommand"]],
    ["a | | stats count", "SPL1009", "|", ["SearchCommand", "StatsCommand"]],
    ["a ] b | table x", "SPL1010", "]", ["SearchCommand", "TableCommand"]],
    ["foo | where x=1 AND | table a", "SPL1011", "AND", ["SearchCommand", "WhereCommand", "TableCommand"]],
    ["x IN a", "SPL1012", "IN", ["SearchCommand"]],
    ['search http_method, "POST"', "SPL1013", ",", ["SearchCommand"]],
    ["| stats count by", "SPL2005", "by", ["StatsCommand"]],
    ["| stats (x) as y", "SPL2003", "(x)", ["StatsCommand"]],
];

describe("syntax diagnostics", () => {
    for (const [input, code, under, stages] of CASES) {
        it(`${code}: ${input}`, () => {
            const r = parse(input);
            const d = r.diagnostics.find((x) => x.code === code);
            expect(d, JSON.stringify(r.diagnostics)).toBeDefined();
            expect(input.slice(d?.span.start, d?.span.end)).toBe(under);
            expect(d?.severity).toBe(DIAGNOSTIC_CODES[code as keyof typeof DIAGNOSTIC_CODES].severity);
            expect(r.pipeline.commands.map((c) => c.kind)).toEqual(stages);
        });
    }

    it("asks for the comma between eval assignments", () => {
        const r = parse("a | eval x=1 y=2 | table x");
        expect(r.diagnostics.map((d) => [d.code, d.message])).toEqual([["SPL1001", "expected ',' before the next eval assignment 'y'"]]);
        expect(r.pipeline.commands.map((c) => c.kind)).toEqual(["SearchCommand", "EvalCommand", "TableCommand"]);
    });

    it("a broken stage costs that stage only: the stages after it survive", () => {
        const junk = ["x=1 y=2", ") (", "] [", "= =", '"unclosed', "count(x", "AND OR", "!", "`m"];
        for (const j of junk) {
            const text = `index=a | eval z=1 ${j} | stats count by host | where count > 1`;
            const r = parse(text);
            expect(
                r.diagnostics.some((d) => d.severity === "error"),
                text,
            ).toBe(true);
            const names = r.pipeline.commands.map((c) => (c.kind === "MacroCall" ? c.name : c.canonical));
            // An unclosed string or macro swallows the rest of the text, as in Splunk; the others keep all four stages.
            if (j.startsWith('"') || j.startsWith("`")) expect(names.slice(0, 2), text).toEqual(["search", "eval"]);
            else expect(names, text).toEqual(["search", "eval", "stats", "where"]);
        }
    });

    it("never leaks ANTLR's wording", () => {
        const inputs = CASES.map((c) => c[0]).concat(["| eval x=(1 | table a", "a | stats count(x as y | table z", "((((", "|||]]][[[", 'x="\\']);
        for (const input of inputs) {
            for (const d of parse(input).diagnostics) {
                expect(d.message).not.toMatch(/mismatched input|no viable alternative|expecting \{|extraneous input|token recognition/);
            }
        }
    });

    it("renders file:line:col with a code frame", () => {
        const text = "index=main\n| stats count(x as y";
        const d = parse(text).diagnostics[0];
        if (!d) throw new Error("expected a diagnostic");
        const rendered = formatDiagnostic(d, text, { filename: "rule.spl" });
        expect(rendered.split("\n")[0]).toBe("rule.spl:2:14 SPL1002 error: unbalanced parenthesis: this '(' is never closed");
        expect(rendered.split("\n").slice(1)).toEqual(["2 | | stats count(x as y", "                 ^"]);
        expect(createLineIndex(text).position(11)).toEqual({ line: 2, column: 1 });
    });
});
