// Prints what splc makes of the corpus (../shared/corpus): node kinds (Compare, In, Term,
// Directive, ...), command kinds per stage (nested pipelines included), diagnostics by code,
// without and with macro expansion. Uses the built package: run `npm run build` first.
//   node scripts/corpus-stats.mjs [--macros]
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const shared = process.env.SPLC_SHARED ?? resolve(root, "..", "shared");
const corpus = join(shared, "corpus", "security_content.jsonl");
if (!existsSync(corpus)) {
    console.log(`corpus-stats: ${corpus} is absent (set SPLC_SHARED); nothing to count`);
    process.exit(0);
}
const splc = await import(join(root, "dist", "index.js"));
const readJsonl = (f) =>
    readFileSync(f, "utf8")
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l));
const searches = readJsonl(corpus);
const withMacros = process.argv.includes("--macros");
const macros = withMacros
    ? readJsonl(join(shared, "corpus", "security_content_macros.jsonl"))
          .map(splc.macroFromRecord)
          .filter(Boolean)
    : undefined;

const nodes = new Map();
const stages = new Map();
const diagnostics = new Map();
const bump = (m, k) => m.set(k, (m.get(k) ?? 0) + 1);
function walk(node, inPipeline) {
    if (Array.isArray(node)) {
        for (const n of node) walk(n, inPipeline);
        return;
    }
    if (!node || typeof node !== "object") return;
    if (typeof node.kind === "string") bump(nodes, node.kind);
    if (node.kind === "Pipeline") for (const c of node.commands) bump(stages, c.kind);
    // A typed command keeps its generic `args` beside the typed fields: count the typed ones only.
    const typed = typeof node.kind === "string" && node.kind.endsWith("Command") && node.kind !== "GenericCommand" && node.kind !== "OptionsCommand";
    for (const [k, v] of Object.entries(node)) if (k !== "span" && k !== "origin" && !(typed && k === "args")) walk(v, inPipeline);
}
let withErrors = 0;
for (const s of searches) {
    const r = splc.parse(s.search, macros ? { macros, expand: { builtins: true } } : {});
    walk(r.pipeline);
    for (const d of r.diagnostics) bump(diagnostics, `${d.code} ${d.severity}`);
    if (r.diagnostics.some((d) => d.severity === "error")) withErrors++;
}
const table = (title, m) => {
    console.log(`\n${title}`);
    for (const [k, v] of [...m.entries()].sort((a, b) => b[1] - a[1])) console.log(`  ${String(v).padStart(7)}  ${k}`);
};
console.log(`${searches.length} searches${withMacros ? " (macros expanded, built-ins on)" : ""}; ${withErrors} with error diagnostics`);
console.log(
    `predicates: Compare ${nodes.get("Compare") ?? 0}, In ${nodes.get("In") ?? 0}, Term ${nodes.get("Term") ?? 0}, Directive ${nodes.get("Directive") ?? 0}, TimeModifier ${nodes.get("TimeModifier") ?? 0}`,
);
table("stages by kind (nested pipelines included)", stages);
table("all node kinds", nodes);
table("diagnostics by code", diagnostics);
