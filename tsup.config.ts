import { defineConfig } from "tsup";

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
        external: ["antlr4ng", "yaml", /^node:/],
    },
    {
        entry: { cli: "src/cli/bin.ts" },
        format: ["esm"],
        sourcemap: true,
        clean: false,
        target: "node20",
        platform: "node",
        splitting: false,
        external: ["antlr4ng", "yaml"],
        banner: { js: "#!/usr/bin/env node" },
    },
]);
