// Time of `overlapCatalog` over the corpus (../shared/corpus), parse and relate measured apart,
// and the counts the catalog reports. Needs a build: `npm run build && node bench/overlap.mjs`.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const shared = process.env.SPLC_SHARED ?? resolve(root, "..", "shared");
const corpusFile = join(shared, "corpus", "security_content.jsonl");
const macrosFile = join(shared, "corpus", "security_content_macros.jsonl");
if (!existsSync(corpusFile)) {
    console.log(`bench/overlap: ${corpusFile} is absent; nothing to measure`);
    process.exit(0);
}
const splc = await import(join(root, "dist", "index.js"));
const read = (f) =>
    readFileSync(f, "utf8")
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l));
const rules = read(corpusFile);
const macros = splc.normalizeMacros(read(macrosFile).map((m) => ({ name: m.name, args: m.arguments ?? [], definition: m.definition })));

const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
};
let c0 = cpu();
let t0 = performance.now();
const catalog = rules.map((r, i) => ({ id: r.id ?? `rule#${i}`, name: r.name, result: splc.parse(r.search, { macros }) }));
const parseMs = performance.now() - t0;
const parseCpu = cpu() - c0;
c0 = cpu();
t0 = performance.now();
const report = splc.overlapCatalog(catalog);
const relateMs = performance.now() - t0;
const relateCpu = cpu() - c0;
const c = report.counts;
console.log(`rules ${c.rules} (modelled ${c.modelled}); pairs ${c.pairs}; disjoint by source ${c.disjointBySource}; sharing a source ${c.sharingSource}`);
console.log(
    `equivalent ${c.equivalent}  contained ${c.contained}  overlap ${c.overlap}  disjoint ${c.disjoint}  unknown ${c.unknown} (${((100 * c.unknown) / Math.max(1, c.sharingSource)).toFixed(2)}% of pairs sharing a source)`,
);
console.log(`equivalent groups ${report.equivalent.length}; containments ${report.containments.length}`);
// CPU time is reported beside wall time: on a shared machine the wall clock mostly measures the neighbours.
console.log(
    `parse + expand ${(parseMs / 1000).toFixed(2)} s wall, ${(parseCpu / 1000).toFixed(2)} s CPU; overlapCatalog ${(relateMs / 1000).toFixed(2)} s wall, ${(relateCpu / 1000).toFixed(2)} s CPU`,
);
