// Parse statistics travel with the call (`onStats`), never through a global.
import { describe, expect, it } from "vitest";
import { parse, type ParseOptions, type ParseStats } from "../../src/index.js";

/** The stats `parse` reports for `text`, and how many times it called back. */
function statsOf(text: string, options: ParseOptions = {}): { calls: ParseStats[] } {
    const calls: ParseStats[] = [];
    parse(text, { ...options, onStats: (s) => calls.push(s) });
    return { calls };
}

describe("parse(text, { onStats })", () => {
    it("is called once per parse, with no fallback for a valid search", () => {
        const { calls } = statsOf("index=main error | stats count by host");
        expect(calls).toHaveLength(1);
        expect(calls[0]?.usedFallback).toBe(false);
        expect(calls[0]?.tokens).toBeGreaterThan(0);
    });

    it("reports the LL fallback for a syntax error", () => {
        expect(statsOf("index=main (a OR b | stats count").calls.map((s) => s.usedFallback)).toEqual([true]);
    });

    it("counts tokens without white space and comments", () => {
        const plain = statsOf("a b c").calls[0]?.tokens ?? 0;
        expect(statsOf("a   b ```a comment``` c\n").calls[0]?.tokens).toBe(plain);
        expect(statsOf("a b c d").calls[0]?.tokens).toBe(plain + 1);
    });

    it("counts the tokens of the expanded text when macros are expanded", () => {
        const expanded = statsOf("`two` x", { macros: [{ name: "two", definition: "a b" }] }).calls;
        expect(expanded).toHaveLength(1);
        expect(expanded[0]?.tokens).toBe(statsOf("a b x").calls[0]?.tokens);
    });

    it("is not called when a limit rejects the input before parsing", () => {
        expect(statsOf("a b c", { maxLength: 2 }).calls).toEqual([]);
        expect(statsOf("a b c", { maxTokens: 2 }).calls).toEqual([]);
    });

    it("keeps each call's stats to itself", () => {
        const first: ParseStats[] = [];
        parse("a (b", { onStats: (s) => first.push(s) });
        parse("a b");
        expect(first.map((s) => s.usedFallback)).toEqual([true]);
    });

    it("must be a function", () => {
        expect(() => parse("a", { onStats: 1 as unknown as () => void })).toThrow(TypeError);
        expect(parse("a", { onStats: null } as unknown as ParseOptions).diagnostics).toEqual([]);
    });
});
