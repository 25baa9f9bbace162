// Glob matching (src/cli/glob.ts) without regular expressions: the meaning of each form, and
// time proportional to path times pattern where a backtracking translation blew up.
import { describe, expect, it } from "vitest";
import { compileGlob } from "../../src/cli/glob.js";

const cases: [pattern: string, path: string, matches: boolean][] = [
    ["rules/*.yml", "rules/a.yml", true],
    ["rules/*.yml", "rules/a/c.yml", false],
    ["rules/*.yml", "rules/.yml", true],
    ["rules/**/*.yml", "rules/c.yml", true],
    ["rules/**/*.yml", "rules/a/b/c.yml", true],
    ["rules/**/*.yml", "rulesX/c.yml", false],
    ["rules/**.yml", "rules/a/b.yml", true],
    ["**/x", "x", true],
    ["**/x", "a/b/x", true],
    ["**/x", "a/bx", false],
    ["a?c", "abc", true],
    ["a?c", "a/c", false],
    ["a?c", "ac", false],
    ["[a-c]x", "bx", true],
    ["[a-c]x", "dx", false],
    ["[!a-c]x", "dx", true],
    ["[^a-c]x", "ax", false],
    ["[xyz]", "y", true],
    ["*.{yml,spl}", "r.spl", true],
    ["*.{yml,spl}", "r.conf", false],
    ["{a,}b", "b", true],
    ["a{b", "a{b", true],
    ["a[b", "a[b", true],
    ["a.b", "aXb", false],
    ["a+b(c)|$", "a+b(c)|$", true],
    ["a\\b", "a\\b", true],
    ["", "", true],
    ["", "a", false],
];

describe("compileGlob", () => {
    for (const [pattern, path, matches] of cases) {
        it(`${JSON.stringify(pattern)} ${matches ? "matches" : "does not match"} ${JSON.stringify(path)}`, () => {
            expect(compileGlob(pattern).test(path)).toBe(matches);
        });
    }

    it("rejects a long path against a pattern of many stars without backtracking (generous bound)", () => {
        // As a regular expression, `*a` x 30 then `*b` backtracks O(n^30) on a path with no b.
        const glob = compileGlob("*a".repeat(30) + "*b");
        const path = "a".repeat(20_000);
        const started = performance.now();
        expect(glob.test(path)).toBe(false);
        expect(glob.test(path + "b")).toBe(true);
        expect(compileGlob("**/".repeat(30) + "x").test("a/".repeat(2000) + "y")).toBe(false);
        expect(performance.now() - started).toBeLessThan(20_000);
    });
});
