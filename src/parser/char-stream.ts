/**
 * The lexer's input: the text as code points, as antlr4ng's own `CharStream.fromString` gives
 * them (token offsets are code points; src/lower/context.ts maps them to UTF-16). Two things
 * make it cheaper than the runtime's stream: the code points are read with `charCodeAt` into a
 * preallocated array when the text has no surrogate pair (then code points and UTF-16 units
 * coincide), and token text is a `slice` of the original string rather than a string built one
 * code point at a time.
 */
import { IntStream, Token, type CharStream, type Interval } from "antlr4ng";

const SURROGATE_PAIR = /[\uD800-\uDBFF][\uDC00-\uDFFF]/;

export class SplCharStream implements CharStream {
    name = "";
    index = 0;
    /** The code points; the hand-written scanner (token-source.ts) reads them directly. */
    readonly data: Uint32Array;
    /** The text, when code point i is `text[i]` (no surrogate pair); otherwise null. */
    private readonly flat: string | null;

    constructor(text: string) {
        if (SURROGATE_PAIR.test(text)) {
            const codePoints: number[] = [];
            for (const ch of text) codePoints.push(ch.codePointAt(0) as number);
            this.data = Uint32Array.from(codePoints);
            this.flat = null;
        } else {
            const data = new Uint32Array(text.length);
            for (let i = 0; i < text.length; i++) data[i] = text.charCodeAt(i);
            this.data = data;
            this.flat = text;
        }
    }

    reset(): void {
        this.index = 0;
    }

    consume(): void {
        if (this.index >= this.data.length) throw new Error("cannot consume EOF");
        this.index += 1;
    }

    LA(offset: number): number {
        if (offset === 0) return 0;
        const pos = this.index + (offset < 0 ? offset + 1 : offset) - 1;
        if (pos < 0 || pos >= this.data.length) return Token.EOF;
        return this.data[pos] as number;
    }

    mark(): number {
        return -1;
    }

    release(_marker: number): void {}

    seek(index: number): void {
        this.index = index <= this.index ? index : Math.min(index, this.data.length);
    }

    getTextFromRange(start: number, stop?: number): string {
        const last = Math.min(stop ?? this.data.length - 1, this.data.length - 1);
        if (start >= this.data.length) return "";
        return this.range(start, last + 1);
    }

    getTextFromInterval(interval: Interval): string {
        return this.getTextFromRange(interval.start, interval.stop);
    }

    toString(): string {
        return this.range(0, this.data.length);
    }

    get size(): number {
        return this.data.length;
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
