// `splc analyze --threads 2` analyses in a worker thread, which runs the built CLI: every format's
// output and the exit code must be those of one thread. Needs dist/ (CI builds before testing).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { HAVE_SHARED, REPO_DIR, sharedPath } from "../support/shared.js";
import { autoThreads, MIN_THREADED_RULES, type CpuSnapshot } from "../../src/cli/analyze-thread.js";
import { cli } from "./run.js";

const built = join(REPO_DIR, "dist", "cli.js");
const notBuilt = existsSync(built) ? "" : " [skipped: dist/ is not built; run npm run build]";

function run(args: string[]): { status: number | null; stdout: string; stderr: string } {
    const r = spawnSync(process.execPath, [built, "analyze", ...args], { encoding: "utf8", maxBuffer: 1 << 30 });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("splc analyze --threads", () => {
    // 48 searches with their diagnostics and the example rules with their macros: several batches.
    const inputs = [join(REPO_DIR, "test", "fixtures", "search"), join(REPO_DIR, "examples", "rules"), "--macros", join(REPO_DIR, "examples", "macros.conf"), "--builtins", "--no-config"];

    for (const format of ["jsonl", "json", "text", "summary", "sarif", "github"]) {
        it.skipIf(!existsSync(built))(
            `writes the same ${format} output with the analysis thread as without${notBuilt}`,
            () => {
                const one = run([...inputs, "--format", format, "--threads", "1", "--fail-on", "warning"]);
                const two = run([...inputs, "--format", format, "--threads", "2", "--fail-on", "warning"]);
                expect(one.status, one.stderr).toBe(1);
                expect(two.status, two.stderr).toBe(one.status);
                expect(two.stderr).toBe(one.stderr);
                expect(one.stdout.length).toBeGreaterThan(1000);
                expect(two.stdout === one.stdout, "outputs differ").toBe(true);
            },
            60_000,
        );
    }

    it.skipIf(!existsSync(built) || !HAVE_SHARED)(
        `writes the same jsonl for the whole shared corpus${notBuilt}${HAVE_SHARED ? "" : " [skipped: ../shared is absent]"}`,
        () => {
            const corpus = [sharedPath("corpus", "security_content.jsonl"), "--macros", sharedPath("corpus", "security_content_macros.jsonl"), "--format", "jsonl"];
            const one = run([...corpus, "--threads", "1"]);
            const two = run([...corpus, "--threads", "2"]);
            expect(one.status, one.stderr).toBe(two.status);
            expect(one.stdout.split("\n").length).toBeGreaterThan(1800);
            expect(two.stdout === one.stdout, "outputs differ").toBe(true);
        },
        120_000,
    );

    it.skipIf(!existsSync(built))(
        `ends promptly when a thread started early is not needed or the run fails${notBuilt}`,
        () => {
            // A directory starts the thread before the inputs are read. Few rules: it is stopped,
            // and the output is that of one thread.
            const few = [join(REPO_DIR, "examples", "rules"), "--format", "jsonl", "--no-config"];
            const auto = spawnSync(process.execPath, [built, "analyze", ...few], { encoding: "utf8", timeout: 30_000 });
            const one = run([...few, "--threads", "1"]);
            expect(auto.error).toBeUndefined();
            expect(auto.status).toBe(one.status);
            expect(auto.stdout).toBe(one.stdout);
            // An unreadable input after the thread started: a usage error, and the process exits.
            const bad = spawnSync(process.execPath, [built, "analyze", join(REPO_DIR, "examples", "rules"), join(REPO_DIR, "no-such-dir")], { encoding: "utf8", timeout: 30_000 });
            expect(bad.error).toBeUndefined();
            expect(bad.status).toBe(2);
            expect(bad.stderr).toMatch(/cannot read/);
        },
        60_000,
    );

    it("rejects a bad --threads", async () => {
        const r = await cli("analyze", join(REPO_DIR, "examples", "rules"), "--threads", "3");
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(/--threads must be 1, 2 or auto, not '3'/);
    });

    it("auto uses the second thread only for enough rules, two processors and an idle core", () => {
        const at = (wall: number, machineBusy: number, own: number): CpuSnapshot => ({ wall, machineBusy, own });
        const start = at(0, 0, 0);
        // 200 ms of loading: this process busy for 260 ms of CPU (its own background threads too), and nobody else.
        const quiet = at(200, 260, 260);
        expect(autoThreads(MIN_THREADED_RULES, start, quiet, 2)).toBe(2);
        expect(autoThreads(MIN_THREADED_RULES - 1, start, quiet, 2)).toBe(1);
        expect(autoThreads(MIN_THREADED_RULES, start, quiet, 1)).toBe(1);
        // Another process kept most of the other core busy (180 of 200 ms).
        expect(autoThreads(10_000, start, at(200, 440, 260), 2)).toBe(1);
        // A little background activity (20 ms in 200) still leaves the core idle enough.
        expect(autoThreads(10_000, start, at(200, 280, 260), 2)).toBe(2);
        // A system that does not tell the machine's CPU time: one thread.
        expect(autoThreads(10_000, at(0, Number.NaN, 0), at(200, Number.NaN, 260), 2)).toBe(1);
        // A window too short to read: one thread.
        expect(autoThreads(10_000, start, at(20, 20, 20), 2)).toBe(1);
    });
});
