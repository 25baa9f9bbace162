/**
 * Building and reading offset maps: a decoded string (the SPL) together with, for every UTF-16
 * unit of it, the file offset it came from. The decoders of the formats (YAML scalars, .conf
 * values, JSON strings) append to a {@link MappedTextBuilder}; the result is compressed into the
 * segment table {@link OffsetMap}.
 */
import type { OffsetMap } from "./types.js";

export { MappedTextBuilder, isBlank, type MappedText } from "../conf/mapped-text.js";

/**
 * Builds the segment table directly, a span of units at a time, for decoders that know their
 * runs (the JSON string decoder): the same table as {@link compressOffsets} of the per-unit
 * offsets, without an array of one offset per unit.
 */
export class OffsetRunBuilder {
    private readonly map: number[] = [];
    private units = 0;

    /** Appends `count` units that came from `fileOffset`, `fileOffset + 1`, ... (`step` 1) or all from `fileOffset` (`step` 0). */
    add(fileOffset: number, count: number, step: 0 | 1): void {
        for (let k = 0; k < count; k++) {
            const f = fileOffset + k * step;
            const n = this.map.length;
            // Still inside the current run only if the run predicts this offset.
            if (n === 0 || (this.map[n - 1] as number) + (this.units - (this.map[n - 2] as number)) !== f) this.map.push(this.units, f);
            else if (step === 1) {
                // The rest of a consecutive span continues the run too.
                this.units += count - k;
                return;
            }
            this.units++;
        }
    }

    /** The table, with `endOffset` as the file offset of the end of the text. */
    finish(endOffset: number): number[] {
        this.add(endOffset, 1, 0);
        return this.map;
    }

    /** The table as built so far. */
    table(): number[] {
        return this.map;
    }
}

/** Compresses per-unit offsets into the segment table (runs where both offsets advance by one). */
export function compressOffsets(offsets: readonly number[]): number[] {
    const runs = new OffsetRunBuilder();
    for (const f of offsets) runs.add(f, 1, 0);
    return runs.table();
}

/** A map that sends every offset to `fileOffset` (the fallback when no exact map is known). */
export function coarseOffsetMap(fileOffset: number): number[] {
    return [0, fileOffset];
}

/**
 * Reads a map: the file offset of SPL offset `offset`. Offsets outside `0..splLength` are clamped.
 * A coarse map (`exact: false`) is a single pair `[0, start]` whose offsets all mean `start`; read
 * it with `makeToFileOffset`, which knows the difference.
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
