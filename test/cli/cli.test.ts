import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_DIR } from "../support/shared.js";
import { cli } from "./run.js";

const examples = join(REPO_DIR, "examples");
const tmp = mkdtempSync(join(tmpdir(), "splc-cli-"));
function file(name: string, text: string): string {
    const p = join(tmp, name);
    writeFileSync(p, text);
    return p;
}

describe("splc", () => {
    it("prints help and exits 0; unknown commands and no command exit 2", async () => {
        expect((await cli("--help")).code).toBe(0);
        expect((await cli("--help")).stdout).toContain("Usage: splc");
        expect((await cli()).code).toBe(2);
        const bad = await cli("frobnicate");
        expect(bad.code).toBe(2);
        expect(bad.stderr).toContain("unknown command 'frobnicate'");
        for (const c of ["analyze", "parse", "expand", "fmt"]) expect((await cli(c, "--help")).stdout).toContain(`Usage: splc ${c}`);
    });

    it("parse prints the IR and exits 1 with file:line:col diagnostics on errors", async () => {
        const ok = await cli("parse", file("ok.spl", "a OR b c | stats count"));
        expect(ok.code).toBe(0);
        expect(JSON.parse(ok.stdout).pipeline.commands.map((c: { kind: string }) => c.kind)).toEqual(["SearchCommand", "StatsCommand"]);
        const badPath = file("bad.spl", "index=a\n| stats count(x");
        const bad = await cli("parse", badPath);
        expect(bad.code).toBe(1);
        expect(bad.stderr).toMatch(new RegExp(`^${badPath.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}:2:14 SPL1002 error: `, "m"));
        expect((await cli("parse", join(tmp, "missing.spl"))).code).toBe(2);
    });

    it("expand uses --macros and reports unknown macros", async () => {
        const r = await cli("expand", file("m.spl", "`sysmon` EventCode=1 | `nope`"), "--macros", join(examples, "macros.conf"));
        expect(r.code).toBe(0);
        expect(r.stdout.trim()).toBe('index=endpoint sourcetype="XmlWinEventLog:Microsoft-Windows-Sysmon/Operational" EventCode=1 | `nope`');
        expect(r.stderr).toContain("SPL4001");
    });

    it("fmt formats standard text and --check reports unformatted files with exit 1", async () => {
        const p = file("f.spl", "index=a | stats count by host");
        expect((await cli("fmt", "--check", p)).code).toBe(1);
        expect((await cli("fmt", p)).code).toBe(0);
        expect(readFileSync(p, "utf8")).toBe("index=a\n| stats count BY host");
        expect((await cli("fmt", "--check", p)).code).toBe(0);
    });

    it("analyze reports the example rules; --fail-on decides the exit code", async () => {
        const args = [join(examples, "rules"), "--macros", join(examples, "macros.conf"), "--builtins"];
        const text = await cli("analyze", ...args);
        // An example rule holds deliberate errors: the default --fail-on error fails the run.
        expect(text.code).toBe(1);
        expect((await cli("analyze", ...args, "--fail-on", "none")).code).toBe(0);
        expect(text.stdout).toContain("Most shared indicators (5 rules)");
        expect(text.stdout).toMatch(/encoded_powershell\.yml:8:3 SPL1002 error/);
        expect(text.stdout).toMatch(/encoded_powershell\.yml:9:5 SPL2001 info/);
        expect((await cli("analyze", ...args, "--fail-on", "error")).code).toBe(1);
        expect((await cli("analyze", join(examples, "rules", "rare_parent.spl"), "--macros", join(examples, "macros.conf"), "--fail-on", "warning")).code).toBe(0);
        expect((await cli("analyze", join(tmp, "nothing-here"))).code).toBe(2);
        expect((await cli("analyze", ...args, "--format", "yaml")).code).toBe(2);
    });

    it("analyze --format json has a stable shape; jsonl has one rule per line", async () => {
        const args = [join(examples, "rules"), "--macros", join(examples, "macros.conf"), "--builtins"];
        const json = JSON.parse((await cli("analyze", ...args, "--format", "json")).stdout) as {
            rules: { name: string; analysis: { indicators: unknown[]; stages: unknown[] }; diagnostics: { code: string; line: number; column: number; file: string }[] }[];
            topIndicators: { key: string; count: number }[];
        };
        expect(json.rules).toHaveLength(5);
        const enc = json.rules.find((r) => r.name === "Encoded PowerShell Command Line");
        expect(enc?.diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([
            ["SPL1002", 8, 3],
            ["SPL2001", 9, 5],
        ]);
        expect(json.topIndicators[0]?.count).toBe(2);
        const lines = (await cli("analyze", ...args, "--format", "jsonl")).stdout.trim().split("\n");
        expect(lines).toHaveLength(5);
        for (const l of lines) expect(Object.keys(JSON.parse(l))).toEqual(["id", "name", "file", "format", "analysis", "diagnostics"]);
    });
});
