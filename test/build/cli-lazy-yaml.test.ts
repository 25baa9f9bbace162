// The built CLI loads the yaml package on first use through a stand-in module (tsup.config.ts,
// lazyYaml): reading YAML rule files must give what the CLI run from source gives, where the
// package is imported directly.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_DIR } from "../support/shared.js";
import { cli } from "../cli/run.js";

const built = join(REPO_DIR, "dist", "cli.js");
const notBuilt = existsSync(built) ? "" : " [skipped: dist/ is not built; run npm run build]";

describe("the built CLI's lazy yaml", () => {
    it.skipIf(!existsSync(built))(`reads YAML rules as the CLI from source does${notBuilt}`, async () => {
        const args = ["analyze", join(REPO_DIR, "examples", "rules"), "--macros", join(REPO_DIR, "examples", "macros.conf"), "--format", "jsonl", "--no-config", "--threads", "1"];
        const dist = spawnSync(process.execPath, [built, ...args], { encoding: "utf8" });
        const source = await cli(...args);
        expect(dist.status, dist.stderr).toBe(source.code);
        expect(dist.stdout.split("\n").length).toBeGreaterThan(3);
        expect(dist.stdout).toBe(source.stdout);
    });

    it.skipIf(!existsSync(built))(`leaves no static import of yaml in the bundle${notBuilt}`, () => {
        const code = readFileSync(built, "utf8");
        expect(code).not.toMatch(/^import [^;]*from "yaml";/m);
        expect(code).toContain('createRequire(import.meta.url)("yaml")');
    });
});
