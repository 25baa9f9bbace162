// Time, CPU time and peak memory of `splc catalog` over the corpus: the 1,824 searches of
// ../shared/corpus written out as security_content rule files (the fixture step of the
// acceptance test), with the corpus macros, into a temp folder. Each run is a fresh process of
// a build's dist/cli.js; with --baseline the builds alternate run by run, and the ratios are
// medians of per-run ratios (a shared machine's speed drifts). Without ../shared it times the
// example rules instead.
//   node bench/catalog.mjs [--baseline <dist>] [--catalog-runs N] [-- extra catalog options]
// Also run by `npm run bench` (bench/bench.mjs) unless --no-catalog. Internal mode (one fresh
// process): --child <statsFile> <cli.js> <catalog args...>
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { stringify } from "yaml";
import { corpusFile, macrosFile, root } from "./corpus.mjs";

const self = fileURLToPath(import.meta.url);
const main = process.argv[1] === self;
const childMode = main && process.argv[2] === "--child";

// ---- child: runs the CLI in this process and records its resource usage on exit ----
if (childMode) {
    const [statsFile, cli, ...args] = process.argv.slice(3);
    process.on("exit", () => {
        const u = process.resourceUsage();
        writeFileSync(statsFile, JSON.stringify({ cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000, userMs: u.userCPUTime / 1000, maxRssKb: u.maxRSS }));
    });
    process.argv = [process.argv[0], cli, ...args];
    await import(pathToFileURL(cli).href);
}

/** Writes the rule files of the benchmark into a new temp folder; returns it and what it holds. */
export function catalogFixture() {
    const dir = mkdtempSync(join(tmpdir(), "splc-bench-catalog-"));
    if (!existsSync(corpusFile)) return { dir: join(root, "examples"), rules: "the example rules (../shared is absent)", macros: [], temp: dir };
    const records = readFileSync(corpusFile, "utf8")
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l));
    for (const r of records) {
        const folder = join(dir, r.kind);
        mkdirSync(folder, { recursive: true });
        const doc = { name: r.name, id: r.id, type: r.type, data_source: r.data_source, search: r.search, tags: { mitre_attack_id: r.mitre } };
        writeFileSync(join(folder, `${r.id}.yml`), stringify(doc));
    }
    return { dir, rules: `${records.length} corpus searches as rule files`, macros: ["--macros", macrosFile], temp: dir };
}

const sorted = (xs) => [...xs].sort((a, b) => a - b);
const median = (xs) => sorted(xs)[Math.floor(xs.length / 2)];
const range = (xs, d = 2) => `${median(xs).toFixed(d)} (${Math.min(...xs).toFixed(d)}-${Math.max(...xs).toFixed(d)})`;

/**
 * Times `splc catalog` for each build (`{ name, dist }`), `runs` times each, alternating.
 * Returns the lines of the report.
 */
export function benchCatalog(builds, { runs = 3, extra = [] } = {}) {
    const fixture = catalogFixture();
    const lines = [`catalog: splc catalog over ${fixture.rules}${extra.length ? ` ${extra.join(" ")}` : ""}; ${runs} run(s) per build, fresh process each; median (min-max)`];
    const results = builds.map(() => []);
    try {
        for (let r = 0; r < runs; r++) {
            for (const i of r % 2 ? [...builds.keys()].reverse() : builds.keys()) {
                const b = builds[i];
                const out = join(fixture.temp, `out-${i}`);
                rmSync(out, { recursive: true, force: true });
                const stats = join(fixture.temp, "stats.json");
                const args = [join(b.dist, "cli.js"), "catalog", fixture.dir, "--out", out, ...fixture.macros, ...extra];
                const t0 = performance.now();
                const run = spawnSync(process.execPath, [self, "--child", stats, ...args], { encoding: "utf8", maxBuffer: 1 << 24 });
                const wallMs = performance.now() - t0;
                if (run.status !== 0) throw new Error(`${b.name}: splc catalog exited ${run.status}: ${run.stderr}`);
                const built = /in ([\d.]+) s/.exec(run.stdout);
                results[i].push({ wallMs, buildS: built ? Number(built[1]) : NaN, ...JSON.parse(readFileSync(stats, "utf8")) });
            }
        }
    } finally {
        rmSync(fixture.temp, { recursive: true, force: true });
    }
    for (const [i, b] of builds.entries()) {
        const rs = results[i];
        lines.push(
            `  ${b.name.padEnd(11)} wall ${range(rs.map((x) => x.wallMs / 1000))} s   CPU ${range(rs.map((x) => x.cpuMs / 1000))} s   peak RSS ${range(
                rs.map((x) => x.maxRssKb / 1024),
                0,
            )} MB`,
        );
    }
    if (builds.length > 1) {
        const [cur, base] = results;
        const ratio = (k) => range(cur.map((x, j) => base[j][k] / x[k]));
        lines.push(`  ratio (baseline / this build) wall ${ratio("wallMs")}x   CPU ${ratio("cpuMs")}x   peak RSS ${ratio("maxRssKb")}x`);
    }
    return lines;
}

if (main && !childMode) {
    const argv = process.argv.slice(2);
    const option = (name, fallback) => {
        const i = argv.indexOf(name);
        return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : fallback;
    };
    const dash = argv.indexOf("--");
    const builds = [{ name: "this build", dist: join(root, "dist") }];
    const baseline = option("--baseline", null);
    if (baseline) builds.push({ name: "baseline", dist: resolve(baseline) });
    for (const b of builds) if (!existsSync(join(b.dist, "cli.js"))) throw new Error(`${b.dist}/cli.js is missing (run npm run build)`);
    for (const line of benchCatalog(builds, { runs: Number(option("--catalog-runs", "3")), extra: dash >= 0 ? argv.slice(dash + 1) : [] })) console.log(line);
}
