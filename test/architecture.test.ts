// The core (everything `splc` exports) must run in browsers and stay off `yaml`: walk the import
// graph from src/index.ts and check that no module in it imports a Node built-in or yaml. Only
// the CLI and the Node rule loader may.
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { expect, it } from "vitest";
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
