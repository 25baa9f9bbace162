// The core (everything `splc` exports) must run in browsers and stay off `yaml`: walk the import
// graph from src/index.ts and check that no module in it imports a Node built-in or yaml. Only
// the CLI and the Node rule loader may.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";
import { LAYERS } from "../eslint/layering.mjs";
import { REPO_DIR } from "./support/shared.js";

function importsOf(file: string): string[] {
    const text = readFileSync(file, "utf8");
    return [...text.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+"([^"]+)"/gm)].map((m) => m[1] as string);
}

function graph(entry: string): Map<string, string[]> {
    const seen = new Map<string, string[]>();
    const todo = [entry];
    while (todo.length > 0) {
        const file = todo.pop() as string;
        if (seen.has(file)) continue;
        const imports = importsOf(file);
        seen.set(file, imports);
        for (const spec of imports) {
            if (spec.startsWith(".")) todo.push(resolve(dirname(file), spec.replace(/\.js$/, ".ts")));
        }
    }
    return seen;
}

it("the core entry imports no Node built-in and no yaml", () => {
    const g = graph(join(REPO_DIR, "src", "index.ts"));
    expect(g.size).toBeGreaterThan(30);
    const bad = [...g.entries()].flatMap(([file, imports]) => imports.filter((s) => s.startsWith("node:") || s === "yaml").map((s) => `${file}: ${s}`));
    expect(bad).toEqual([]);
});

it("the browser-safe rules entry imports no Node built-in", () => {
    const g = graph(join(REPO_DIR, "src", "rules", "index.ts"));
    const bad = [...g.entries()].flatMap(([file, imports]) => imports.filter((s) => s.startsWith("node:")).map((s) => `${file}: ${s}`));
    expect(bad).toEqual([]);
});

// The layering itself (which folder of src/ may import which) is stated once, in
// eslint/layering.mjs, and enforced by `npm run lint`. These tests check that the rule is wired
// up and fires, so that a broken pattern cannot pass silently.
describe("the layering rule (eslint/layering.mjs)", () => {
    const lint = async (file: string, code: string): Promise<string[]> => {
        const eslint = new ESLint({ cwd: REPO_DIR });
        const [result] = await eslint.lintText(code, { filePath: join(REPO_DIR, file) });
        return (result?.messages ?? []).filter((m) => m.ruleId === "splc/layering").map((m) => m.message);
    };

    it("gives every part of src/ a layer", () => {
        const parts = readdirSync(join(REPO_DIR, "src")).map((name) => name.replace(/\.ts$/, ""));
        const placed = new Set(LAYERS.flat());
        expect(parts.filter((p) => !placed.has(p))).toEqual([]);
    });

    it("rejects the printer and the visitor importing the lowering", async () => {
        expect(await lint("src/print/new-module.ts", 'import { lowerExpr } from "../lower/expr.js";\nexport const f = lowerExpr;\n')).toEqual([
            'src/print never imports src/lower: "../lower/expr.js"',
        ]);
        expect(await lint("src/visit/new-module.ts", 'export { lowerPipeline } from "../lower/pipeline.js";\n')).toHaveLength(1);
    });

    it("rejects an import against the layer order and allows one along it", async () => {
        expect(await lint("src/lower/new-module.ts", 'import { analyze } from "../analysis/analyze.js";\nexport const f = analyze;\n')).toEqual([
            'src/lower comes before src/analysis in the layer order (eslint/layering.mjs): "../analysis/analyze.js"',
        ]);
        expect(await lint("src/analysis/new-module.ts", 'import type { Pipeline } from "../ir/nodes.js";\nexport type P = Pipeline;\n')).toEqual([]);
    });
});
