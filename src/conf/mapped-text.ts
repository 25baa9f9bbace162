/**
 * A decoded string with, for every UTF-16 unit, the offset in the source text it came from: what
 * the .conf reader and the rule-file decoders produce so that diagnostics can point into files.
 */

/** A decoded string and its per-unit file offsets (length `text.length + 1`). */
export interface MappedText {
    text: string;
    /** `offsets[i]` is the file offset of `text[i]`; the last entry is the end of the source. */
    offsets: number[];
}

/** Accumulates decoded text with the file offset of each unit. */
export class MappedTextBuilder {
    private readonly parts: string[] = [];
    private readonly offsets: number[] = [];

    /**
     * Appends `source[from..to)` verbatim; `base` is the file offset of `source[0]`, so unit `k`
     * of the source maps to `base + k`.
     */
    copy(source: string, from: number, to: number, base: number): void {
        if (to <= from) return;
        this.parts.push(source.slice(from, to));
        for (let k = from; k < to; k++) this.offsets.push(base + k);
    }

    /** Appends synthesised text (a folded space, an escape's result); every unit maps to `fileOffset`. */
    emit(text: string, fileOffset: number): void {
        if (text === "") return;
        this.parts.push(text);
        for (let i = 0; i < text.length; i++) this.offsets.push(fileOffset);
    }

    /** The last unit appended, or "" when empty. */
    get lastChar(): string {
        const last = this.parts[this.parts.length - 1];
        return last === undefined ? "" : last.slice(-1);
    }

    /** Finishes with `endOffset` as the file offset of the end of the text. */
    finish(endOffset: number): MappedText {
        return { text: this.parts.join(""), offsets: [...this.offsets, endOffset] };
    }
}

/** Space or tab: the blanks that YAML folding and .conf values trim. */
export const isBlank = (c: string | undefined): boolean => c === " " || c === "\t";
