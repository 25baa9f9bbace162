// `splc catalog --jobs N` prepares the rules in worker threads, which run the built CLI: its
// site must be byte for byte the site of one thread. Needs dist/ (CI builds before testing).
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_DIR } from "../support/shared.js";
import { cli } from "../cli/run.js";

const built = join(REPO_DIR, "dist", "cli.js");

/** Every file under `dir`, relative path -> bytes. */
function tree(dir: string): Map<string, Buffer> {
    const out = new Map<string, Buffer>();
    const walk = (d: string): void => {
        for (const e of readdirSync(d, { withFileTypes: true })) {
            const p = join(d, e.name);
            if (e.isDirectory()) walk(p);
            else out.set(relative(dir, p), readFileSync(p));
        }
    };
    walk(dir);
    return out;
}

describe("splc catalog --jobs", () => {
    it.skipIf(!existsSync(built))(`writes the same site with worker threads as without${existsSync(built) ? "" : " [skipped: dist/ is not built; run npm run build]"}`, () => {
        // 48 searches and the example rules with their macros: four batches of 16, so three workers.
        const inputs = [join(REPO_DIR, "test", "fixtures", "search"), join(REPO_DIR, "examples", "rules"), "--macros", join(REPO_DIR, "examples", "macros.conf"), "--builtins", "--no-playground"];
        const sites = ["1", "2", "3"].map((jobs) => {
            const out = mkdtempSync(join(tmpdir(), `splc-jobs-${jobs}-`));
            const run = spawnSync(process.execPath, [built, "catalog", ...inputs, "--out", out, "--jobs", jobs], { encoding: "utf8" });
            expect(run.status, run.stderr).not.toBe(2);
            expect(run.stdout).toMatch(new RegExp(`wrote \\d+ files for 5\\d rules to \\S+ in [\\d.]+ s${jobs === "1" ? ":" : ` \\(${jobs} worker threads\\):`}`));
            return tree(out);
        });
        const [one, ...more] = sites;
        expect(one!.size).toBeGreaterThan(50);
        for (const other of more) {
            expect([...other.keys()].sort()).toEqual([...one!.keys()].sort());
            for (const [path, bytes] of one!) expect(other.get(path)!.equals(bytes), path).toBe(true);
        }
    }, 120_000);

    it("rejects a bad --jobs", async () => {
        const run = await cli("catalog", join(REPO_DIR, "examples", "rules"), "--out", mkdtempSync(join(tmpdir(), "splc-jobs-")), "--jobs", "0");
        expect(run.code).toBe(2);
        expect(run.stderr).toMatch(/--jobs takes a whole number of at least 1/);
    });
});
