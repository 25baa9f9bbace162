/**
 * The lexer's input: the text as code points, as antlr4ng's own `CharStream.fromString` gives
 * them (token offsets are code points; src/lower/context.ts maps them to UTF-16). It is cheaper
 * than the runtime's stream: the hand-written scanner reads a string with one unit per code
 * point (the text itself unless it has a surrogate pair), so the code point array that the
 * generated lexer reads is only made for that lexer (with `charCodeAt` into a preallocated
 * array when the text has no surrogate pair); and token text is a `slice` of the original
 * string rather than a string built one code point at a time.
 */
import { IntStream, Token, type CharStream, type Interval } from "antlr4ng";

const SURROGATE_PAIR = /[\uD800-\uDBFF][\uDC00-\uDFFF]/;
const SURROGATE_PAIRS = /[\uD800-\uDBFF][\uDC00-\uDFFF]/g;

export class SplCharStream implements CharStream {
    name = "";
    index = 0;
    /**
     * One UTF-16 unit per code point, for the hand-written scanner (token-source.ts): the text
     * itself when it has no surrogate pair, else the text with each pair replaced by U+FFFF,
     * which the lexer's rules treat alike (both are WORD_CHARs and nothing else).
     */
    readonly units: string;
    /** The text, when code point i is `text[i]` (no surrogate pair); otherwise null. */
    private readonly flat: string | null;
    private readonly text: string;
    private codePoints: Uint32Array | null = null;

    constructor(text: string) {
        this.text = text;
        if (SURROGATE_PAIR.test(text)) {
            this.flat = null;
            this.units = text.replace(SURROGATE_PAIRS, "\uFFFF");
        } else {
            this.flat = text;
            this.units = text;
        }
    }

    /** The code points, made on first use: the generated lexer reads them, the scanner does not. */
    private get data(): Uint32Array {
        if (this.codePoints !== null) return this.codePoints;
        const text = this.text;
        let data: Uint32Array;
        if (this.flat === null) {
            const codePoints: number[] = [];
            for (const ch of text) codePoints.push(ch.codePointAt(0) as number);
            data = Uint32Array.from(codePoints);
        } else {
            data = new Uint32Array(text.length);
            for (let i = 0; i < text.length; i++) data[i] = text.charCodeAt(i);
        }
        this.codePoints = data;
        return data;
    }

    reset(): void {
        this.index = 0;
    }

    consume(): void {
        if (this.index >= this.units.length) throw new Error("cannot consume EOF");
        this.index += 1;
    }

    LA(offset: number): number {
        if (offset === 0) return 0;
        const pos = this.index + (offset < 0 ? offset + 1 : offset) - 1;
        if (pos < 0 || pos >= this.units.length) return Token.EOF;
        return (this.codePoints ?? this.data)[pos] as number;
    }

    mark(): number {
        return -1;
    }

    release(_marker: number): void {}

    seek(index: number): void {
        this.index = index <= this.index ? index : Math.min(index, this.units.length);
    }

    getTextFromRange(start: number, stop?: number): string {
        const last = Math.min(stop ?? this.units.length - 1, this.units.length - 1);
        if (start >= this.units.length) return "";
        return this.range(start, last + 1);
    }

    getTextFromInterval(interval: Interval): string {
        return this.getTextFromRange(interval.start, interval.stop);
    }

    toString(): string {
        return this.range(0, this.units.length);
    }

    get size(): number {
        return this.units.length;
    }

    getSourceName(): string {
        return this.name || IntStream.UNKNOWN_SOURCE_NAME;
    }

    private range(start: number, end: number): string {
        if (this.flat !== null) return this.flat.slice(start, end);
        // subarray and String.prototype.slice read negative and reversed bounds alike.
        let out = "";
        for (const cp of this.data.subarray(start, end)) out += String.fromCodePoint(cp);
        return out;
    }
}
