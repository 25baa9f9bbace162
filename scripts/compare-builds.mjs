// Compares two builds of splc on the whole corpus: parse, analyze and print of every search,
// without and with the corpus macros, plus the stress inputs of bench/stress-inputs.mjs. Any
// difference in the serialised results is reported; exit code 1 when there is one.
//   node scripts/compare-builds.mjs <distA> <distB>
// (the package's `dist` after `npm run build`; keep a copy of an older build to compare with)
import { loadBuild, loadMacroRecords, loadSearches } from "../bench/corpus.mjs";
import { stressInputs } from "../bench/stress-inputs.mjs";

const [distA, distB] = process.argv.slice(2);
if (!distA || !distB) {
    console.error("usage: node scripts/compare-builds.mjs <distA> <distB>");
    process.exit(2);
}
const A = await loadBuild(distA);
const B = await loadBuild(distB);

/** A canonical serialisation: object keys in order, undefined kept, Map and Set spelled out. */
function canon(v) {
    if (v === undefined) return "undefined";
    if (v === null || typeof v !== "object") return JSON.stringify(v);
    if (Array.isArray(v)) return `[${v.map(canon).join(",")}]`;
    if (v instanceof Map) return `Map{${[...v].map(([k, x]) => `${canon(k)}:${canon(x)}`).join(",")}}`;
    if (v instanceof Set) return `Set{${[...v].map(canon).join(",")}}`;
    return `{${Object.keys(v)
        .map((k) => `${JSON.stringify(k)}:${canon(v[k])}`)
        .join(",")}}`;
}

function outputs(build, text, options) {
    const result = build.parse(text, options);
    return {
        parse: canon(result),
        analyze: canon(build.analyze(result)),
        print: canon(build.print(result.pipeline)),
    };
}

const { source, searches } = loadSearches();
const records = loadMacroRecords();
const tableA = A.normalizeMacros(records.map((r) => A.macroFromRecord(r)).filter(Boolean));
const tableB = B.normalizeMacros(records.map((r) => B.macroFromRecord(r)).filter(Boolean));
const cases = [...searches.map((text, i) => ({ name: `corpus #${i}`, text })), ...stressInputs("small").map((s) => ({ name: `stress ${s.name}`, text: s.text, options: s.options }))];

const differences = [];
let compared = 0;
for (const withMacros of [false, true]) {
    for (const c of cases) {
        const a = outputs(A, c.text, { ...c.options, ...(withMacros ? { macros: tableA } : {}) });
        const b = outputs(B, c.text, { ...c.options, ...(withMacros ? { macros: tableB } : {}) });
        for (const part of ["parse", "analyze", "print"]) {
            compared++;
            if (a[part] !== b[part]) differences.push(`${c.name}${withMacros ? " (macros)" : ""}: ${part} differs`);
        }
    }
}
console.log(
    `compared ${distA} and ${distB}: ${cases.length} inputs (${searches.length} searches from ${source}, ${cases.length - searches.length} stress inputs) x ${records.length} macros on/off x parse/analyze/print = ${compared} outputs`,
);
for (const d of differences.slice(0, 20)) console.log(`  ${d}`);
console.log(`${differences.length} differences`);
process.exit(differences.length === 0 ? 0 : 1);
