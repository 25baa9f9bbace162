// Runs the README's first set-up command exactly as written (it installs, builds and analyses the
// example rules) and checks that the README's test command is the one CI runs, and that the
// diagnostic-code table matches the catalog.
import { execFileSync, execSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const readme = readFileSync(join(root, "README.md"), "utf8");
const quick = /## Quick start\n\n```sh\n([^\n]+)\n([^\n]+)\n```/.exec(readme);
if (!quick) throw new Error("README: no Quick start block with two commands");
const [, setup, test] = quick;
if (test.trim() !== "npm test") throw new Error(`README's test command is '${test}', CI runs 'npm test'`);
console.log(`$ ${setup}`);
const out = execSync(setup, { cwd: root, encoding: "utf8", shell: "/bin/bash", stdio: ["ignore", "pipe", "inherit"] });
const summary = out.trim().split("\n").pop();
if (!/^\d+ rule\(s\) from \d+ file\(s\)/.test(summary ?? "")) throw new Error(`unexpected output of the quick start: ${summary}`);
console.log(`quick start ok: ${summary}`);
execFileSync(process.execPath, [join(root, "scripts", "readme-codes.mjs"), "--check"], { stdio: "inherit" });
