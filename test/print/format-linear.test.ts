// Blow-up guard for format's comment placement (it was quadratic in the number of comments):
// a 4x larger input may take at most 12x the CPU time (linear is 4x, quadratic 16x), judged on
// the fastest of three runs so that a busy machine does not fail the test.
import { describe, expect, it } from "vitest";
import { format } from "../../src/print/index.js";
import { fastestCpuMs } from "../support/cpu-time.js";

const fastest = (fn: () => void): number => fastestCpuMs(fn, 3);

const shapes: [string, (n: number) => string][] = [
    ["comments between search terms", (n) => "index=a " + Array.from({ length: n }, (_, i) => `x${i} \`\`\`c${i}\`\`\``).join(" ") + " | stats count"],
    ["comments between eval assignments", (n) => "| eval " + Array.from({ length: n }, (_, i) => `x${i}=1 \`\`\`c${i}\`\`\``).join(", ")],
    ["comments after the last stage", (n) => "| stats count " + Array.from({ length: n }, (_, i) => `\`\`\`c${i}\`\`\``).join(" ")],
];

describe("format: comment placement stays roughly linear in the number of comments", () => {
    for (const [name, make] of shapes) {
        it(name, () => {
            const small = make(1000);
            const large = make(4000);
            format(small); // warm-up
            const a = fastest(() => format(small));
            const b = fastest(() => format(large));
            expect(b).toBeLessThan(12 * a + 5);
            expect(format(large).split("```").length).toBe(large.split("```").length);
        });
    }
});
