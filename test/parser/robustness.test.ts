// parse() never throws and always returns a pipeline: random mutations of real searches,
// character soup, and pathological sizes (deep nesting, huge OR chains).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { IR_VERSION, parse, type ParseResult } from "../../src/index.js";
import { corpusSearches, REPO_DIR } from "../support/shared.js";
import { rng } from "../support/random.js";

function checkShape(text: string, r: ParseResult): void {
    expect(r.irVersion).toBe(IR_VERSION);
    expect(r.pipeline.kind).toBe("Pipeline");
    for (const c of r.pipeline.commands) {
        expect(typeof c.kind).toBe("string");
        expect(c.span.start).toBeGreaterThanOrEqual(0);
        expect(c.span.end).toBeLessThanOrEqual(text.length);
    }
    for (const d of r.diagnostics) {
        expect(d.code).toMatch(/^SPL\d{4}$/);
        expect(d.span.start).toBeGreaterThanOrEqual(0);
        expect(d.span.end).toBeLessThanOrEqual(text.length);
    }
}

function mutate(text: string, rand: () => number): string {
    const i = Math.floor(rand() * text.length);
    const j = Math.min(text.length, i + 1 + Math.floor(rand() * 5));
    switch (Math.floor(rand() * 5)) {
        case 0:
            return text.slice(0, i) + text.slice(j); // delete
        case 1:
            return text.slice(0, j) + text.slice(i, j) + text.slice(j); // duplicate
        case 2:
            return text.slice(0, i) + text.slice(i + 1, i + 2) + text.slice(i, i + 1) + text.slice(i + 2); // swap
        case 3:
            return text.slice(0, i); // cut off
        default:
            return text.slice(0, i) + "|[]()\"`'=!<>,\\"[Math.floor(rand() * 14)] + text.slice(i); // insert a special
    }
}

const fixtureSearches = readdirSync(join(REPO_DIR, "test/fixtures/search"))
    .filter((f) => f.endsWith(".spl"))
    .map((f) => readFileSync(join(REPO_DIR, "test/fixtures/search", f), "utf8").trim());

describe("robustness", () => {
    it("survives random mutations of real searches", () => {
        const rand = rng(20261127);
        const corpus = corpusSearches().map((r) => r.search);
        const pool = corpus.length > 0 ? corpus : fixtureSearches;
        for (let n = 0; n < 1500; n++) {
            let text = pool[Math.floor(rand() * pool.length)] as string;
            const rounds = 1 + Math.floor(rand() * 4);
            for (let k = 0; k < rounds; k++) text = mutate(text, rand);
            checkShape(text, parse(text));
        }
    });

    it("survives character soup", () => {
        const rand = rng(7);
        const alphabet = "ab =|[]()\"`'!<>,.*\\$-:{}@#\n\tANDORNOTINTERM(CASE(eval stats by as where😀";
        for (let n = 0; n < 1500; n++) {
            const len = Math.floor(rand() * 200);
            let text = "";
            for (let k = 0; k < len; k++) text += alphabet[Math.floor(rand() * alphabet.length)];
            checkShape(text, parse(text));
        }
    });

    it("reports 3,000 nested parentheses as too deep instead of overflowing the stack", () => {
        const text = `${"(".repeat(3000)}a${")".repeat(3000)}`;
        const r = parse(text);
        expect(r.diagnostics.map((d) => d.code)).toEqual(["SPL1102"]);
        expect(r.pipeline.commands).toEqual([]);
    });

    it("parses nesting up to the depth limit", () => {
        const text = `${"(".repeat(150)}a${")".repeat(150)} | stats count`;
        const r = parse(text);
        expect(r.diagnostics).toEqual([]);
        expect(r.pipeline.commands.map((c) => c.kind)).toEqual(["SearchCommand", "StatsCommand"]);
    });

    it("parses a 20,000-term OR chain into one flat SearchOr", () => {
        const text = Array.from({ length: 20000 }, (_, i) => `f${i}=v${i}`).join(" OR ");
        const r = parse(text);
        expect(r.diagnostics).toEqual([]);
        const c = r.pipeline.commands[0];
        expect(c?.kind === "SearchCommand" && c.filter?.kind === "SearchOr" && c.filter.operands.length).toBe(20000);
    });

    it("lowers a 20,000-term eval chain iteratively and stops over-deep NOT chains at maxDepth", () => {
        const chain = Array.from({ length: 20000 }, (_, i) => `x=${i}`).join(" OR ");
        const r = parse(`| where ${chain}`);
        expect(r.diagnostics).toEqual([]);
        let depth = 0;
        let e = r.pipeline.commands[0]?.kind === "WhereCommand" ? r.pipeline.commands[0].condition : null;
        while (e && e.kind === "Binary" && e.op === "OR") {
            depth++;
            e = e.left;
        }
        expect(depth).toBe(19999);
        const nots = parse(`| where ${"NOT ".repeat(150)}x`);
        expect(nots.diagnostics).toEqual([]);
        expect(nots.pipeline.commands[0]?.kind).toBe("WhereCommand");
        expect(parse(`${"NOT ".repeat(150)}x`).diagnostics).toEqual([]);
        expect(parse(`${"NOT ".repeat(50000)}x`).diagnostics.map((d) => d.code)).toEqual(["SPL1102"]);
    });

    it("enforces maxLength and maxTokens with diagnostics", () => {
        expect(parse("a b c", { maxLength: 3 }).diagnostics.map((d) => d.code)).toEqual(["SPL1101"]);
        expect(parse("a b c d e f", { maxTokens: 5 }).diagnostics.map((d) => d.code)).toEqual(["SPL1103"]);
    });

    it("rejects a non-string argument as API misuse", () => {
        expect(() => parse(42 as unknown as string)).toThrow(TypeError);
    });
});
