// Writes the diagnostic-code table of README.md from the catalog (src/diagnostics/codes.ts),
// between the codes:start/codes:end markers. `--check` fails when the README is out of date.
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const source = readFileSync(join(root, "src/diagnostics/codes.ts"), "utf8");
const rows = [...source.matchAll(/^\s*(SPL\d{4}): \{ severity: "(\w+)", summary: "((?:[^"\\]|\\.)*)" \}/gm)].map(
    ([, code, severity, summary]) => `| ${code} | ${severity} | ${summary.replace(/\\"/g, '"').replace(/\|/g, "\\|")} |`,
);
const table = ["| code | default severity | meaning |", "|---|---|---|", ...rows].join("\n");
const readmePath = join(root, "README.md");
const readme = readFileSync(readmePath, "utf8");
const updated = readme.replace(/(<!-- codes:start -->\n)[\s\S]*?(<!-- codes:end -->)/, `$1${table}\n$2`);
if (process.argv.includes("--check")) {
    if (updated !== readme) {
        console.error("README.md's diagnostic-code table is out of date: run node scripts/readme-codes.mjs");
        process.exit(1);
    }
    console.log(`README codes table up to date (${rows.length} codes)`);
} else {
    writeFileSync(readmePath, updated);
    console.log(`README codes table: ${rows.length} codes`);
}
