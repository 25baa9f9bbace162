// Shared checks of the rule-loader tests.
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { RuleSource } from "../../src/rules/index.js";

/** Absolute path of a fixture in test/fixtures/rules. */
export function fixturePath(name: string): string {
    return join(resolve(dirname(fileURLToPath(import.meta.url)), "..", "fixtures", "rules"), name);
}

/** The text of a fixture. */
export function fixture(name: string): string {
    return readFileSync(fixturePath(name), "utf8");
}

/**
 * Characters of `rule.spl` whose mapped file position does not hold that same character. A
 * character synthesised by the format is allowed when it is what that position explains:
 * whitespace produced by folding a line break (mapped onto whitespace, a line break or the .conf
 * continuation backslash) and the result of an escape (mapped onto the escape's backslash).
 * Also checks that the map never goes backwards.
 */
export function mapMismatches(text: string, rule: RuleSource): string[] {
    const bad: string[] = [];
    let prev = -1;
    for (let i = 0; i < rule.spl.length; i++) {
        const off = rule.toFileOffset(i);
        const want = rule.spl[i] as string;
        const got = text[off];
        if (off < prev) bad.push(`offset ${i} maps to ${off}, before ${prev}`);
        prev = off;
        if (got === want) continue;
        if (/\s/.test(want) && got !== undefined && /[\s\\]/.test(got)) continue;
        if (got === "\\") continue;
        bad.push(`spl[${i}]=${JSON.stringify(want)} but file[${off}]=${JSON.stringify(got)}`);
    }
    return bad;
}

/** Number of characters of `rule.spl` copied verbatim (mapped onto the same character). */
export function verbatimCount(text: string, rule: RuleSource): number {
    let n = 0;
    for (let i = 0; i < rule.spl.length; i++) if (text[rule.toFileOffset(i)] === rule.spl[i]) n++;
    return n;
}
