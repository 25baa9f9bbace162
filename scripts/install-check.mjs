// Installs splc the ways users do and uses it from fresh projects: from a git URL (git+file://
// of a clone of this repository's HEAD, which runs `prepare` to build) and from the packed
// tarball (no install scripts). Each consumer imports splc from ESM and CJS, typechecks a
// TypeScript file under moduleResolution node16, nodenext, bundler and legacy node, and runs
// `npx splc --version`. Needs npm and git; reuses the npm cache (--prefer-offline).
// Run after `npm run build` (the tarball is packed from dist/).
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const version = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).version;
const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
const work = mkdtempSync(join(tmpdir(), "splc-install-"));
const env = { ...process.env, npm_config_audit: "false", npm_config_fund: "false", npm_config_update_notifier: "false" };
const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
const npmInstall = (spec, cwd) => run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error", spec], cwd);

const ESM = `
import { parse, analyze } from "splc";
import { loadRuleText } from "splc/rules";
import { loadRuleFiles } from "splc/node";
const r = parse("index=main (a OR b) c | stats count by host");
if (r.pipeline.commands.length !== 2 || analyze(r).indicators.length !== 1) throw new Error("ESM: bad parse");
if (loadRuleText("search: 'a | head 1'\\nname: x\\n", { filename: "x.yml" }).rules.length !== 1) throw new Error("ESM: splc/rules");
if (typeof loadRuleFiles !== "function") throw new Error("ESM: splc/node lacks loadRuleFiles");
`;
const CJS = `
const { parse } = require("splc");
const { loadRuleFiles } = require("splc/node");
if (parse("a OR b c").pipeline.commands[0].filter.kind !== "SearchAnd") throw new Error("CJS: bad parse");
if (typeof require("splc/rules").loadRuleText !== "function" || typeof loadRuleFiles !== "function") throw new Error("CJS: rule loaders");
`;
const TS_ESM = `
import { parse, type Pipeline, type Diagnostic } from "splc";
import { loadRuleText, type RuleSource } from "splc/rules";
import { loadRuleFiles, type LoadRuleFilesResult } from "splc/node";
const p: Pipeline = parse("a").pipeline;
const d: readonly Diagnostic[] = parse("a").diagnostics;
const r: RuleSource[] = loadRuleText("search: a\\n", { filename: "x.yml" }).rules;
const f: Promise<LoadRuleFilesResult> = loadRuleFiles(["x"]);
export { p, d, r, f };
`;
const TS_CJS = `
import splc = require("splc");
import node = require("splc/node");
const p: splc.Pipeline = splc.parse("a").pipeline;
const f: typeof node.loadRuleFiles = node.loadRuleFiles;
export { p, f };
`;
// Legacy `node` resolution has no `exports`: the root types come from "types" and the subpaths
// from "typesVersions". TypeScript 5.9 still accepts it (with ignoreDeprecations where needed).
const RESOLUTIONS = [
    { name: "node16", module: "node16", files: ["esm.ts", "cjs.cts"] },
    { name: "nodenext", module: "nodenext", files: ["esm.ts", "cjs.cts"] },
    { name: "bundler", module: "esnext", files: ["esm.ts"] },
    { name: "node (legacy)", module: "commonjs", resolution: "node10", files: ["legacy.ts"] },
];

function checkConsumer(label, dir) {
    writeFileSync(join(dir, "esm.mjs"), ESM);
    writeFileSync(join(dir, "cjs.cjs"), CJS);
    run(process.execPath, ["esm.mjs"], dir);
    run(process.execPath, ["cjs.cjs"], dir);
    writeFileSync(join(dir, "esm.ts"), TS_ESM);
    writeFileSync(join(dir, "cjs.cts"), TS_CJS);
    writeFileSync(join(dir, "legacy.ts"), TS_ESM.replace(/type (\w+)/g, "$1"));
    for (const r of RESOLUTIONS) {
        const compilerOptions = {
            module: r.module,
            moduleResolution: r.resolution ?? (r.module === "esnext" ? "bundler" : r.module),
            strict: true,
            noEmit: true,
            skipLibCheck: false,
            types: [],
            target: "es2022",
            lib: ["es2022"],
        };
        writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions, files: r.files }));
        try {
            run(process.execPath, [tsc, "-p", "."], dir);
        } catch (e) {
            throw new Error(`${label}: TypeScript under moduleResolution ${r.name} failed:\n${e.stdout ?? ""}${e.stderr ?? ""}`, { cause: e });
        }
    }
    const v = run("npx", ["--no-install", "splc", "--version"], dir).trim();
    if (v !== version) throw new Error(`${label}: npx splc --version printed '${v}', expected ${version}`);
    console.log(`${label}: ESM, CJS, TypeScript (${RESOLUTIONS.map((r) => r.name).join(", ")}) and npx splc --version ok`);
}

function consumer(name) {
    const dir = join(work, name);
    mkdirSync(dir);
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: `consumer-${name}`, version: "1.0.0", type: "module", private: true }));
    return dir;
}

try {
    // Tarball: what the registry would serve; dist/ is inside, nothing runs at install time.
    const tarball = run("npm", ["pack", "--ignore-scripts", "--silent", "--pack-destination", work], root).trim().split("\n").pop();
    const tarDir = consumer("tarball");
    npmInstall(join(work, tarball), tarDir);
    checkConsumer("tarball", tarDir);

    // Git URL: npm clones, installs the dev dependencies and runs `prepare`, which builds dist/.
    const clone = join(work, "clone");
    run("git", ["clone", "--quiet", "--no-local", root, clone], work);
    const gitDir = consumer("git");
    npmInstall(`git+file://${clone}`, gitDir);
    checkConsumer("git+file", gitDir);
} finally {
    rmSync(work, { recursive: true, force: true });
}
