#!/usr/bin/env node
// `npm run fuzz -- --seconds 600 [--seed N] [--out DIR]`: a long fuzz run of test/fuzz (see
// test/fuzz/engine.ts). Shrunk repros of anything found are written to DIR (default fuzz-findings).
import { spawnSync } from "node:child_process";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { seconds: { type: "string", default: "60" }, seed: { type: "string" }, out: { type: "string", default: "fuzz-findings" } } });
const seconds = Number(values.seconds);
if (!Number.isFinite(seconds) || seconds <= 0) {
    console.error("fuzz: --seconds must be a positive number");
    process.exit(2);
}
const env = { ...process.env, SPLC_FUZZ_SECONDS: String(seconds), SPLC_FUZZ_OUT: values.out };
if (values.seed !== undefined) env.SPLC_FUZZ_SEED = values.seed;
const r = spawnSync("npx", ["vitest", "run", "test/fuzz/fuzz.test.ts", "--reporter=verbose"], { stdio: "inherit", env });
process.exit(r.status ?? 1);
