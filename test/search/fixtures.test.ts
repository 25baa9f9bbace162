// Each test/fixtures/search/<name>.spl is one search; <name>.sexpr is the hand-written tree of
// its first stage's filter (see test/support/sexpr.ts), taken from the reference's tables.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "../../src/index.js";
import { firstFilter } from "../support/sexpr.js";
import { REPO_DIR } from "../support/shared.js";

const dir = join(REPO_DIR, "test", "fixtures", "search");
const names = readdirSync(dir)
    .filter((f) => f.endsWith(".spl"))
    .map((f) => f.slice(0, -4))
    .sort();

describe("search expression fixtures", () => {
    it("has fixtures", () => expect(names.length).toBeGreaterThan(40));
    for (const name of names) {
        it(name, () => {
            const spl = readFileSync(join(dir, `${name}.spl`), "utf8").replace(/\n$/, "");
            const expected = readFileSync(join(dir, `${name}.sexpr`), "utf8").trim();
            const result = parse(spl);
            expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
            expect(firstFilter(result.pipeline)).toBe(expected);
        });
    }
});
