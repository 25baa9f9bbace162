import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { Plugin } from "esbuild";
import { defineConfig } from "tsup";
import { lazyMergeCache, lazyXPathDfa, lowerClassFields, unwrapFunctionNames } from "./scripts/runtime-transforms.js";

// antlr4ng is bundled into dist rather than installed beside splc, so that the build can transform
// it (scripts/runtime-transforms.ts says what and why): above all, move ParserRuleContext's
// public class fields into constructor assignments, which on Node 20 made parsing the corpus
// about twice as fast (README, "Performance"). esbuild's own
// lowering (`supported: { "class-field": false }`) is no use here: it also turns private fields
// into WeakMaps, which costs more than it saves.
// Each output file holds one copy, shared by the generated parser and our code.
const require = createRequire(import.meta.url);
const antlrRoot = join(dirname(require.resolve("antlr4ng")), "..");
const antlrVersion = (JSON.parse(readFileSync(join(antlrRoot, "package.json"), "utf8")) as { version: string }).version;
// The runtime's BSD licence asks binary redistributions to reproduce its notice: it is read from
// the installed package at build time and kept at the top of every file that bundles the runtime.
const antlrLicense = readFileSync(join(antlrRoot, "LICENSE.txt"), "utf8").trim();
const antlrNotice = `/*! splc bundles the antlr4ng ${antlrVersion} runtime (https://github.com/mike-lischke/antlr4ng), under this licence:\n${antlrLicense.replace(/\*\//g, "* /")}\n*/`;

// Only ParserRuleContext, the base that the parser's 100+ context classes construct through.
// Lowering every class was no faster once warm and much slower to warm up: V8 abandoned
// optimising the constructors of derived runtime classes with lowered fields
// (CommonTokenStream, BailErrorStrategy) for a "stable map" dependency on every attempt, and
// with them every function that inlines them (`frontEnd`): about 190 times in ten corpus passes.
const LOWERED_CLASSES = new Set(["ParserRuleContext"]);
const runtimeFile = /[\\/]antlr4ng[\\/]dist[\\/]index\.(mjs|cjs)$/;
const transformRuntime: Plugin = {
    name: "antlr4ng-runtime-transforms",
    setup(build) {
        build.onLoad({ filter: runtimeFile }, async (args) => {
            const report = lowerClassFields(await readFile(args.path, "utf8"), args.path, LOWERED_CLASSES);
            // A runtime upgrade that renames the class must not silently lose the speed-up.
            if (!report.lowered.includes("ParserRuleContext")) throw new Error(`${args.path}: ParserRuleContext's fields were not lowered`);
            const named = unwrapFunctionNames(report.code, args.path);
            if (named.unwrapped === 0) throw new Error(`${args.path}: no __name(...) wrappers found; has the runtime's build changed?`);
            return { contents: lazyXPathDfa(lazyMergeCache(named.code)), loader: "js" };
        });
    },
};

// The CLI loads the yaml package when it first reads a YAML file, not when it starts: loading it
// cost about 60 ms of every `splc` process (and of each worker thread), most of which read no
// YAML (a .spl file, a JSONL corpus, a savedsearches.conf). The CLI's `yaml` is a module of
// functions that require the real package on first call; a new import from "yaml" in src/ that
// is missing here fails the build (no such export).
const LAZY_YAML_EXPORTS = ["isAlias", "isMap", "isScalar", "isSeq", "parseAllDocuments"];
const lazyYaml: Plugin = {
    name: "lazy-yaml",
    setup(build) {
        build.onResolve({ filter: /^yaml$/ }, () => ({ path: "yaml", namespace: "lazy-yaml" }));
        build.onLoad({ filter: /.*/, namespace: "lazy-yaml" }, () => ({
            contents: [
                `import { createRequire } from "node:module";`,
                `let yaml;`,
                `const load = () => (yaml ??= createRequire(import.meta.url)("yaml"));`,
                ...LAZY_YAML_EXPORTS.map((name) => `export function ${name}(...args) { return load().${name}(...args); }`),
            ].join("\n"),
            loader: "js",
        }));
    },
};

// The library (core and rule loaders) is built for any platform; the CLI for Node only.
export default defineConfig([
    {
        // `rules-node` adds file-system loading to `rules`; package.json serves it under the
        // "node" condition of `splc/rules`.
        entry: { index: "src/index.ts", rules: "src/rules/index.ts", "rules-node": "src/rules/node.ts" },
        format: ["esm", "cjs"],
        dts: true,
        sourcemap: true,
        clean: true,
        target: "es2022",
        platform: "neutral",
        splitting: false,
        treeshake: true,
        external: ["yaml", /^node:/],
        noExternal: ["antlr4ng"],
        esbuildPlugins: [transformRuntime],
        banner: { js: antlrNotice },
    },
    {
        // The benchmark hooks (src/internal.ts): ESM only, for bench/bench.mjs, which imports the
        // file by path. Not in package.json's `exports`, and left out of the published files.
        entry: { internal: "src/internal.ts" },
        format: ["esm"],
        clean: false,
        target: "es2022",
        platform: "neutral",
        splitting: false,
        treeshake: true,
        noExternal: ["antlr4ng"],
        esbuildPlugins: [transformRuntime],
        banner: { js: antlrNotice },
    },
    {
        entry: { cli: "src/cli/bin.ts" },
        format: ["esm"],
        sourcemap: true,
        clean: false,
        target: "node20",
        platform: "node",
        splitting: false,
        // yaml is not bundled: lazyYaml stands in for it and requires the installed package.
        noExternal: ["antlr4ng", "yaml"],
        esbuildPlugins: [transformRuntime, lazyYaml],
        banner: { js: `#!/usr/bin/env node\n${antlrNotice}` },
    },
]);
