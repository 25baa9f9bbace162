// Packs the package (already built: `prepare` is skipped) as npm would publish it and uses it from a fresh consumer: ESM import, CJS
// require, the `splc/rules` entry, type declarations (tsc, NodeNext) and the CLI bin.
// Dependencies are linked from this checkout's node_modules (no network needed).
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const work = mkdtempSync(join(tmpdir(), "splc-smoke-"));
const run = (cmd, args, cwd = work) => execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
try {
    const out = run("npm", ["pack", "--ignore-scripts", "--silent", "--pack-destination", work], root).trim().split("\n").pop();
    const pkgDir = join(work, "node_modules", "splc");
    mkdirSync(pkgDir, { recursive: true });
    run("tar", ["-xzf", join(work, out), "-C", pkgDir, "--strip-components=1"]);
    // antlr4ng is bundled into dist (tsup.config.ts): the consumer gets only the runtime dependency.
    for (const dep of ["yaml"]) symlinkSync(join(root, "node_modules", dep), join(work, "node_modules", dep), "dir");
    const files = run("tar", ["-tzf", join(work, out)]).split("\n");
    if (files.some((f) => f.includes("src/") || f.includes("test/"))) throw new Error(`package contains sources: ${files.join(", ")}`);
    // The benchmark hooks (dist/internal.js) are built for bench/ only and never published.
    if (files.some((f) => f.includes("dist/internal."))) throw new Error("package contains dist/internal.*, the benchmark hooks");
    for (const f of ["index.js", "index.cjs", "cli.js"]) {
        if (!readFileSync(join(pkgDir, "dist", f), "utf8").includes("Copyright (c) 2012-2023 The ANTLR Project")) throw new Error(`dist/${f} lacks antlr4ng's licence notice`);
    }

    writeFileSync(join(work, "package.json"), JSON.stringify({ name: "consumer", type: "module", private: true }));
    // Both builds export exactly the values of the reviewed list (test/public-api.test.ts).
    const values = readFileSync(join(root, "test", "fixtures", "public-api.txt"), "utf8")
        .split("\n")
        .filter((l) => l.startsWith("value "))
        .map((l) => l.slice(6));
    const sameValues = (what, mod) => `{
    const got = Object.keys(${mod}).filter((k) => k !== "default" && k !== "module.exports").sort().join(" ");
    const want = ${JSON.stringify([...values].sort().join(" "))};
    if (got !== want) throw new Error("${what} exports differ from test/fixtures/public-api.txt:\\n  got  " + got + "\\n  want " + want);
}`;
    writeFileSync(
        join(work, "esm.mjs"),
        `
import { parse } from "splc";
import * as core from "splc";
import { loadRuleText, loadRuleFiles } from "splc/rules";
${sameValues("ESM", "core")}
if (typeof loadRuleFiles !== "function") throw new Error("splc/rules in Node lacks loadRuleFiles");
const r = parse("index=main (a OR b) c | stats count by host");
if (r.pipeline.commands.length !== 2 || r.pipeline.commands[0].filter.kind !== "SearchAnd") throw new Error("bad ESM parse");
const rules = loadRuleText("search: 'index=main | head 1'\\nname: x\\n", { filename: "x.yml" });
if (rules.rules.length !== 1) throw new Error("bad rules entry");
console.log("esm ok");
`,
    );
    writeFileSync(
        join(work, "cjs.cjs"),
        `
const { parse } = require("splc");
${sameValues("CJS", 'require("splc")')}
if (typeof require("splc/rules").loadRuleFiles !== "function") throw new Error("CJS splc/rules lacks loadRuleFiles");
const r = parse("a OR b c");
if (r.pipeline.commands[0].filter.kind !== "SearchAnd") throw new Error("bad CJS parse");
console.log("cjs ok");
`,
    );
    writeFileSync(
        join(work, "types.ts"),
        `
import { parse, type SearchExpr, type Pipeline } from "splc";
const p: Pipeline = parse("a").pipeline;
const f: SearchExpr | null = p.commands[0]?.kind === "SearchCommand" ? p.commands[0].filter : null;
export { f };
`,
    );
    writeFileSync(
        join(work, "tsconfig.json"),
        JSON.stringify({ compilerOptions: { module: "NodeNext", moduleResolution: "NodeNext", strict: true, noEmit: true, skipLibCheck: false, types: [] }, files: ["types.ts"] }),
    );
    process.stdout.write(run(process.execPath, ["esm.mjs"]));
    process.stdout.write(run(process.execPath, ["cjs.cjs"]));
    run(process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", "."]);
    console.log("types ok");
    // Browser-like: bundle the ESM entry for the browser and run it where there is no
    // process, require, Buffer or module.
    const { build } = await import(join(root, "node_modules", "esbuild", "lib", "main.js"));
    writeFileSync(
        join(work, "browser-entry.mjs"),
        `import { parse, analyze, format } from "splc"; import { loadRuleText } from "splc/rules"; globalThis.splc = { parse, analyze, format, loadRuleText };`,
    );
    await build({ entryPoints: [join(work, "browser-entry.mjs")], bundle: true, platform: "browser", format: "iife", outfile: join(work, "browser.js"), absWorkingDir: work, logLevel: "error" });
    const vm = await import("node:vm");
    const sandbox = { console };
    vm.createContext(sandbox);
    vm.runInContext(readFileSync(join(work, "browser.js"), "utf8"), sandbox);
    const probe = vm.runInContext(
        `(() => {
        if (typeof process !== "undefined" || typeof require !== "undefined") throw new Error("not a browser-like context");
        const r = splc.parse("\`m\` a OR b c | stats count by host", { macros: [{ name: "m", definition: "index=x" }] });
        const a = splc.analyze(r);
        const rules = splc.loadRuleText("search: 'index=main | head 1'\\nname: x\\n", { filename: "x.yml" });
        return [r.pipeline.commands.length, a.indicators.length, splc.format("a | stats count").split("\\n").length, rules.rules.length].join(",");
    })()`,
        sandbox,
    );
    if (probe !== "2,1,2,1") throw new Error(`browser bundle gave ${probe}`);
    const minified = await build({
        entryPoints: [join(work, "browser-entry.mjs")],
        bundle: true,
        minify: true,
        platform: "browser",
        format: "esm",
        write: false,
        absWorkingDir: work,
        logLevel: "error",
    });
    const bytes = minified.outputFiles[0].contents;
    const { gzipSync } = await import("node:zlib");
    console.log(`browser bundle ok (no process/require/Buffer); minified ${(bytes.length / 1024).toFixed(0)} KB, gzip ${(gzipSync(bytes, { level: 9 }).length / 1024).toFixed(0)} KB`);
    const cli = run(process.execPath, [join(pkgDir, "dist", "cli.js"), "--help"]);
    if (!cli.includes("Usage: splc")) throw new Error("CLI help missing");
    console.log(`cli ok; tarball ${out}: ${files.filter(Boolean).length} files`);
} finally {
    rmSync(work, { recursive: true, force: true });
}
