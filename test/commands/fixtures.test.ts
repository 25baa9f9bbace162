// Fixture-driven tests of the typed command lowering: each test/fixtures/commands/NAME.spl is
// parsed; NAME.json lists, by stage index, the fields the typed node must have (a partial match,
// so spans and args may be left out), and every diagnostic as { code, text }, where text is the
// source the diagnostic's span covers.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "../../src/index.js";
import { REPO_DIR } from "../support/shared.js";

const DIR = join(REPO_DIR, "test", "fixtures", "commands");

interface Expected {
    /** Partial expected nodes by stage index of the top-level pipeline. */
    stages: Record<string, unknown>;
    /** Every diagnostic (all codes), in order. */
    diagnostics?: { code: string; text: string }[];
}

const names = readdirSync(DIR)
    .filter((f) => f.endsWith(".spl"))
    .map((f) => f.slice(0, -4))
    .sort();

describe("command fixtures", () => {
    it("has fixtures", () => {
        expect(names.length).toBeGreaterThan(40);
    });
    for (const name of names) {
        it(name, () => {
            const text = readFileSync(join(DIR, `${name}.spl`), "utf8").replace(/\r?\n$/, "");
            const expected = JSON.parse(readFileSync(join(DIR, `${name}.json`), "utf8")) as Expected;
            const result = parse(text);
            for (const [i, want] of Object.entries(expected.stages)) {
                expect(result.pipeline.commands[Number(i)], `stage ${i}`).toMatchObject(want as object);
            }
            const got = result.diagnostics.map((d) => ({ code: d.code, text: text.slice(d.span.start, d.span.end) }));
            expect(got).toEqual(expected.diagnostics ?? []);
        });
    }
});
