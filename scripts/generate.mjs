// Generates the TypeScript parser in src/generated/ from grammar/*.g4 with antlr-ng.
// antlr-ng's CLI exits 0 even on grammar errors, so its output is scanned for error/warning lines.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { join } from "node:path";

const out = "src/generated";
const grammars = ["grammar/SplLexer.g4", "grammar/SplParser.g4"];
const cli = "node_modules/antlr-ng/dist/cli/runner.js"; // the package's exports hide dist/
const stampFile = join(out, ".grammar-hash");

if (!existsSync(cli)) {
    console.error("generate: antlr-ng is not installed (run npm install first)");
    process.exit(1);
}
// Skip the work when the generated code already matches the grammar text.
const hash = createHash("sha256");
for (const g of grammars) hash.update(readFileSync(g));
hash.update(readFileSync("scripts/generate.mjs"));
const digest = hash.digest("hex");
if (existsSync(stampFile) && readFileSync(stampFile, "utf8") === digest && !process.argv.includes("--force")) {
    process.exit(0);
}

rmSync(out, { recursive: true, force: true });
const t0 = performance.now();
const r = spawnSync(process.execPath, [cli, "-Dlanguage=TypeScript", "--generate-visitor", "false", "--generate-listener", "false", "-o", out, ...grammars], { encoding: "utf8" });
const text = (r.stdout ?? "") + (r.stderr ?? "");
const failed = r.status !== 0 || /^(error|warning)\(\d+\)/m.test(text) || !existsSync(join(out, "SplParser.ts"));
if (text.trim()) process.stdout.write(text);
if (failed) {
    console.error(`antlr-ng: FAILED in ${(performance.now() - t0).toFixed(0)} ms`);
    process.exit(1);
}
// Generated files carry no machine paths, but keep them byte-stable: drop interp/tokens files we never load.
for (const f of readdirSync(out)) {
    if (f.endsWith(".interp")) rmSync(join(out, f));
}
writeFileSync(stampFile, digest);
console.log(`antlr-ng: generated ${readdirSync(out).filter((f) => statSync(join(out, f)).isFile()).length} files in ${(performance.now() - t0).toFixed(0)} ms`);
