import { describe, expect, it } from "vitest";
import { parse, type Expr } from "../../src/index.js";

/** An eval expression fully parenthesised. */
function show(e: Expr): string {
    switch (e.kind) {
        case "Binary":
            return `(${e.op} ${show(e.left)} ${show(e.right)})`;
        case "Unary":
            return `(${e.op} ${show(e.operand)})`;
        case "Call":
            return `${e.name}(${e.args.map(show).join(", ")})`;
        case "Field":
            return e.quoted ? `'${e.name}'` : e.name;
        case "String":
            return JSON.stringify(e.value);
        case "Number":
            return e.raw;
        case "Boolean":
            return String(e.value);
        case "Placeholder":
            return `$${e.name}$`;
        case "MacroCall":
            return `\`${e.name}\``;
        case "Subsearch":
            return "[...]";
    }
}
function where(text: string): string {
    const c = parse(`| where ${text}`).pipeline.commands[0];
    if (c?.kind !== "WhereCommand") throw new Error(`not a where: ${c?.kind}`);
    return show(c.condition);
}

describe("eval/where precedence (reference 3.2)", () => {
    it("AND binds tighter than OR in where, unlike search", () => {
        expect(where("a=1 OR b=2 AND c=3")).toBe("(OR (= a 1) (AND (= b 2) (= c 3)))");
    });
    it("XOR is loosest, NOT tightest of the logical operators", () => {
        expect(where("NOT a OR b XOR c AND d")).toBe("(XOR (OR (NOT a) b) (AND c d))");
    });
    it("comparison and arithmetic bind tighter than logic; * before + and .", () => {
        expect(where('x + 2 * 3 > y . "s" AND z')).toBe('(AND (> (+ x (* 2 3)) (. y "s")) z)');
    });
    it("binary chains are left-associative; unary minus", () => {
        expect(where("a - b - c = -d")).toBe("(= (- (- a b) c) (- d))");
    });
    it("lower-case and/or/not/like are operators in eval (content uses them)", () => {
        expect(where('a=1 and not b like "x%" or c')).toBe('(OR (AND (= a 1) (NOT (LIKE b "x%"))) c)');
    });
    it("'x' is a field, \"x\" a string, a bare word a field; function names lower-cased", () => {
        expect(where('\'server-1\'="x" AND ISNOTNULL(y) AND CASE(a=1, "b")=z')).toBe('(AND (AND (= \'server-1\' "x") isnotnull(y)) (= case((= a 1), "b") z))');
    });
    it("IN operator and in() function; true()/false() are booleans", () => {
        expect(where('x IN ("a", "b") OR in(y, 1) OR true()')).toBe('(OR (OR in(x, "a", "b") in(y, 1)) true)');
    });
    it("a glued dot belongs to a field name; a spaced dot concatenates", () => {
        expect(where("userIdentity.userName = a . b")).toBe("(= userIdentity.userName (. a b))");
    });
    it("eval assignments keep their order and targets", () => {
        const c = parse("| eval a=1, b=a+1, \"c d\"='x y', {dyn}=2").pipeline.commands[0];
        expect(c?.kind).toBe("EvalCommand");
        if (c?.kind !== "EvalCommand") return;
        expect(c.assignments.map((a) => [a.field, show(a.expr)])).toEqual([
            ["a", "1"],
            ["b", "(+ a 1)"],
            ["c d", "'x y'"],
            ["{dyn}", "2"],
        ]);
    });
});
