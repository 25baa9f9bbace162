// Blow-up guards for the stress inputs of bench/stress-inputs.mjs (the bench measures their speed).
// The bounds are generous on purpose: they catch quadratic time or runaway memory, not slowness.
// - time: a 4x larger input may take at most 12x as long (linear is 4x, quadratic 16x), judged
//   on the CPU time of the fastest of five warm runs, so that a busy machine (other processes
//   taking the core away) does not fail the test;
// - memory: the heap the parse result keeps is under 200 bytes per input byte.
import v8 from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { analyze, parse, type ParseResult } from "../../src/index.js";
import { stressInputs, type StressInput } from "../../bench/stress-inputs.mjs";
import { fastestCpuMs } from "../support/cpu-time.js";

const SMALL = stressInputs(0.05);
const LARGE = stressInputs(0.2);

const fastest = (fn: () => void): number => fastestCpuMs(fn, 5);

v8.setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

/** Parses once and returns the result with the heap it keeps (measured between two full GCs). */
function parseMeasured(input: StressInput): { result: ParseResult; heap: number } {
    gc();
    const before = process.memoryUsage().heapUsed;
    const result = parse(input.text, input.options);
    gc();
    return { result, heap: process.memoryUsage().heapUsed - before };
}

describe("stress inputs", () => {
    SMALL.forEach((small, i) => {
        const large = LARGE[i] as StressInput;
        it(`${large.name}: parse and analyze stay roughly linear in size`, () => {
            for (const input of [small, large]) analyze(parse(input.text, input.options)); // warm-up
            const parseSmall = fastest(() => parse(small.text, small.options));
            const parseLarge = fastest(() => parse(large.text, large.options));
            const small_ = parse(small.text, small.options);
            const large_ = parse(large.text, large.options);
            const analyzeSmall = fastest(() => analyze(small_));
            const analyzeLarge = fastest(() => analyze(large_));
            // 5 ms of slack keeps tiny inputs (the nesting one) from failing on timer noise.
            expect(parseLarge).toBeLessThan(12 * parseSmall + 5);
            expect(analyzeLarge).toBeLessThan(12 * analyzeSmall + 5);
        });
    });

    it("full-size inputs parse without throwing, and the result keeps under 200 heap bytes per input byte", () => {
        for (const input of stressInputs(1)) {
            const bytes = Buffer.byteLength(input.text);
            const { result: r, heap } = parseMeasured(input);
            expect(heap / bytes, input.name).toBeLessThan(200);
            expect(r.pipeline.commands.length, input.name).toBeGreaterThan(0);
            expect(
                r.diagnostics.filter((d) => d.severity === "error"),
                input.name,
            ).toEqual([]);
        }
    }, 300_000);
});
