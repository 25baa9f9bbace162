// The fragment entry points: one search expression, one eval expression, each with its own
// precedence, spans into the fragment, and diagnostics instead of exceptions.
import { describe, expect, it } from "vitest";
import { parseEvalExpression, parseSearchExpression, print } from "../../src/index.js";
import { sexpr } from "../support/sexpr.js";

describe("parseSearchExpression", () => {
    it("uses search precedence, and clause keywords are plain terms", () => {
        const r = parseSearchExpression("a OR b c by x");
        expect(r.diagnostics).toEqual([]);
        expect(sexpr(r.expr)).toBe("(and (or a b) c by x)");
    });
    it("has spans into the fragment and reports errors", () => {
        const r = parseSearchExpression('user=admin NOT (src="10.0.0.0/8"');
        expect(r.diagnostics.map((d) => d.code)).toEqual(["SPL1002"]);
        const f = r.expr;
        expect(f?.kind).toBe("SearchAnd");
        if (f?.kind === "SearchAnd") expect(r.text.slice(f.operands[0]?.span.start, f.operands[0]?.span.end)).toBe("user=admin");
    });
    it("applies the same limits as parse()", () => {
        expect(parseSearchExpression("a b c", { maxLength: 3 }).diagnostics.map((d) => d.code)).toEqual(["SPL1101"]);
        expect(parseEvalExpression(`${"(".repeat(300)}x${")".repeat(300)}`).diagnostics.map((d) => d.code)).toEqual(["SPL1102"]);
    });
    it("returns null for an empty text, and a diagnostic for a pipe", () => {
        expect(parseSearchExpression("").expr).toBeNull();
        expect(parseSearchExpression("a | b").diagnostics.map((d) => d.code)).toEqual(["SPL1001"]);
    });
});

describe("parseEvalExpression", () => {
    it("uses eval precedence", () => {
        const r = parseEvalExpression('a=1 OR b=2 AND c="x"');
        expect(r.diagnostics).toEqual([]);
        expect(r.expr && print(r.expr)).toBe('a = 1 OR b = 2 AND c = "x"');
        expect(r.expr?.kind === "Binary" && r.expr.op).toBe("OR");
        expect(r.expr?.kind === "Binary" && r.expr.right.kind === "Binary" && r.expr.right.op).toBe("AND");
    });
    it("lexes eval operators: + - . and 'quoted fields'", () => {
        const r = parseEvalExpression("'src ip' . \":\" . port + 1");
        expect(r.diagnostics).toEqual([]);
        expect(r.expr?.kind).toBe("Binary");
    });
    it("reports what is missing", () => {
        expect(parseEvalExpression("if(a, b").diagnostics.map((d) => d.code)).toEqual(["SPL1002"]);
        expect(parseEvalExpression("a AND").diagnostics.map((d) => d.code)).toEqual(["SPL1011"]);
    });
});
