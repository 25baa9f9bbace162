// The CLI's fit with CI and editors (issue 14): SARIF and GitHub annotations, suppressions, the
// config file, rule files in parse/expand/fmt, globs, stdin, --quiet, the summary, the preset.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { DIAGNOSTIC_CODES, format } from "../../src/index.js";
import { findMacroCalls, parseCall } from "../../src/macros/scan.js";
import { loadRuleText } from "../../src/rules/index.js";
import { useColor } from "../../src/cli/color.js";
import { unifiedDiff } from "../../src/cli/diff.js";
import { escapeData, escapeProperty } from "../../src/cli/report-github.js";
import { compileGlob } from "../../src/cli/glob.js";
import { corpusMacros, corpusSearches, describeShared, HAVE_SHARED, REPO_DIR, sharedPath } from "../support/shared.js";
import { SARIF_2_1_0, validate } from "../support/sarif-schema.js";
import { cli } from "./run.js";

const examples = join(REPO_DIR, "examples");
const fixtures = join(REPO_DIR, "test", "fixtures", "cli");
function tempDir(): string {
    return mkdtempSync(join(tmpdir(), "splc-eco-"));
}

describe("--version and exit codes", () => {
    it("prints the package version", async () => {
        const r = await cli("--version");
        expect(r.code).toBe(0);
        expect(r.stdout.trim()).toBe(JSON.parse(readFileSync(join(REPO_DIR, "package.json"), "utf8")).version);
    });

    it("parse exits 1 on errors by default; --fail-on none and warning change it", async () => {
        const dir = tempDir();
        const p = join(dir, "warn.spl");
        writeFileSync(p, "a, b | stats count");
        expect((await cli("parse", p)).code).toBe(0);
        expect((await cli("parse", p, "--fail-on", "warning")).code).toBe(1);
        writeFileSync(p, "a | stats count(x");
        expect((await cli("parse", p)).code).toBe(1);
        expect((await cli("parse", p, "--fail-on", "none")).code).toBe(0);
        expect((await cli("parse", p, "--fail-on", "maybe")).code).toBe(2);
    });
});

describe("rule files in parse, expand and fmt", () => {
    const rule = join(examples, "rules", "encoded_powershell.yml");

    it("parse reads the search inside a YAML rule and reports at file positions", async () => {
        const r = await cli("parse", rule);
        expect(r.code).toBe(1);
        const spl = loadRuleText(readFileSync(rule, "utf8"), { filename: rule }).rules[0]?.spl;
        expect(JSON.parse(r.stdout).text).toBe(spl);
        expect(r.stderr).toContain(`${rule}:8:3 SPL1002 error`);
    });

    it("parse of a file with several rules prints one result per rule", async () => {
        const conf = join(fixtures, "two-searches.conf");
        const out = JSON.parse((await cli("parse", conf)).stdout) as { name: string; result: { text: string } }[];
        expect(out.map((o) => o.name)).toEqual(["First", "Second"]);
        expect(out[1]?.result.text).toBe("index=b\n| stats count");
    });

    it("expand prints the expanded search of each rule, not the YAML", async () => {
        const r = await cli("expand", join(examples, "rules", "kerberos_spray.yml"), "--macros", join(examples, "macros.conf"));
        expect(r.stdout).not.toContain("search:");
        expect(r.stdout).toMatch(/^index=\S+ .*EventCode=4771/);
    });

    it("fmt on a YAML rule rewrites only the search; --check and --diff change nothing", async () => {
        const dir = tempDir();
        const p = join(dir, "kerberos_spray.yml");
        copyFileSync(join(examples, "rules", "kerberos_spray.yml"), p);
        const before = readFileSync(p, "utf8");
        const check = await cli("fmt", "--check", p);
        expect(check.code).toBe(1);
        expect(check.stdout).toBe(`${p}: not formatted\n`);
        const diff = await cli("fmt", "--diff", p);
        expect(diff.code).toBe(1);
        expect(diff.stdout).toMatch(/^--- .*\n\+\+\+ .*\n@@ -\d+,\d+ \+\d+,\d+ @@\n/);
        expect(readFileSync(p, "utf8")).toBe(before);
        expect((await cli("fmt", p)).code).toBe(0);
        expect((await cli("fmt", "--check", p)).code).toBe(0);
    });

    it("fmt keeps a CRLF file CRLF", async () => {
        const dir = tempDir();
        for (const name of ["kerberos_spray.yml", "savedsearches.conf"]) {
            const p = join(dir, name);
            writeFileSync(p, readFileSync(join(examples, "rules", name), "utf8").replace(/\r?\n/g, "\r\n"));
            const before = loadRuleText(readFileSync(p, "utf8"), { filename: p }).rules.map((r) => r.spl);
            expect((await cli("fmt", p)).code).toBe(0);
            const after = readFileSync(p, "utf8");
            expect(after.replace(/\r\n/g, "")).not.toContain("\n");
            expect(loadRuleText(after, { filename: p }).rules.map((r) => r.spl)).toEqual(before.map((t) => format(t)));
        }
    });

    // Every example rule file (ours and ../shared's): the file stays loadable, every byte outside
    // the searches stays, each search becomes its formatted form, and a second run changes nothing.
    const files = [...readdirSync(join(examples, "rules")).map((f) => join(examples, "rules", f)), ...(HAVE_SHARED ? readdirSync(sharedPath("examples")).map((f) => sharedPath("examples", f)) : [])];
    it.each(files)("fmt on %s changes only the searches", async (source) => {
        const dir = tempDir();
        const p = join(dir, source.split("/").pop() as string);
        copyFileSync(source, p);
        const before = readFileSync(p, "utf8");
        const old = loadRuleText(before, { filename: p });
        await cli("fmt", p);
        const after = readFileSync(p, "utf8");
        const now = loadRuleText(after, { filename: p });
        expect(now.diagnostics.filter((d) => d.severity === "error")).toEqual(old.diagnostics.filter((d) => d.severity === "error"));
        expect(now.rules.length).toBe(old.rules.length);
        // Outside the searches' spans the texts are equal, in order. (A block scalar's span
        // takes in the line break after it, a quoted one's does not: that break counts as outside.)
        const outside = (text: string, spans: { start: number; end: number }[]): string[] => {
            const parts: string[] = [];
            let at = 0;
            for (const s of [...spans].sort((a, b) => a.start - b.start)) {
                parts.push(text.slice(at, s.start));
                at = text[s.end - 1] === "\n" ? s.end - 1 : s.end;
            }
            parts.push(text.slice(at));
            return parts;
        };
        expect(
            outside(
                after,
                now.rules.map((r) => r.fileSpan),
            ),
        ).toEqual(
            outside(
                before,
                old.rules.map((r) => r.fileSpan),
            ),
        );
        now.rules.forEach((r, i) => {
            const was = old.rules[i]?.spl as string;
            expect(r.spl === was || r.spl === format(was)).toBe(true);
        });
        await cli("fmt", p);
        expect(readFileSync(p, "utf8")).toBe(after);
    });
});

describe("--format sarif and github", () => {
    const args = [join(examples, "rules"), "--macros", join(examples, "macros.conf"), "--builtins"];

    it("SARIF of the example rules validates against the SARIF 2.1.0 schema", async () => {
        const r = await cli("analyze", ...args, "--format", "sarif");
        expect(r.code).toBe(1);
        const log = JSON.parse(r.stdout);
        expect(validate(log, SARIF_2_1_0)).toEqual([]);
        const rules = log.runs[0].tool.driver.rules as { id: string }[];
        expect(rules.map((x) => x.id)).toEqual(Object.keys(DIAGNOSTIC_CODES));
        const results = log.runs[0].results as {
            ruleId: string;
            ruleIndex: number;
            locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[];
        }[];
        for (const res of results) expect(rules[res.ruleIndex]?.id).toBe(res.ruleId);
        const unbalanced = results.find((x) => x.ruleId === "SPL1002");
        expect(unbalanced?.locations[0]?.physicalLocation.region).toMatchObject({ startLine: 8, startColumn: 3 });
        expect(unbalanced?.locations[0]?.physicalLocation.artifactLocation.uri).toMatch(/encoded_powershell\.yml$/);
    });

    it("the validator rejects what the schema rejects", () => {
        expect(validate({ version: "2.0.0", runs: [] }, SARIF_2_1_0)).not.toEqual([]);
        expect(validate({ version: "2.1.0", runs: [{ tool: { driver: {} } }] }, SARIF_2_1_0)).not.toEqual([]);
        expect(validate({ version: "2.1.0", runs: [{ tool: { driver: { name: "x" } }, results: [{ message: { text: "m" }, level: "fatal" }] }] }, SARIF_2_1_0)).not.toEqual([]);
        expect(
            validate(
                {
                    version: "2.1.0",
                    runs: [{ tool: { driver: { name: "x" } }, results: [{ message: { text: "m" }, locations: [{ physicalLocation: { artifactLocation: { uri: "a" }, region: { startLine: 0 } } }] }] }],
                },
                SARIF_2_1_0,
            ),
        ).not.toEqual([]);
    });

    it("github lines follow the workflow-command syntax", async () => {
        const r = await cli("analyze", ...args, "--format", "github");
        const lines = r.stdout.trimEnd().split("\n");
        expect(lines.length).toBeGreaterThan(0);
        for (const l of lines) expect(l).toMatch(/^::(error|warning|notice) file=[^,:]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=SPL\d{4} (error|warning|info)::[^\r\n]*$/);
        expect(lines.some((l) => l.startsWith("::error ") && /encoded_powershell\.yml,line=8,col=3,/.test(l))).toBe(true);
    });

    it("escapes messages and properties as the runner expects", () => {
        expect(escapeData("50% done\r\nnext")).toBe("50%25 done%0D%0Anext");
        expect(escapeProperty("a:b,c%")).toBe("a%3Ab%2Cc%25");
    });
});

describe("suppressions and the config file", () => {
    it("a splc-disable-next-stage comment silences its code in the next stage only", async () => {
        const dir = tempDir();
        const p = join(dir, "r.spl");
        writeFileSync(p, "index=a | bin span=1h | stats count | where x!=1\n");
        const plain = await cli("analyze", p, "--format", "json", "--fail-on", "none");
        const codes = (r: { stdout: string }): string[] => JSON.parse(r.stdout).rules[0].diagnostics.map((d: { code: string }) => d.code);
        expect(codes(plain)).toContain("SPL2001");
        writeFileSync(p, "index=a ```splc-disable-next-stage SPL2001 -- binned on purpose``` | bin span=1h | stats count | where x!=1\n");
        const quiet = await cli("analyze", p, "--format", "json", "--fail-on", "none");
        expect(codes(quiet)).not.toContain("SPL2001");
        // It survives fmt, and still works afterwards.
        await cli("fmt", p);
        expect(readFileSync(p, "utf8")).toContain("```splc-disable-next-stage SPL2001 -- binned on purpose```");
        expect(codes(await cli("analyze", p, "--format", "json", "--fail-on", "none"))).not.toContain("SPL2001");
        // An unknown code is reported.
        writeFileSync(p, "```splc-disable SPL9999``` index=a\n");
        expect(codes(await cli("analyze", p, "--format", "json", "--fail-on", "none"))).toEqual(["SPL6002"]);
    });

    it("splc-disable silences a code in the whole search", async () => {
        const dir = tempDir();
        const p = join(dir, "r.spl");
        writeFileSync(p, "`nope` a | `nope2`\n");
        const n = async (): Promise<number> =>
            JSON.parse((await cli("analyze", p, "--format", "json", "--builtins")).stdout).rules[0].diagnostics.filter((d: { code: string }) => d.code === "SPL4001").length;
        expect(await n()).toBe(2);
        writeFileSync(p, "`nope` a | `nope2` ```splc-disable SPL4001```\n");
        expect(await n()).toBe(0);
    });

    it("the README's suppression example silences both codes, each only where it says", async () => {
        const dir = tempDir();
        const p = join(dir, "s.spl");
        const text = readFileSync(join(fixtures, "suppressed.spl"), "utf8");
        const codes = async (t: string): Promise<string[]> => {
            writeFileSync(p, t);
            return JSON.parse((await cli("analyze", p, "--builtins", "--format", "json", "--fail-on", "none")).stdout)
                .rules[0].diagnostics.map((d: { code: string }) => d.code)
                .sort();
        };
        expect(await codes(text)).toEqual([]);
        expect(await codes(text.replace(/```splc-[^`]*```/g, ""))).toEqual(["SPL2001", "SPL4001"]);
        // The next-stage comment covers the bin stage only: a second bin still warns.
        expect(await codes(`${text.trimEnd()}\n| bin span=1h\n`)).toEqual(["SPL2001"]);
    });

    it("splc.config.json found upward sets severities, macros and ignores; --print-config shows it", async () => {
        const dir = tempDir();
        mkdirSync(join(dir, "rules", "old"), { recursive: true });
        writeFileSync(join(dir, "rules", "r.spl"), "`sysmon` EventCode=1 | bin span=1h | stats count\n");
        writeFileSync(join(dir, "rules", "old", "x.spl"), "a | stats count(\n");
        const before = await cli("analyze", join(dir, "rules"), "--format", "json");
        expect(before.code).toBe(1);
        copyFileSync(join(examples, "macros.conf"), join(dir, "macros.conf"));
        writeFileSync(join(dir, "splc.config.json"), JSON.stringify({ severity: { SPL2001: "error" }, macros: ["macros.conf"], ignore: ["rules/old/**"] }));
        const after = await cli("analyze", join(dir, "rules"), "--format", "json");
        const report = JSON.parse(after.stdout);
        expect(report.rules.map((r: { file: string }) => r.file)).toEqual([join(dir, "rules", "r.spl")]);
        const ds = report.rules[0].diagnostics as { code: string; severity: string }[];
        expect(ds.map((d) => `${d.code} ${d.severity}`)).toEqual(["SPL2001 error"]);
        expect(after.code).toBe(1);
        const printed = JSON.parse((await cli("analyze", join(dir, "rules"), "--print-config")).stdout);
        expect(printed).toMatchObject({ file: join(dir, "splc.config.json"), severity: { SPL2001: "error" }, macros: [join(dir, "macros.conf")] });
        writeFileSync(join(dir, "splc.config.json"), JSON.stringify({ severity: { SPL2001: "off" }, macros: ["macros.conf"], ignore: ["rules/old/**"] }));
        expect((await cli("analyze", join(dir, "rules"))).code).toBe(0);
        expect((await cli("analyze", join(dir, "rules"), "--no-config")).code).toBe(1);
        writeFileSync(join(dir, "splc.config.json"), "{ severity: ");
        const broken = await cli("analyze", join(dir, "rules"));
        expect(broken.stdout).toContain("SPL6001 error");
        expect(broken.code).toBe(1);
    });
});

describe("inputs and output formats", () => {
    it("expands quoted globs; --quiet prints only problems", async () => {
        const r = await cli("analyze", `${join(examples, "rules")}/*.{yml,spl}`, "--macros", join(examples, "macros.conf"), "--builtins", "--quiet", "--fail-on", "none");
        expect(r.stdout).not.toContain("Stages and predicates");
        expect(r.stdout).toMatch(/SPL1002 error/);
        expect(r.stdout.trimEnd().split("\n").pop()).toMatch(/^4 rule\(s\) from 4 file\(s\): [1-9]\d* error\(s\)/);
        expect((await cli("analyze", join(examples, "nothing", "*.yml"))).code).toBe(2);
        expect(compileGlob("rules/**/*.yml").test("rules/a/b/c.yml")).toBe(true);
        expect(compileGlob("rules/**/*.yml").test("rules/c.yml")).toBe(true);
        expect(compileGlob("rules/*.yml").test("rules/a/c.yml")).toBe(false);
    });

    // Standard input needs a real process: run the built CLI (CI builds before testing).
    const built = join(REPO_DIR, "dist", "cli.js");
    it.skipIf(!existsSync(built))(`analyze - reads a search or a rule from standard input${existsSync(built) ? "" : " [skipped: dist/ is not built; run npm run build]"}`, () => {
        const run = (input: string, ...args: string[]): { status: number | null; stdout: string } =>
            spawnSync(process.execPath, [built, "analyze", "-", "--no-config", "--format", "json", ...args], { input, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
        const spl = run("index=a | stats count(x");
        expect(spl.status).toBe(1);
        expect(JSON.parse(spl.stdout).rules[0].diagnostics[0]).toMatchObject({ file: "<stdin>", code: "SPL1002", line: 1 });
        const yaml = run("name: From stdin\nsearch: index=a | head 1\n");
        expect(yaml.status).toBe(0);
        expect(JSON.parse(yaml.stdout).rules[0]).toMatchObject({ name: "From stdin", format: "security_content" });
    });

    it("summary counts diagnostics per code and rules per data source", async () => {
        const r = await cli("analyze", join(examples, "rules"), "--macros", join(examples, "macros.conf"), "--builtins", "--format", "summary", "--fail-on", "none");
        expect(r.stdout).toMatch(/Diagnostics per code\n\s+1\s+SPL1002 error\s+unbalanced parenthesis/);
        expect(r.stdout).toMatch(/Rules per data source\n {2}(index|sourcetype|data model)\n/);
        expect(r.stdout).toContain("Most shared indicators");
    });

    it("colour follows the terminal, NO_COLOR and FORCE_COLOR", () => {
        expect(useColor({ isTTY: true }, {})).toBe(true);
        expect(useColor({ isTTY: false }, {})).toBe(false);
        expect(useColor({ isTTY: true }, { NO_COLOR: "1" })).toBe(false);
        expect(useColor({ isTTY: false }, { FORCE_COLOR: "1" })).toBe(true);
        expect(useColor({ isTTY: true }, { FORCE_COLOR: "0" })).toBe(false);
    });

    it("unified diff marks removed then added lines with context", () => {
        expect(unifiedDiff("a\nb\nc\n", "a\nB\nc\n", "f")).toBe("--- f\n+++ f (formatted)\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n");
        expect(unifiedDiff("same\n", "same\n", "f")).toBe("");
    });
});

describeShared("the security_content preset on a checkout built from the corpus", () => {
    it("cuts unknown-macro warnings to the macros that are really undefined", async () => {
        const root = tempDir();
        const searches = corpusSearches();
        for (const s of searches) {
            const path = join(root, s.path);
            mkdirSync(dirname(path), { recursive: true });
            writeFileSync(path, stringify({ name: s.name, id: s.id, type: s.kind, search: s.search }));
        }
        const macros = corpusMacros();
        mkdirSync(join(root, "macros"), { recursive: true });
        for (const m of macros) writeFileSync(join(root, "macros", `${m.name}.yml`), stringify({ name: m.name, arguments: m.arguments, definition: m.definition }));
        const unknown = async (...extra: string[]): Promise<Map<string, number>> => {
            const r = await cli("analyze", join(root, "detections"), join(root, "baselines"), join(root, "macros"), "--format", "json", "--fail-on", "none", ...extra);
            const counts = new Map<string, number>();
            for (const rule of JSON.parse(r.stdout).rules) {
                for (const d of rule.diagnostics)
                    if (d.code === "SPL4001") {
                        const name = /'([^'(]+)/.exec(d.message)?.[1] ?? d.message;
                        counts.set(name, (counts.get(name) ?? 0) + 1);
                    }
            }
            return counts;
        };
        const without = await unknown("--preset", "none");
        const withPreset = await unknown();
        const total = (m: Map<string, number>): number => [...m.values()].reduce((a, b) => a + b, 0);
        // Really undefined: called by a search, defined by no macro file, neither a generated
        // `_filter` macro nor the CIM's drop_dm_object_name.
        const defined = new Set(macros.map((m) => m.name));
        const really = new Set<string>();
        for (const s of searches.filter((x) => /^(detections|baselines)\//.test(x.path))) {
            for (const site of findMacroCalls(s.search)) {
                const name = parseCall(site.inner)?.name;
                if (name && !defined.has(name) && !/_filter$/.test(name) && name !== "drop_dm_object_name") really.add(name);
            }
        }
        console.log(`SPL4001 without the preset: ${total(without)} (${without.size} names); with it: ${total(withPreset)} (${withPreset.size} names: ${[...withPreset.keys()].join(", ")})`);
        expect(total(without)).toBeGreaterThan(1000);
        expect(new Set(withPreset.keys())).toEqual(really);
    }, 120_000);
});
