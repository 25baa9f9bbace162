// Rule-loader and CLI repros of the issue-11 fuzzing (fixtures in test/fixtures/fuzz/rules).
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadRuleText } from "../../src/rules/index.js";
import { loadRuleFiles } from "../../src/rules/node.js";
import { REPO_DIR } from "../support/shared.js";
import { cli } from "../cli/run.js";

const fixture = (name: string): string => join(REPO_DIR, "test/fixtures/fuzz/rules", name);
const read = (name: string): string => readFileSync(fixture(name), "utf8");

describe("rule loaders", () => {
    it("reads a JSONL file that starts with a BOM, and keeps __proto__ keys as data", () => {
        const r = loadRuleText(read("bom-proto.jsonl"), { filename: "bom-proto.jsonl" });
        expect(r.diagnostics).toEqual([]);
        expect(r.rules.map((x) => x.spl)).toEqual(["index=a", "index=b"]);
        const meta = r.rules[1]?.metadata as Record<string, unknown>;
        expect(Object.getPrototypeOf(meta)).toBe(Object.prototype);
        expect((meta as { polluted?: unknown }).polluted).toBeUndefined();
        expect(Object.keys(meta)).toContain("__proto__");
    });
    it("reads a .conf file with CR-only line endings", () => {
        const r = loadRuleText(read("cr-only.conf"), { filename: "cr-only.conf" });
        expect(r.rules.map((x) => [x.name, x.spl])).toEqual([
            ["one", "index=a"],
            ["two", "index=b"],
        ]);
    });
    it("maps a block scalar that ends the file without a newline inside the file", () => {
        const text = read("block-scalar-eof.yml");
        const r = loadRuleText(text, { filename: "block-scalar-eof.yml" });
        const rule = r.rules[0];
        // YAML's clip chomping gives the value a final line break the file does not have.
        expect(rule?.spl.trimEnd()).toBe('index=a "x');
        for (let i = 0; i <= (rule?.spl.length ?? 0); i++) expect(rule?.toFileOffset(i)).toBeLessThanOrEqual(text.length);
    });
    describe("folders", () => {
        const dir = mkdtempSync(join(tmpdir(), "splc-fifo-"));
        afterAll(() => rmSync(dir, { recursive: true, force: true }));
        it.runIf(process.platform !== "win32")("skips a FIFO named *.conf in a rules folder with SPL5007 instead of hanging", async () => {
            writeFileSync(join(dir, "a.spl"), "index=a\n");
            execFileSync("mkfifo", [join(dir, "pipe.conf")]);
            const r = await loadRuleFiles([dir]);
            expect(r.rules.map((x) => x.spl)).toEqual(["index=a"]);
            expect(r.diagnostics.map((d) => [d.code, d.file])).toEqual([["SPL5007", join(dir, "pipe.conf")]]);
        });
    });
});

describe("CLI", () => {
    it("reads --macros x.conf as macros.conf whatever its name", async () => {
        const dir = mkdtempSync(join(tmpdir(), "splc-macros-"));
        try {
            writeFileSync(join(dir, "s.spl"), "`only_in_here` | stats count\n");
            const r = await cli("expand", join(dir, "s.spl"), "--macros", fixture("my-macros.conf"));
            expect(r.stdout).toContain("index=m");
            // analyze reads --macros through the config's macro list: the same rule applies.
            const a = await cli("analyze", join(dir, "s.spl"), "--macros", fixture("my-macros.conf"), "--format", "json", "--no-config");
            expect(JSON.parse(a.stdout).rules[0].analysis.diagnostics.map((d: { code: string }) => d.code)).not.toContain("SPL4001");
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });
    it.runIf(process.getuid?.() !== 0)("turns a read-only fmt target into one line and exit code 4 (skipped as root, who may write it)", async () => {
        const dir = mkdtempSync(join(tmpdir(), "splc-fmt-"));
        try {
            const file = join(dir, "x.spl");
            writeFileSync(file, "index=a|stats count\n", { mode: 0o444 });
            const r = await cli("fmt", file);
            expect(r.code).toBe(4);
            expect(r.stderr.trim().split("\n")).toHaveLength(1);
            expect(r.stderr).toMatch(/^splc: cannot write /);
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });
    const bin = join(REPO_DIR, "dist", "cli.js");
    it.runIf(process.platform === "linux" && existsSync(bin))("exits 4 with one line on a full disk (skipped without /dev/full or a built dist/cli.js)", () => {
        const input = join(REPO_DIR, "test/fixtures/fuzz/number-out-of-range.spl");
        const full = (() => {
            try {
                execFileSync("sh", ["-c", `node "${bin}" parse "${input}" > /dev/full`], { stdio: ["ignore", "ignore", "pipe"] });
                return { code: 0, stderr: "" };
            } catch (e) {
                const x = e as { status: number; stderr: Buffer };
                return { code: x.status, stderr: String(x.stderr) };
            }
        })();
        expect(full.code).toBe(4);
        expect(full.stderr.trim().split("\n").at(-1)).toBe("splc: cannot write standard output: ENOSPC");
        expect(full.stderr).not.toMatch(/\n\s+at /);
    });
});
