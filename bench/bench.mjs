// Speed and memory of the built package (dist/) over the corpus (../shared/corpus), optionally
// against another build given with --baseline <dir> (a copy of an older `dist`). Both builds run
// in this one process, in alternating order, and every ratio is the median of per-round ratios,
// so that a machine whose speed drifts still gives a fair comparison. Absolute MB/s drift on a
// shared machine; the ratios are the figures to compare.
//   npm run bench [-- --baseline <dir>] [--rounds N] [--warmup N] [--no-stress] [--no-cli] [--cli-runs N] [--no-overlap] [--overlap-rounds N] [--overlap-only] [--no-catalog] [--catalog-runs N]
// The last sections time overlapCatalog and `splc overlap` (bench/overlap.mjs), then `splc catalog` over the corpus (bench/catalog.mjs).
// Internal modes (one fresh process each): --child cold|memory|stress <dist> [input name]
import { execFileSync, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { corpusFile, loadBuild, loadMacroRecords, loadSearches, macrosFile, root, utf8Bytes } from "./corpus.mjs";
import { overlapSection } from "./overlap.mjs";
import { stressInputs } from "./stress-inputs.mjs";
import { benchCatalog } from "./catalog.mjs";

const self = fileURLToPath(import.meta.url);
const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const option = (name, fallback) => {
    const i = argv.indexOf(name);
    return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : fallback;
};

const { source, searches } = loadSearches();
const bytes = utf8Bytes(searches);
const mb = bytes / 1e6;

const now = () => performance.now();
function time(fn) {
    const t0 = now();
    fn();
    return now() - t0;
}
const sorted = (xs) => [...xs].sort((a, b) => a - b);
const median = (xs) => sorted(xs)[Math.floor(xs.length / 2)];
const quantile = (xs, q) => sorted(xs)[Math.min(xs.length - 1, Math.floor(q * xs.length))];
const fmt = (x, d = 2) => x.toFixed(d);
const range = (xs, d = 2) => `${fmt(median(xs), d)} (${fmt(Math.min(...xs), d)}-${fmt(Math.max(...xs), d)})`;

function macroTable(build) {
    return build.normalizeMacros(
        loadMacroRecords()
            .map((r) => build.macroFromRecord(r))
            .filter(Boolean),
    );
}

// ---- child processes: each measures one thing in a fresh process and prints JSON ----
if (flag("--child")) {
    const [mode, dist, name] = argv.slice(argv.indexOf("--child") + 1);
    const t0 = now();
    const build = await loadBuild(dist);
    const importMs = now() - t0;
    if (mode === "cold") {
        const firstMs = time(() => build.parse(searches[0]));
        const passMs =
            firstMs +
            time(() => {
                for (let i = 1; i < searches.length; i++) build.parse(searches[i]);
            });
        process.stdout.write(JSON.stringify({ importMs, firstMs, passMs }));
    } else if (mode === "memory") {
        const rss0 = process.memoryUsage().rss;
        for (const s of searches) build.parse(s);
        const peakRss = process.resourceUsage().maxRSS * 1024;
        process.stdout.write(JSON.stringify({ rssGrowth: peakRss - rss0 }));
    } else if (mode === "stress") {
        const input = stressInputs(1).find((s) => s.name === name);
        globalThis.gc();
        const heap0 = process.memoryUsage().heapUsed;
        const rss0 = process.memoryUsage().rss;
        const t1 = now();
        const result = build.parse(input.text, input.options);
        const parseMs = now() - t1;
        const peakRss = process.resourceUsage().maxRSS * 1024;
        globalThis.gc();
        const retained = process.memoryUsage().heapUsed - heap0;
        const t2 = now();
        build.analyze(result);
        const analyzeMs = now() - t2;
        process.stdout.write(JSON.stringify({ parseMs, analyzeMs, retained, rssGrowth: peakRss - rss0, commands: result.pipeline.commands.length }));
    }
    process.exit(0);
}

// ---- the main process ----
const rounds = Number(option("--rounds", "7"));
// V8 optimises the parser over several passes of the corpus: a per-pass trace shows the first
// pass at under 1 MB/s and the pass time settling only after about five passes. "Warm" means
// settled, so the parse figures come after this many unmeasured passes, whose times are shown.
const warmupPasses = Number(option("--warmup", "6"));
const baselineDir = option("--baseline", null);
const current = { name: "this build", dist: join(root, "dist") };
const builds = [current];
if (baselineDir) builds.push({ name: "baseline", dist: resolve(baselineDir) });
for (const b of builds) {
    if (!existsSync(join(b.dist, "index.js"))) throw new Error(`${b.dist}/index.js is missing (run npm run build)`);
    b.splc = await loadBuild(b.dist);
    b.macros = macroTable(b.splc);
}

console.log(`corpus: ${searches.length} searches, ${fmt(mb, 3)} MB (${source}); ${loadMacroRecords().length} macros; node ${process.version}`);
console.log(`builds: ${builds.map((b) => `${b.name} = ${b.dist}`).join("; ")}`);
console.log(`rounds: ${rounds}; figures are median (min-max) over rounds; builds alternate every 32 searches${baselineDir ? "; ratio = baseline time / this build's time, per round" : ""}\n`);
if (flag("--overlap-only")) {
    await overlapReport();
    process.exit(0);
}

const cpuMs = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
};

/**
 * Runs `task(build, items)` over the items in chunks of 32, every build on each chunk in turn
 * (alternating which goes first), `rounds` times after `warmup` unmeasured rounds. Pairing per chunk
 * keeps both builds under the same machine load; the times are wall-clock and process CPU time
 * (which a busy machine inflates less). Returns per build and round {wall, cpu} totals in ms.
 */
function interleaved(items, task, warmup = 1) {
    const CHUNK = 32;
    const out = builds.map(() => []);
    for (let r = -warmup; r < rounds; r++) {
        const totals = builds.map(() => ({ wall: 0, cpu: 0 }));
        for (let c = 0, k = 0; c < items.length; c += CHUNK, k++) {
            const chunk = items.slice(c, c + CHUNK);
            const order = k % 2 === 0 ? [...builds.keys()] : [...builds.keys()].reverse();
            for (const i of order) {
                const w0 = now();
                const c0 = cpuMs();
                task(builds[i], chunk, c);
                totals[i].cpu += cpuMs() - c0;
                totals[i].wall += now() - w0;
            }
        }
        if (r >= 0) totals.forEach((t, i) => out[i].push(t));
        else builds.forEach((_, i) => (out[i].warmup ??= []).push(totals[i].wall));
    }
    return out;
}

function report(label, runs, unit) {
    const [cur, base] = runs;
    const value = (t, kind) => (unit === "MB/s" ? mb / (t[kind] / 1000) : t[kind]);
    const show = (rs) => `${range(rs.map((t) => value(t, "wall")))} ${unit} (CPU time: ${range(rs.map((t) => value(t, "cpu")))})`;
    let line = `${label.padEnd(20)} ${show(cur)}`;
    if (unit === "MB/s" && cur.warmup) {
        const curve = (r) => r.warmup.map((ms) => fmt(mb / (ms / 1000), 1)).join(" ");
        line += `\n${"".padEnd(20)} warm-up passes (not counted), MB/s: ${curve(cur)}${base ? `; baseline ${curve(base)}` : ""}`;
    }
    if (base) {
        line += `\n${"".padEnd(20)} baseline ${show(base)}`;
        line += `\n${"".padEnd(20)} ratio ${range(cur.map((t, i) => base[i].wall / t.wall))}x wall, ${range(cur.map((t, i) => base[i].cpu / t.cpu))}x CPU time`;
    }
    console.log(line);
}

report(
    "parse, warm",
    interleaved(
        searches,
        (b, chunk) => {
            for (const s of chunk) b.splc.parse(s);
        },
        warmupPasses,
    ),
    "MB/s",
);
report(
    "parse with macros",
    interleaved(
        searches,
        (b, chunk) => {
            for (const s of chunk) b.splc.parse(s, { macros: b.macros });
        },
        warmupPasses,
    ),
    "MB/s",
);
for (const b of builds) b.parsed = searches.map((s) => b.splc.parse(s, { macros: b.macros }));
report(
    "analyze() alone",
    interleaved(searches, (b, chunk, at) => {
        for (let i = 0; i < chunk.length; i++) b.splc.analyze(b.parsed[at + i]);
    }),
    "ms/pass",
);

// Per-search latency of a warm parse.
for (const b of builds) {
    const each = searches.map((s) => time(() => b.splc.parse(s)) * 1000);
    console.log(`per search, ${b.name.padEnd(11)}  p50 ${fmt(quantile(each, 0.5), 0)} µs   p99 ${fmt(quantile(each, 0.99), 0)} µs   max ${fmt(Math.max(...each), 0)} µs`);
}
// Lexing alone, through the benchmark hooks of dist/internal.js (not a public entry; a baseline
// build may lack it): the share of a parse that is the lexer. This build also lexes with the
// generated lexer that its hand-written scanner is tested against (an older build knows only
// that one and ignores the argument).
for (const b of builds) {
    const internal = join(b.dist, "internal.js");
    if (!existsSync(internal)) continue;
    const { countTokens } = await import(internal);
    for (const lexer of b === current ? ["scanner", "grammar"] : [undefined]) {
        const runs = [];
        for (let r = -1; r < rounds; r++) {
            const ms = time(() => {
                for (const s of searches) countTokens(s, lexer);
            });
            if (r >= 0) runs.push(ms);
        }
        const label = lexer === undefined ? b.name : `${b.name}, ${lexer === "scanner" ? "scanner" : "generated lexer"}`;
        console.log(`lex only, ${label.padEnd(11)}  ${range(runs.map((ms) => mb / (ms / 1000)))} MB/s`);
    }
}
let fallbacks = 0;
for (const s of searches) {
    current.splc.parse(s, {
        onStats: (stats) => {
            if (stats.usedFallback) fallbacks++;
        },
    });
}
console.log(`LL fallback: ${fallbacks} of ${searches.length} searches\n`);

function child(mode, b, extra = [], nodeFlags = []) {
    return JSON.parse(execFileSync(process.execPath, [...nodeFlags, self, "--child", mode, b.dist, ...extra], { maxBuffer: 1 << 20, stdio: ["ignore", "pipe", "pipe"] }).toString());
}
const coldRuns = Number(option("--cold-runs", "3"));
const cold = builds.map(() => []);
for (let r = 0; r < coldRuns; r++) for (const i of r % 2 ? [...builds.keys()].reverse() : builds.keys()) cold[i].push(child("cold", builds[i]));
for (const [i, b] of builds.entries()) {
    const runs = cold[i];
    console.log(
        `cold, fresh process, ${b.name.padEnd(11)} import ${range(
            runs.map((c) => c.importMs),
            0,
        )} ms   first search ${range(
            runs.map((c) => c.firstMs),
            0,
        )} ms   first pass ${range(runs.map((c) => mb / (c.passMs / 1000)))} MB/s`,
    );
}
if (builds.length > 1) console.log(`cold first pass ratio ${range(cold[0].map((c, i) => cold[1][i].passMs / c.passMs))}x`);
// The CLI raises V8's interrupt budget for its own process (src/cli/v8-tuning.ts); a library
// user's batch job can do the same on its node command line. This build's first pass with it:
{
    // Read from the CLI's source, the one place the figure is set (dist/internal.js may not import the CLI).
    const budget = /CLI_INTERRUPT_BUDGET = ([\d_]+)/.exec(readFileSync(join(root, "src", "cli", "v8-tuning.ts"), "utf8"))?.[1]?.replaceAll("_", "");
    if (budget === undefined) throw new Error("bench: CLI_INTERRUPT_BUDGET not found in src/cli/v8-tuning.ts");
    const flag = `--interrupt-budget=${budget}`;
    const tuned = [];
    for (let r = 0; r < coldRuns; r++) tuned.push(child("cold", current, [], [flag]));
    console.log(`cold, fresh process, this build, node ${flag}   first pass ${range(tuned.map((c) => mb / (c.passMs / 1000)))} MB/s`);
}
for (const b of builds) {
    const m = child("memory", b);
    console.log(`peak memory, ${b.name.padEnd(11)} ${fmt(m.rssGrowth / 1e6 / mb, 1)} MB of RSS growth per MB parsed (one cold pass)`);
}
console.log("");

if (!flag("--no-cli") && existsSync(corpusFile)) {
    // Whole processes, interleaved round by round: this build as users run it (--threads auto),
    // this build on one thread, and the baseline (which has no --threads).
    const cliRuns = Number(option("--cli-runs", "5"));
    const gnuTime = existsSync("/usr/bin/time");
    const base = (b) => [join(b.dist, "cli.js"), "analyze", corpusFile, "--macros", macrosFile, "--format", "jsonl"];
    const variants = [
        { name: "this build", args: base(current) },
        { name: "--threads 1", args: [...base(current), "--threads", "1"] },
        ...(builds.length > 1 ? [{ name: "baseline", args: base(builds[1]) }] : []),
    ];
    const runs = variants.map(() => []);
    for (let r = 0; r < cliRuns; r++) {
        const order = r % 2 ? [...variants.keys()].reverse() : [...variants.keys()];
        for (const i of order) runs[i].push(await measuredRun(gnuTime, variants[i].args, [0, 1]));
    }
    console.log("CLI: splc analyze <corpus> --macros <macros> --format jsonl (whole process; median (min-max))");
    for (const [i, v] of variants.entries()) {
        const cpu = gnuTime ? `, ${range(runs[i].map((x) => x.cpuS))} s CPU` : "";
        console.log(
            `  ${v.name.padEnd(12)} ${range(
                runs[i].map((x) => x.wallMs),
                0,
            )} ms wall${cpu}`,
        );
    }
    // The baseline writes an older analysis format, so only this build's runs are compared.
    const same = runs.slice(0, 2).every((rs) => rs.every((x) => x.sha === runs[0][0].sha));
    console.log(`  this build, same output in every run with and without the second thread: ${same ? "yes (byte for byte)" : "NO"}`);
    const ratio = (a, b, key) => range(runs[a].map((x, k) => runs[b][k][key] / x[key]));
    console.log(`  second thread: ${ratio(0, 1, "wallMs")}x wall${gnuTime ? `, ${ratio(0, 1, "cpuS")}x CPU` : ""} against --threads 1`);
    if (builds.length > 1) {
        console.log(`  against the baseline: ${ratio(0, 2, "wallMs")}x wall${gnuTime ? `, ${ratio(0, 2, "cpuS")}x CPU` : ""} (this build); ${ratio(1, 2, "wallMs")}x wall (--threads 1)`);
    }
    console.log("");
}

if (!flag("--no-overlap") && existsSync(corpusFile)) await overlapReport();

/** overlapCatalog in this process against the baseline, then `splc overlap` as a whole process per format. */
async function overlapReport() {
    for (const line of await overlapSection(builds, Number(option("--overlap-rounds", "3")))) console.log(line);
    // The whole CLI run per format: wall and CPU time and peak RSS (GNU time, when installed), and
    // whether every build writes the same bytes.
    const gnuTime = existsSync("/usr/bin/time");
    for (const format of ["text", "json", "sarif"]) {
        const runs = [];
        for (const b of builds) runs.push(await measuredRun(gnuTime, [join(b.dist, "cli.js"), "overlap", corpusFile, "--macros", macrosFile, "--format", format]));
        for (const [i, b] of builds.entries()) {
            const r = runs[i];
            console.log(
                `CLI: splc overlap <corpus> --macros <macros> --format ${format.padEnd(5)}, ${b.name.padEnd(11)} ${fmt(r.wallMs / 1000)} s wall${r.cpuS !== null ? `, ${fmt(r.cpuS)} s CPU, peak RSS ${fmt(r.maxRssKb / 1024, 0)} MB` : ""}, ${fmt(r.bytes / 1e6, 1)} MB written`,
            );
        }
        if (builds.length > 1)
            console.log(
                `  same output as the baseline: ${runs[0].sha === runs[1].sha ? "yes (byte for byte)" : "NO"}; wall ratio ${fmt(runs[1].wallMs / runs[0].wallMs)}x${runs[0].cpuS !== null ? `, CPU ratio ${fmt(runs[1].cpuS / runs[0].cpuS)}x, peak RSS ratio ${fmt(runs[1].maxRssKb / runs[0].maxRssKb)}x` : ""}`,
            );
    }
    console.log("");
}

/** Runs node with the arguments (under GNU time -v when asked); hashes standard output as it streams. */
function measuredRun(gnuTime, args, okCodes = [0]) {
    return new Promise((done, fail) => {
        const t0 = now();
        const child = gnuTime ? spawn("/usr/bin/time", ["-v", process.execPath, ...args]) : spawn(process.execPath, args);
        const hash = createHash("sha256");
        let bytes = 0;
        let stderr = "";
        child.stdout.on("data", (d) => {
            bytes += d.length;
            hash.update(d);
        });
        child.stderr.on("data", (d) => (stderr += d));
        child.on("error", fail);
        child.on("close", (code) => {
            if (!okCodes.includes(code)) return fail(new Error(`splc ${args.slice(1, 2).join(" ")} exited ${code}: ${stderr.slice(-500)}`));
            const num = (re) => Number(re.exec(stderr)?.[1] ?? NaN);
            const cpuS = gnuTime ? num(/User time \(seconds\): ([\d.]+)/) + num(/System time \(seconds\): ([\d.]+)/) : null;
            done({ wallMs: now() - t0, cpuS, maxRssKb: gnuTime ? num(/Maximum resident set size \(kbytes\): (\d+)/) : null, sha: hash.digest("hex"), bytes });
        });
    });
}

if (!flag("--no-stress")) {
    console.log("stress inputs (fresh process each; heap = retained after parse, per input byte; RSS = peak growth per input byte)");
    for (const input of stressInputs(1)) {
        const size = Buffer.byteLength(input.text);
        for (const b of builds) {
            let s;
            try {
                s = child("stress", b, [input.name], ["--expose-gc"]);
            } catch (e) {
                const reason =
                    String(e.stderr ?? e.message)
                        .split("\n")
                        .find((l) => /Error/.test(l)) ?? "failed";
                console.log(`  ${input.name.padEnd(16)} ${fmt(size / 1000, 0).padStart(4)} KB  ${b.name.padEnd(11)} crashed: ${reason.trim()}`);
                continue;
            }
            console.log(
                `  ${input.name.padEnd(16)} ${fmt(size / 1000, 0).padStart(4)} KB  ${b.name.padEnd(11)} parse ${fmt(s.parseMs, 0).padStart(6)} ms  analyze ${fmt(s.analyzeMs, 0).padStart(6)} ms  heap ${fmt(s.retained / size, 0).padStart(4)} B/B  RSS ${fmt(s.rssGrowth / size, 0).padStart(4)} B/B`,
            );
        }
    }
}

if (!flag("--no-catalog")) {
    for (const line of benchCatalog(
        builds.map((b) => ({ name: b.name, dist: b.dist })),
        { runs: Number(option("--catalog-runs", "3")) },
    ))
        console.log(line);
}
