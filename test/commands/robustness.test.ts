// Never throw, never fall back: every typed command over many argument soups (a seeded random
// mix of options, words, keywords, strings, calls, groups, punctuation, subsearches, macros)
// still lowers to its typed kind, and lineage runs on the result.
import { describe, expect, it } from "vitest";
import { parse } from "../../src/index.js";
import { TYPED_COMMANDS } from "../../src/lower/commands/index.js";
import { fieldsAfter, lineage } from "../../src/analysis/lineage.js";
import { rng } from "../support/random.js";

const PIECES = [
    "a",
    "b*",
    "-",
    "+",
    "-x",
    "10",
    "0",
    "AS",
    "as",
    "BY",
    "OUTPUT",
    "OUTPUTNEW",
    "WITH",
    "IN",
    "with",
    "in",
    "sortby",
    "desc",
    '"q r"',
    '"(?<g>x)"',
    '"(?<1>x"',
    '"s/a/b/"',
    "num(x)",
    "-str(y)",
    "ctime(t)",
    "auto",
    "(x > 1)",
    ",",
    "!=",
    "=",
    "<",
    "type=outer",
    "type=bad",
    "max=z",
    "max_match=q",
    "mode=sed",
    "field=f",
    "span=1h",
    "value=0",
    "path=a.b",
    "output=o",
    "prefix=p_",
    'search="search x"',
    "append=t",
    "local=true",
    "limit=3",
    "[search x=1]",
    "[| makeresults | eval z=1]",
    "`m`",
    "`m(1)`",
    "WHERE x=1",
    "datamodel:X",
    "$tok$",
    '"P".*',
];

describe("typed lowering robustness", () => {
    // A reading that meets an argument it cannot place (SPL2006) keeps the command generic, on
    // purpose (its arguments are then its only exact record); anything else stays typed, and no
    // reading ever fails (SPL2018).
    it("every typed command stays typed on 60 random argument lists each, unless an argument is not understood", () => {
        const next = rng(4);
        const fallbacks: string[] = [];
        for (const name of TYPED_COMMANDS) {
            for (let i = 0; i < 60; i++) {
                const n = Math.floor(next() * 7);
                const args = Array.from({ length: n }, () => PIECES[Math.floor(next() * PIECES.length)] ?? "a");
                const text = `| makeresults | ${name} ${args.join(" ")}`;
                const { pipeline, diagnostics } = parse(text);
                const lossy = diagnostics.some((d) => d.code === "SPL2006");
                for (const c of pipeline.commands) if (c.kind === "GenericCommand" && c.canonical === name && !lossy) fallbacks.push(text);
                if (diagnostics.some((d) => d.code === "SPL2018")) fallbacks.push(`SPL2018: ${text}`);
                expect(() => lineage(pipeline)).not.toThrow();
                expect(() => fieldsAfter(pipeline, pipeline.commands.length)).not.toThrow();
            }
        }
        expect(fallbacks).toEqual([]);
    });
});
