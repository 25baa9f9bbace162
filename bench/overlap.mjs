// overlapCatalog over the corpus (../shared/corpus, macros expanded): time, counts, and with
// --baseline <dist> the same run of another build in this process (alternating, median of
// per-round ratios) and a finding-by-finding comparison of both reports, witnesses included.
//   npm run build && node bench/overlap.mjs [--baseline <dir>] [--rounds N]
// Used by bench/bench.mjs too (overlapSection).
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { corpusFile, loadBuild, loadMacroRecords, root } from "./corpus.mjs";
import { readFileSync } from "node:fs";

const cpuMs = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
};
const sorted = (xs) => [...xs].sort((a, b) => a - b);
const median = (xs) => sorted(xs)[Math.floor(xs.length / 2)];
const fmt = (x, d = 2) => x.toFixed(d);
const range = (xs, d = 2) => `${fmt(median(xs), d)} (${fmt(Math.min(...xs), d)}-${fmt(Math.max(...xs), d)})`;

/** The corpus rules parsed by one build, as overlapCatalog takes them. */
function catalogOf(splc) {
    const records = readFileSync(corpusFile, "utf8")
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l));
    const macros = splc.normalizeMacros(
        loadMacroRecords()
            .map((r) => splc.macroFromRecord(r))
            .filter(Boolean),
    );
    return records.map((r, i) => ({ id: r.id ?? `rule#${i}`, name: r.name, result: splc.parse(r.search, { macros }) }));
}

/**
 * The first difference between two reports, or null. Compared as JSON (what `splc overlap
 * --format json` writes), one finding at a time so that both reports' witnesses need not be
 * materialised at once.
 */
export function reportDifference(x, y) {
    for (const key of new Set([...Object.keys(x), ...Object.keys(y)])) {
        const a = x[key];
        const b = y[key];
        if (Array.isArray(a) && Array.isArray(b)) {
            if (a.length !== b.length) return `${key}: ${a.length} vs ${b.length} entries`;
            for (let i = 0; i < a.length; i++) {
                const sa = JSON.stringify(a[i]);
                const sb = JSON.stringify(b[i]);
                if (sa !== sb) return `${key}[${i}]:\n  ${sa}\n  ${sb}`;
            }
        } else if (JSON.stringify(a) !== JSON.stringify(b)) {
            return `${key}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`;
        }
    }
    return null;
}

/**
 * Times overlapCatalog for each build (alternating which goes first, one warm-up round) and
 * compares the reports of the first two. Returns printable lines.
 */
export async function overlapSection(builds, rounds = 3) {
    if (!existsSync(corpusFile)) return [`overlap: ${corpusFile} is absent; nothing to measure`];
    const lines = [];
    for (const b of builds) {
        b.splc ??= await loadBuild(b.dist);
        b.catalog = catalogOf(b.splc);
    }
    const runs = builds.map(() => []);
    const reports = builds.map(() => null);
    for (let r = -1; r < rounds; r++) {
        const order = r % 2 === 0 ? [...builds.keys()] : [...builds.keys()].reverse();
        for (const i of order) {
            reports[i] = null;
            const w0 = performance.now();
            const c0 = cpuMs();
            const report = builds[i].splc.overlapCatalog(builds[i].catalog);
            const t = { wall: performance.now() - w0, cpu: cpuMs() - c0 };
            if (r >= 0) runs[i].push(t);
            // Only the last round's reports are kept: two reports of the corpus side by side are large.
            if (r === rounds - 1) reports[i] = report;
        }
    }
    const c = reports[0].counts;
    lines.push(
        `overlap: ${c.rules} rules, ${c.pairs} pairs (${c.sharingSource} share a data source); equivalent ${c.equivalent}, contained ${c.contained}, overlap ${c.overlap}, disjoint ${c.disjoint}, unknown ${c.unknown}`,
    );
    for (const [i, b] of builds.entries()) {
        lines.push(`overlapCatalog, ${b.name.padEnd(11)} ${range(runs[i].map((t) => t.wall / 1000))} s wall, ${range(runs[i].map((t) => t.cpu / 1000))} s CPU`);
    }
    if (builds.length > 1) {
        lines.push(`overlapCatalog ratio      ${range(runs[0].map((t, k) => runs[1][k].wall / t.wall))}x wall, ${range(runs[0].map((t, k) => runs[1][k].cpu / t.cpu))}x CPU time`);
        const diff = reportDifference(reports[0], reports[1]);
        lines.push(
            diff === null
                ? `overlap reports: identical (${reports[0].containments.length} containments, ${reports[0].overlaps.length} overlaps with their witnesses, ${reports[0].unknown.length} unknown, ${reports[0].equivalent.length} groups, counts)`
                : `overlap reports DIFFER: ${diff}`,
        );
    }
    for (const b of builds) delete b.catalog;
    return lines;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
    const argv = process.argv.slice(2);
    const option = (name, fallback) => {
        const i = argv.indexOf(name);
        return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : fallback;
    };
    const builds = [{ name: "this build", dist: join(root, "dist") }];
    const baseline = option("--baseline", null);
    if (baseline) builds.push({ name: "baseline", dist: resolve(baseline) });
    for (const line of await overlapSection(builds, Number(option("--rounds", "3")))) console.log(line);
}
