import { mkdtempSync, writeFileSync, mkdirSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadRuleFiles } from "../../src/rules/node.js";
import { fixturePath } from "./helpers.js";

describe("loadRuleFiles", () => {
    const dir = mkdtempSync(join(tmpdir(), "splc-rules-"));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    mkdirSync(join(dir, "detections", "endpoint"), { recursive: true });
    mkdirSync(join(dir, ".git"));
    writeFileSync(join(dir, "detections", "endpoint", "b.yml"), "name: B\nid: b\ntype: TTP\nsearch: index=b\n");
    writeFileSync(join(dir, "detections", "a.yaml"), "name: A\nid: a\nsearch: index=a\n");
    writeFileSync(join(dir, "detections", "notes.md"), "search: not a rule file\n");
    writeFileSync(join(dir, ".git", "x.yml"), "search: index=hidden\n");
    writeFileSync(join(dir, "q.spl"), "index=q\n");
    mkdirSync(join(dir, "stories"));
    writeFileSync(join(dir, "stories", "s.yml"), "name: A story\nnarrative: no search here\n");

    it("expands directories recursively, in sorted order, by extension", async () => {
        const r = await loadRuleFiles([dir]);
        expect(r.rules.map((x) => x.spl)).toEqual(["index=a", "index=b", "index=q"]);
        expect(r.files).toBe(4);
        // The story found in the directory is not a rule, and not a problem either.
        expect(r.diagnostics).toEqual([]);
        expect(r.rules[1]!.file).toBe(join(dir, "detections", "endpoint", "b.yml"));
        expect(r.rules[1]!.kind).toBe("detection");
        expect(r.texts[join(dir, "q.spl")]).toBe("index=q\n");
    });

    it("reads a file named explicitly whatever its extension, and honours extensions", async () => {
        const md = await loadRuleFiles([join(dir, "detections", "notes.md")]);
        expect(md.files).toBe(1);
        const story = await loadRuleFiles([join(dir, "stories", "s.yml")]);
        expect(story.diagnostics.map((d) => d.code)).toEqual(["SPL5002"]);
        const only = await loadRuleFiles([dir], { extensions: [".spl"] });
        expect(only.rules.map((x) => x.spl)).toEqual(["index=q"]);
    });

    it("does not loop on a symbolic link back up the tree", async () => {
        const loopDir = mkdtempSync(join(tmpdir(), "splc-rules-loop-"));
        try {
            writeFileSync(join(loopDir, "r.spl"), "index=loop\n");
            symlinkSync(loopDir, join(loopDir, "again"), "dir");
            const r = await loadRuleFiles([loopDir]);
            expect(r.rules.map((x) => x.spl)).toEqual(["index=loop"]);
        } finally {
            rmSync(loopDir, { recursive: true, force: true });
        }
    });

    it("reports unreadable paths as SPL5005 and keeps going", async () => {
        const missing = join(dir, "missing.yml");
        const r = await loadRuleFiles([missing, join(dir, "q.spl")]);
        expect(r.rules.map((x) => x.spl)).toEqual(["index=q"]);
        expect(r.diagnostics.map((d) => [d.code, d.file])).toEqual([["SPL5005", missing]]);
        expect(r.files).toBe(2);
    });

    it("merges rules, macros and diagnostics of the fixture directory, each naming its file", async () => {
        const r = await loadRuleFiles([fixturePath(".")]);
        expect(r.rules.length).toBeGreaterThan(10);
        expect(r.macros.map((m) => m.name)).toEqual(expect.arrayContaining(["test_ctime", "test_ctime(1)"]));
        const files = new Set(r.diagnostics.map((d) => d.file.replace(/.*[\\/]/, "")));
        expect([...files].sort()).toEqual(["anvilogic_broken.yml", "anvilogic_kql.yml", "savedsearches.conf"]);
        for (const d of r.diagnostics) expect(r.texts[d.file]).toBeDefined();
    });
});
