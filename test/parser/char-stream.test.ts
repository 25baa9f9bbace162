// SplCharStream must be indistinguishable from antlr4ng's CharStream.fromString for the lexer:
// the same code points at every position and the same text for every range.
import { CharStream, Interval } from "antlr4ng";
import { describe, expect, it } from "vitest";
import { SplCharStream } from "../../src/parser/char-stream.js";
import { rng } from "../support/random.js";

const ALPHABET = ["a", "Z", "=", " ", "|", '"', "\\", "é", "中", "😀", "\uD83D", "\uDE00", "\n", "`"];

function samples(): string[] {
    const out = ["", "index=main | stats count", "emoji 😀 and é", "lone \uD800 high", "lone \uDC00 low", "😀😀", "\uD83D"];
    const next = rng(13);
    for (let i = 0; i < 200; i++) {
        let s = "";
        const len = Math.floor(next() * 30);
        for (let j = 0; j < len; j++) s += ALPHABET[Math.floor(next() * ALPHABET.length)];
        out.push(s);
    }
    return out;
}

describe("SplCharStream", () => {
    it("matches CharStream.fromString on LA, size and every text range", () => {
        for (const text of samples()) {
            const ours = new SplCharStream(text);
            const theirs = CharStream.fromString(text);
            expect(ours.size).toBe(theirs.size);
            expect(ours.toString()).toBe(theirs.toString());
            for (let i = 0; i <= theirs.size; i++) {
                expect([ours.LA(1), ours.LA(2), ours.LA(-1), ours.index]).toEqual([theirs.LA(1), theirs.LA(2), theirs.LA(-1), theirs.index]);
                if (i < theirs.size) {
                    ours.consume();
                    theirs.consume();
                }
            }
            for (let a = -1; a <= theirs.size + 1; a++) {
                for (let b = a - 1; b <= theirs.size + 1; b++) {
                    expect(ours.getTextFromRange(a, b)).toBe(theirs.getTextFromRange(a, b));
                    if (a >= 0) expect(ours.getTextFromInterval(new Interval(a, b))).toBe(theirs.getTextFromInterval(new Interval(a, b)));
                }
            }
            ours.seek(1);
            theirs.seek(1);
            expect(ours.LA(1)).toBe(theirs.LA(1));
        }
    });
});
