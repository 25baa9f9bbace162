// The fuzz suite. `npm test` runs a short seeded run (the same inputs every time); `npm run fuzz`
// (scripts/fuzz.mjs) runs this file with SPLC_FUZZ_SECONDS set: a long run that writes each
// shrunk finding to SPLC_FUZZ_OUT and prints how many inputs of each kind it tried.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run, type Finding } from "./engine.js";

const seconds = Number(process.env.SPLC_FUZZ_SECONDS ?? "");
const long = Number.isFinite(seconds) && seconds > 0;

describe.runIf(!long)("fuzz (short seeded run)", () => {
    it("keeps every law on 300 seeded inputs", () => {
        const stats = run({ seed: 11, count: 300 });
        expect(stats.findings).toEqual([]);
        expect(stats.tried.mutant + stats.tried["corpus-mutant"]).toBeGreaterThan(150);
        expect(stats.tried.generated).toBeGreaterThan(40);
    });
});

describe.runIf(long)("fuzz (long run)", () => {
    it(
        `keeps every law for ${seconds} s`,
        () => {
            const out = process.env.SPLC_FUZZ_OUT ?? "fuzz-findings";
            const seed = Number(process.env.SPLC_FUZZ_SEED ?? Date.now() % 1_000_000);
            const save = (f: Finding): void => {
                mkdirSync(out, { recursive: true });
                const name = `${f.law}-${seed}-${Date.now()}.json`;
                writeFileSync(join(out, name), JSON.stringify(f, null, 2) + "\n");
                console.log(`finding (${f.law}): ${f.message}\n  input: ${JSON.stringify(f.input.slice(0, 300))}\n  saved: ${join(out, name)}`);
            };
            const started = Date.now();
            const stats = run({ seed, deadline: started + seconds * 1000, timeFactor: 2, onFinding: save });
            const total = Object.values(stats.tried).reduce((a, b) => a + b, 0);
            console.log(
                `fuzz seed ${seed}: ${total} inputs in ${Math.round((Date.now() - started) / 1000)} s: ${JSON.stringify(stats.tried)} (stress ${Math.round(stats.stressMs / 1000)} s); ${stats.findings.length} findings`,
            );
            expect(stats.findings).toEqual([]);
        },
        (seconds + 600) * 1000,
    );
});
