// Every robustness bug the fuzzing of issue 11 found, as a test. The search repros are fixtures
// (test/fixtures/fuzz/*.spl, also seeds of the fuzz run) checked against every law; the
// blow-ups run with long inputs under generous bounds that only a super-linear algorithm misses.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyze, DIAGNOSTIC_CODES, parse } from "../../src/index.js";
import { splitStanzaName } from "../../src/macros/definition.js";
import { format, print } from "../../src/print/index.js";
import { commandMacroNames } from "../../src/analysis/warnings.js";
import { globCaptures } from "../../src/analysis/glob.js";
import { classifyValue } from "../../src/lower/values.js";
import { check, stressInputs } from "./engine.js";
import { REPO_DIR } from "../support/shared.js";

const FIXTURES = join(REPO_DIR, "test/fixtures/fuzz");

/** Milliseconds `fn` takes. */
function time(fn: () => unknown): number {
    const started = performance.now();
    fn();
    return performance.now() - started;
}

describe("fuzz repro fixtures keep every law", () => {
    for (const f of readdirSync(FIXTURES)
        .filter((x) => x.endsWith(".spl"))
        .sort()) {
        it(f, () => {
            expect(check(readFileSync(join(FIXTURES, f), "utf8"))).toBeNull();
        });
    }
});

describe("a `)` glued after a quote (SPL1014, a warning) hides no syntax error after it", () => {
    // The glued `)` is kept from the parser; the errors that follow it are still errors.
    for (const [f, code] of [
        ["glued-paren-then-missing-value.spl", "SPL1006"],
        ["glued-paren-then-generic-call.spl", "SPL1001"],
    ] as const) {
        it(f, () => {
            const codes = parse(readFileSync(join(FIXTURES, f), "utf8")).diagnostics.map((d) => d.code);
            expect(codes).toContain("SPL1014");
            expect(codes).toContain(code);
        });
    }
});

describe("a clause keyword after `=` is an option's value", () => {
    it("stats-option-value-keyword-then-by.spl keeps its BY clause", () => {
        const c = parse(readFileSync(join(FIXTURES, "stats-option-value-keyword-then-by.spl"), "utf8")).pipeline.commands[0];
        expect(c?.kind === "StatsCommand" ? { options: c.options.map((o) => `${o.name}=${o.value}`), by: c.by.map((b) => b.kind === "FieldRef" && b.name), aggregations: c.aggregations } : c).toEqual({
            options: ["s=as"],
            by: ["a"],
            aggregations: [],
        });
        expect(print(parse("| stats s=as BY a").pipeline)).toBe("| stats s=as BY a");
    });
});

describe("format writes each comment once", () => {
    // A comment inside a directive is part of its text (with escapes resolved): none is added.
    // A subsearch standing as a value prints from its pipeline: its comments are put back.
    for (const f of ["directive-macro-then-comment.spl", "directive-macro-then-escaped-comment.spl", "comment-in-case.spl", "comment-before-subsearch-value.spl", "comment-in-subsearch-value.spl"]) {
        it(f, () => {
            const text = readFileSync(join(FIXTURES, f), "utf8");
            expect(format(text).split("```").length).toBe(text.split("```").length);
        });
    }
});

describe("no super-linear regular expressions (long inputs, generous bounds)", () => {
    it("prints an eval target with a 5,000-character name followed by a space", () => {
        // Was exponential: 26 characters took seconds, each one more doubled it.
        const text = "| eval " + "a".repeat(5000) + " b=c";
        expect(time(() => format(text))).toBeLessThan(5000);
        expect(print(parse("| eval " + "a".repeat(5000) + "=1").pipeline)).toContain("a".repeat(5000) + "=1");
    });
    it("classifies a long run of colons (IPv6 CIDR pattern)", () => {
        expect(time(() => classifyValue(":".repeat(100_000) + "x", false))).toBeLessThan(2000);
        expect(classifyValue("fe80::1/64", false)).toBe("cidr");
    });
    it("splits a macro stanza name with long white space", () => {
        const name = "m" + " ".repeat(100_000) + "x";
        expect(time(() => splitStanzaName(name))).toBeLessThan(2000);
        expect(splitStanzaName(" m ( 2 ) ")).toEqual({ name: "m", arity: 2 });
    });
    it("reads the first word of a macro definition after long white space", () => {
        const definition = " ".repeat(100_000) + "!";
        expect(time(() => commandMacroNames([{ name: "m", definition }]))).toBeLessThan(2000);
    });
    it("matches wildcard field patterns with many stars", () => {
        const pattern = "*a".repeat(30) + "*b";
        const name = "a".repeat(20_000);
        expect(time(() => globCaptures(pattern, name))).toBeLessThan(2000);
        expect(globCaptures(pattern, name)).toBeNull();
        expect(globCaptures("x*y*z", "x1y2y3z")).toEqual(["1y2", "3"]);
    });
    it("analyzes a rename of wildcard patterns against a long name", () => {
        const text = "| eval " + "a".repeat(5000) + "=1 | rename " + "*a".repeat(20) + "*b as c | table x";
        expect(time(() => analyze(parse(text)))).toBeLessThan(5000);
    });
});

describe("analyze(): no stack overflow, linear time", () => {
    it("analyzes a 5,039-term eval chain", () => {
        const r = parse("| eval x=" + "a+".repeat(5039) + "1");
        expect(r.diagnostics).toEqual([]);
        expect(analyze(r).fields.written).toEqual(["x"]);
    });
    it("analyzes coalesce() with 100,000 arguments and 20,000 stats aggregations", () => {
        const coalesce = parse("| eval x=coalesce(" + Array.from({ length: 100_000 }, (_, i) => `a${i}`).join(",") + ")");
        // Quadratic code took 40 s here (87 s on this machine); linear code takes about one.
        expect(time(() => expect(analyze(coalesce).fields.read).toHaveLength(100_000))).toBeLessThan(20_000);
        const stats = parse("| stats " + Array.from({ length: 20_000 }, (_, i) => `count(a${i}) as c${i}`).join(" "));
        expect(time(() => expect(analyze(stats).fields.written).toHaveLength(20_000))).toBeLessThan(20_000);
    });
    it("formats an 8,000-link comparison chain without nesting a group per link", () => {
        const text = "| where " + Array(8000).fill("a").join("=");
        expect(time(() => expect(check(text, 2)).toBeNull())).toBeLessThan(20_000);
    });
    it("keeps every law on the stress inputs", () => {
        for (const s of stressInputs(2000)) expect(check(s, 2)).toBeNull();
    });
});

describe("plain JSON IR and nested spans", () => {
    it("keeps 1e999 as text with a null value and SPL1105", () => {
        const r = parse("| eval x=1e999");
        const c = r.pipeline.commands[0];
        expect(c?.kind === "EvalCommand" ? c.assignments[0]?.expr : null).toMatchObject({ kind: "Number", value: null, raw: "1e999" });
        expect(r.diagnostics.map((d) => d.code)).toEqual(["SPL1105"]);
        expect(DIAGNOSTIC_CODES.SPL1105.severity).toBe("warning");
        expect(print(r.pipeline)).toBe("| eval x=1e999");
    });
});

describe("options are validated and capped", () => {
    it("treats null options and null limits as the defaults", () => {
        expect(parse("a", null).diagnostics).toEqual([]);
        expect(parse("a", { maxLength: null as unknown as number }).diagnostics).toEqual([]);
    });
    it("rejects a limit that is not a positive number with a TypeError", () => {
        expect(() => parse("a", { maxLength: Number.NaN })).toThrow(TypeError);
        expect(() => parse("a", { maxTokens: 0 })).toThrow(/maxTokens must be a positive number/);
        expect(() => parse("a", { expand: { maxOutput: -1 }, macros: [] })).toThrow(TypeError);
    });
    it("rejects macros that are neither a list nor a MacroTable, and reports a null definition", () => {
        expect(() => parse("a", { macros: {} as never })).toThrow(/macros must be an array/);
        expect(parse("a", { macros: [null as never] }).diagnostics.map((d) => d.code)).toEqual(["SPL4007"]);
    });
    it("counts only real tokens against maxTokens", () => {
        expect(parse("a b c d e", { maxTokens: 5 }).diagnostics).toEqual([]);
        expect(parse("a b c d e f", { maxTokens: 5 }).diagnostics.map((d) => d.code)).toEqual(["SPL1103"]);
    });
    it("reports 150,000 pipes as missing commands, not as nesting", () => {
        const codes = new Set(parse("|".repeat(150_000)).diagnostics.map((d) => d.code));
        expect([...codes]).toEqual(["SPL1009"]);
    });
    it("caps expand.maxOutput instead of exhausting memory", () => {
        const macros = [
            { name: "m", definition: "`n` `n` `n` `n` `n` `n` `n` `n` `n` `n`" },
            { name: "n", definition: "`o` `o` `o` `o` `o` `o` `o` `o` `o` `o`" },
            { name: "o", definition: "`p` `p` `p` `p` `p` `p` `p` `p` `p` `p`" },
            { name: "p", definition: "`q` `q` `q` `q` `q` `q` `q` `q` `q` `q`" },
            { name: "q", definition: "`r` `r` `r` `r` `r` `r` `r` `r` `r` `r`" },
            { name: "r", definition: "`s` `s` `s` `s` `s` `s` `s` `s` `s` `s`" },
            { name: "s", definition: "`t` `t` `t` `t` `t` `t` `t` `t` `t` `t`" },
            { name: "t", definition: "`u` `u` `u` `u` `u` `u` `u` `u` `u` `u`" },
            { name: "u", definition: "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" },
        ];
        const r = parse("`m`", { macros, expand: { maxOutput: 1e12 } });
        expect(r.diagnostics.map((d) => d.code)).toContain("SPL4005");
    });
});
