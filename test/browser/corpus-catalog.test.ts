/// <reference lib="dom" />
// Acceptance: the catalog of the 1,824 corpus searches, written out as security_content rule
// files (a fixture step in a temp folder), builds and its pages pass the browser checks on a
// deterministic sample of rule pages plus the index, the coverage and the playground.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { stringify } from "yaml";
import type { BrowserContext } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { CHROMIUM, describeBrowser, launch, watch } from "../support/browser.js";
import { buildSite, htmlFiles, type BuiltSite } from "../support/catalog-site.js";
import { corpusSearches, HAVE_SHARED, sharedPath } from "../support/shared.js";

interface CorpusRecord {
    id: string;
    name: string;
    kind: string;
    type: string;
    search: string;
    data_source: string[];
    mitre: string[];
}

const describeCorpus = HAVE_SHARED
    ? describeBrowser
    : (name: string, fn: () => void) => describeBrowser(`${name} [skipped: ../shared is absent]`, () => (CHROMIUM ? it.skip("needs ../shared", () => undefined) : fn()));

describeCorpus("catalog of the 1,824 corpus searches in Chromium", () => {
    let site: BuiltSite;
    let context: BrowserContext;
    let close: () => Promise<void>;
    let records: CorpusRecord[];

    beforeAll(async () => {
        records = corpusSearches() as unknown as CorpusRecord[];
        const dir = mkdtempSync(join(tmpdir(), "splc-corpus-rules-"));
        for (const r of records) {
            const folder = join(dir, r.kind);
            mkdirSync(folder, { recursive: true });
            const doc = { name: r.name, id: r.id, type: r.type, data_source: r.data_source, search: r.search, tags: { mitre_attack_id: r.mitre } };
            writeFileSync(join(folder, `${r.id}.yml`), stringify(doc));
        }
        site = await buildSite([dir], ["--macros", sharedPath("corpus", "security_content_macros.jsonl"), "--title", "security_content"]);
        ({ context, close } = await launch());
    }, 240_000);
    afterAll(async () => {
        await close?.();
    });

    it("builds a page for every rule and reports its size budget", () => {
        expect(site.rules.length).toBe(records.length);
        const pages = htmlFiles(site.out);
        expect(pages.filter((p) => p.startsWith("rules")).length).toBe(records.length);
        expect(site.stdout).toMatch(/wrote \d+ files for 1824 rules/);
        process.stdout.write(`corpus catalog: ${site.stdout}`);
    });

    it("its index, coverage, playground and a sample of rule pages pass the browser checks", async () => {
        const page = await context.newPage();
        const w = watch(page, pathToFileURL(site.out).href);
        await page.goto(site.url("index.html"));
        await expect(page.locator("#rules tbody tr").count()).resolves.toBe(records.length);
        await page.selectOption("#f-technique", "T1059");
        const t1059 = await page.locator("#rules tbody tr:not([hidden])").count();
        expect(t1059).toBe(records.filter((r) => r.mitre.some((m) => m === "T1059" || m.startsWith("T1059."))).length);
        await page.goto(site.url("attack.html"));
        expect(await page.locator("#coverage tbody tr").count()).toBeGreaterThan(100);
        await page.goto(site.url("playground/index.html"));
        await page.waitForSelector("#status[data-diagnostics]");
        const rulePages = htmlFiles(site.out)
            .filter((p) => p.startsWith("rules"))
            .sort();
        const sample = rulePages.filter((_, i) => i % 300 === 0);
        let checked = 0;
        for (const p of sample) {
            await page.goto(site.url(p));
            const shares = await page.locator("#indicators .share").evaluateAll((els) => els.map((e) => ({ key: e.getAttribute("data-key") ?? "", count: Number(e.getAttribute("data-count")) })));
            for (const s of shares) {
                expect(s.count, `${p} ${s.key}`).toBe(site.index.count(s.key));
                checked++;
            }
            expect(await page.locator("svg.splc-graph g.node").count(), p).toBe(await page.locator("table.stages tbody tr").count());
        }
        expect(checked).toBeGreaterThan(5);
        expect(w.errors).toEqual([]);
        expect(w.outside).toEqual([]);
        await page.close();
    });
});
