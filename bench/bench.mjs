// Throughput of the built package over the corpus (../shared/corpus) in MB/s: a lexer-only pass
// as the in-process baseline, warm parses (median of several passes), a cold first pass in a
// fresh process, and parse with macro expansion. Absolute numbers drift on shared machines:
// compare the ratios, which come from one process.
//   npm run bench            (builds first)
//   node bench/bench.mjs --cold-child   (internal: one cold pass)
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const shared = process.env.SPLC_SHARED ?? resolve(root, "..", "shared");
const corpusFile = join(shared, "corpus", "security_content.jsonl");
const macrosFile = join(shared, "corpus", "security_content_macros.jsonl");
const splc = await import(join(root, "dist", "index.js"));

function loadCorpus() {
    if (!existsSync(corpusFile)) {
        console.log(`bench: ${corpusFile} is absent; using the repository's fixture searches instead`);
        const dir = join(root, "test", "fixtures", "search");
        return execFileSync("ls", [dir]).toString().split("\n").filter((f) => f.endsWith(".spl")).map((f) => readFileSync(join(dir, f), "utf8"));
    }
    return readFileSync(corpusFile, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l).search);
}

const searches = loadCorpus();
const bytes = searches.reduce((n, s) => n + Buffer.byteLength(s), 0);
const mb = bytes / 1e6;

function time(fn) {
    const t0 = performance.now();
    fn();
    return performance.now() - t0;
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rate = (ms) => (mb / (ms / 1000)).toFixed(2);

if (process.argv.includes("--cold-child")) {
    splc.clearParserCaches();
    const ms = time(() => { for (const s of searches) splc.parse(s); });
    process.stdout.write(String(ms));
    process.exit(0);
}

const lexOnly = () => { for (const s of searches) splc.countTokens(s); };
const parseAll = () => { for (const s of searches) splc.parse(s); };
const macros = existsSync(macrosFile)
    ? readFileSync(macrosFile, "utf8").split("\n").filter(Boolean).map((l) => splc.macroFromRecord(JSON.parse(l))).filter(Boolean)
    : [];
// A prebuilt table (normalizeMacros) is the documented way to expand many searches with one set.
const macroTable = splc.normalizeMacros(macros);
const parseExpanded = () => { for (const s of searches) splc.parse(s, { macros: macroTable }); };

const cold = [];
for (let i = 0; i < 3; i++) {
    cold.push(Number(execFileSync(process.execPath, [fileURLToPath(import.meta.url), "--cold-child"], { env: process.env }).toString()));
}
parseAll(); // warm-up
const rounds = 7;
const lexTimes = [];
const parseTimes = [];
const expandTimes = [];
for (let i = 0; i < rounds; i++) {
    lexTimes.push(time(lexOnly));
    parseTimes.push(time(parseAll));
    expandTimes.push(time(parseExpanded));
}
let fallbacks = 0;
for (const s of searches) {
    splc.parse(s);
    if (splc.lastParseStats().usedFallback) fallbacks++;
}
const lexMs = median(lexTimes);
const parseMs = median(parseTimes);
const expMs = median(expandTimes);
console.log(`corpus: ${searches.length} searches, ${(bytes / 1e6).toFixed(3)} MB; node ${process.version}`);
console.log(`lexer only (baseline)   ${rate(lexMs).padStart(7)} MB/s   ${lexMs.toFixed(0)} ms/pass (median of ${rounds})`);
console.log(`parse, warm             ${rate(parseMs).padStart(7)} MB/s   ${parseMs.toFixed(0)} ms/pass   ${(parseMs / lexMs).toFixed(2)}x the lexer pass`);
console.log(`parse, cold first pass  ${rate(median(cold)).padStart(7)} MB/s   ${median(cold).toFixed(0)} ms (fresh process, median of 3)   ${(median(cold) / parseMs).toFixed(2)}x warm`);
console.log(`parse with macros       ${rate(expMs).padStart(7)} MB/s   ${expMs.toFixed(0)} ms/pass   ${(expMs / parseMs).toFixed(2)}x plain parse (${macros.length} macros)`);
console.log(`LL fallback: ${fallbacks} of ${searches.length} searches`);
