/**
 * Building and reading offset maps: a decoded string (the SPL) together with, for every UTF-16
 * unit of it, the file offset it came from. The decoders of the formats (YAML scalars, .conf
 * values, JSON strings) append to a {@link MappedTextBuilder}; the result is compressed into the
 * segment table {@link OffsetMap}.
 */
import type { OffsetMap } from "./types.js";

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

/** Compresses per-unit offsets into the segment table (runs where both offsets advance by one). */
export function compressOffsets(offsets: readonly number[]): number[] {
    const out: number[] = [];
    for (let i = 0; i < offsets.length; i++) {
        const f = offsets[i] as number;
        if (i > 0 && f === (offsets[i - 1] as number) + 1 && out.length > 0) {
            // Still inside the current run only if the run predicts this offset.
            const runSpl = out[out.length - 2] as number;
            const runFile = out[out.length - 1] as number;
            if (runFile + (i - runSpl) === f) continue;
        }
        out.push(i, f);
    }
    return out;
}

/** A map that sends every offset to `fileOffset` (the fallback when no exact map is known). */
export function coarseOffsetMap(fileOffset: number): number[] {
    return [0, fileOffset];
}

/** Space or tab: the blanks that YAML folding and .conf values trim. */
export const isBlank = (c: string | undefined): boolean => c === " " || c === "\t";

/**
 * Reads a map: the file offset of SPL offset `offset`. Offsets outside `0..splLength` are clamped.
 * A coarse map (`exact: false`) is a single pair `[0, start]` whose offsets all mean `start`; read
 * it with {@link makeToFileOffset}, which knows the difference.
 */
export function lookupOffset(map: OffsetMap, offset: number, splLength: number): number {
    if (map.length < 2) return 0;
    const o = Math.max(0, Math.min(Math.trunc(offset), splLength));
    let lo = 0;
    let hi = (map.length >> 1) - 1;
    while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if ((map[mid * 2] as number) <= o) lo = mid;
        else hi = mid - 1;
    }
    return (map[lo * 2 + 1] as number) + (o - (map[lo * 2] as number));
}

/** The `toFileOffset` function of a rule: exact maps interpolate, coarse maps are constant. */
export function makeToFileOffset(map: OffsetMap, splLength: number, exact: boolean): (offset: number) => number {
    if (!exact) {
        const start = map.length >= 2 ? (map[1] as number) : 0;
        return () => start;
    }
    return (offset) => lookupOffset(map, offset, splLength);
}
