// No regular expression in splc may backtrack super-linearly (issue 11): every regex literal and
// every `RegExp(...)` of src/ (generated code aside) goes through scslre's static analysis, which
// finds the quantifiers that trade characters (`\d+\.?\d*`), nest (`(a+)+`) or move across the
// input (`-+$`). A RegExp built from a non-literal cannot be checked here, so there must be none.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { analyse } from "scslre";
import { describe, expect, it } from "vitest";
import { REPO_DIR } from "./support/shared.js";

interface Pattern {
    where: string;
    source: string;
    flags: string;
}

/** The regex literals and `RegExp(...)` constructions of a TypeScript text; `dynamic` lists those whose pattern is not a literal. */
function patternsOf(file: string, text: string): { patterns: Pattern[]; dynamic: string[] } {
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const patterns: Pattern[] = [];
    const dynamic: string[] = [];
    const where = (n: ts.Node): string => `${file}:${sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1}`;
    const literalText = (n: ts.Node | undefined): string | null => (n && (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) ? n.text : null);
    const todo: ts.Node[] = [sf];
    while (todo.length > 0) {
        const n = todo.pop() as ts.Node;
        if (ts.isRegularExpressionLiteral(n)) {
            const slash = n.text.lastIndexOf("/");
            patterns.push({ where: where(n), source: n.text.slice(1, slash), flags: n.text.slice(slash + 1) });
        } else if ((ts.isNewExpression(n) || ts.isCallExpression(n)) && ts.isIdentifier(n.expression) && n.expression.text === "RegExp") {
            const [p, f] = n.arguments ?? [];
            const source = literalText(p);
            const flags = f === undefined ? "" : literalText(f);
            if (source === null || flags === null) dynamic.push(where(n));
            else patterns.push({ where: where(n), source, flags });
        }
        todo.push(...n.getChildren(sf));
    }
    return { patterns, dynamic };
}

/** What scslre finds in one pattern: one line per cause, empty when it matches in linear time. */
function superLinear(p: Pattern): string[] {
    return analyse({ source: p.source, flags: p.flags }).reports.map(
        (r) => `${p.where} /${p.source}/${p.flags}: ${r.type}${r.exponential ? " (exponential)" : ""} on repeated ${JSON.stringify(r.character.pick)}`,
    );
}

function sourceFiles(dir: string): string[] {
    const out: string[] = [];
    for (const e of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, e.name);
        if (e.isDirectory()) {
            if (relative(REPO_DIR, path) !== join("src", "generated")) out.push(...sourceFiles(path));
        } else if (e.name.endsWith(".ts")) out.push(path);
    }
    return out;
}

describe("the super-linear regex check", () => {
    it("finds regex literals and RegExp constructions, and flags the ones it cannot read", () => {
        const text = 'const a = /x+y/g;\nconst b = new RegExp("(a+)+$", "i");\nconst c = RegExp(`^z$`);\nconst d = new RegExp(prefix + "x");\nconst s = "/not+a+regex/";';
        const { patterns, dynamic } = patternsOf("t.ts", text);
        expect(patterns.map((p) => [p.where, p.source, p.flags]).sort()).toEqual([
            ["t.ts:1", "x+y", "g"],
            ["t.ts:2", "(a+)+$", "i"],
            ["t.ts:3", "^z$", ""],
        ]);
        expect(dynamic).toEqual(["t.ts:4"]);
    });
    it("fails on known super-linear patterns and passes their linear rewrites", () => {
        const bad = (source: string): number => superLinear({ where: "t", source, flags: "" }).length;
        expect(bad("^(a+)+$")).toBeGreaterThan(0); // nested: exponential
        expect(bad("^[+-]?(\\d+\\.?\\d*|\\.\\d+)$")).toBeGreaterThan(0); // two quantifiers trade digits
        expect(bad("-+$")).toBeGreaterThan(0); // moves across a run of dashes
        expect(bad("^([A-Za-z_][A-Za-z0-9_]*)*\\.x$")).toBeGreaterThan(0);
        expect(bad("^[+-]?(\\d+(?:\\.\\d*)?|\\.\\d+)$")).toBe(0);
        expect(bad("^-|-$")).toBe(0);
        expect(bad("^[A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)*$")).toBe(0);
    });
});

describe("no regular expression in src/ backtracks super-linearly", () => {
    const files = sourceFiles(join(REPO_DIR, "src"));
    const found = files.map((f) => patternsOf(relative(REPO_DIR, f), readFileSync(f, "utf8")));
    it("every regex of src/ is a literal the check can read", () => {
        expect(found.flatMap((x) => x.dynamic)).toEqual([]);
        expect(found.reduce((n, x) => n + x.patterns.length, 0)).toBeGreaterThan(100);
    });
    it("none of them backtracks super-linearly", () => {
        expect(found.flatMap((x) => x.patterns.flatMap(superLinear))).toEqual([]);
    });
});
