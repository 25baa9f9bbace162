/// <reference lib="dom" />
// The catalog of the example rules and the playground in headless Chromium: no console errors,
// no request outside the output folder, diagnostics at their place in the SPL, indicator counts
// equal to IndicatorIndex, working filters, a live playground, one picture node per stage.
// Screenshots go to artifacts/screenshots/ (see the README).
import { existsSync, mkdirSync } from "node:fs";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { analyze, parse } from "../../src/index.js";
import { describeBrowser, launch, watch } from "../support/browser.js";
import { buildSite, htmlFiles, type BuiltSite } from "../support/catalog-site.js";
import { REPO_DIR, SHARED_DIR } from "../support/shared.js";

const SHOTS = join(REPO_DIR, "artifacts", "screenshots");

/** The text of the SPL block before the first element matching `selector`, without diagnostic references. */
async function offsetOf(page: Page, selector: string): Promise<{ offset: number; text: string; whole: string }> {
    return page.evaluate((sel) => {
        const code = document.querySelector("pre.spl code") as HTMLElement;
        const target = code.querySelector(sel) as HTMLElement;
        let before = "";
        let whole = "";
        let reached = false;
        const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            if ((n.parentElement as HTMLElement).closest("sup.dref")) continue;
            if (!reached && target.contains(n)) reached = true;
            if (!reached) before += n.textContent ?? "";
            whole += n.textContent ?? "";
        }
        return { offset: before.length, text: target.textContent ?? "", whole };
    }, selector);
}

describeBrowser("catalog and playground in Chromium", () => {
    let site: BuiltSite;
    let context: BrowserContext;
    let close: () => Promise<void>;
    const inputs = [join(REPO_DIR, "examples")];
    if (existsSync(join(SHARED_DIR, "examples"))) inputs.push(join(SHARED_DIR, "examples"));

    beforeAll(async () => {
        mkdirSync(SHOTS, { recursive: true });
        site = await buildSite(inputs);
        ({ context, close } = await launch());
    }, 120_000);
    afterAll(async () => {
        await close?.();
    });

    async function open(path: string): Promise<{ page: Page; w: ReturnType<typeof watch> }> {
        const page = await context.newPage();
        const w = watch(page, pathToFileURL(site.out).href);
        await page.goto(site.url(path));
        return { page, w };
    }

    it("the index lists every rule and its filters narrow it", async () => {
        const { page } = await open("index.html");
        // Keyboard first: the first Tab reaches the skip link, the next ones the site links.
        await page.keyboard.press("Tab");
        await expect(page.evaluate(() => document.activeElement?.className)).resolves.toBe("skip");
        const rows = page.locator("#rules tbody tr");
        await expect(rows.count()).resolves.toBe(site.rules.length);
        const visible = () => page.locator("#rules tbody tr:not([hidden])").count();
        await page.selectOption("#f-code", "SPL1002");
        const withError = site.rules.filter((r) => r.analysis.diagnostics.some((d) => d.code === "SPL1002")).length;
        expect(withError).toBeGreaterThan(0);
        await expect(visible()).resolves.toBe(withError);
        await page.click("#f-clear");
        await page.selectOption("#f-technique", "T1110");
        const kerberos = await visible();
        expect(kerberos).toBeGreaterThan(0);
        expect(kerberos).toBeLessThan(site.rules.length);
        await page.click("#f-clear");
        await page.fill("#f-text", "powershell");
        const text = await visible();
        expect(text).toBeGreaterThan(0);
        expect(text).toBeLessThan(site.rules.length);
        await expect(page.locator("#f-count").textContent()).resolves.toBe(`${text} of ${site.rules.length} rules shown`);
        await page.click("#f-clear");
        await page.screenshot({ path: join(SHOTS, "index.png"), fullPage: false });
        // The coverage view counts, per parent technique, the rules that declare it or a sub-technique.
        await page.goto(site.url("attack.html"));
        for (const t of ["T1110", "T1059", "T1078"]) {
            const declared = site.rules.filter((r) => new RegExp(`\\b${t}(\\.\\d{3})?\\b`).test(r.metadata)).length;
            expect(declared, t).toBeGreaterThan(0);
            await expect(page.locator(`#coverage tr[data-technique="${t}"] td.num`).textContent(), t).resolves.toBe(String(declared));
        }
        // And per tactic, the rules whose files name it (a `tactics` list, or `tactic:technique` names).
        const tactics = await page
            .locator("#tactics tbody tr")
            .evaluateAll((els) => els.map((e) => ({ tactic: e.getAttribute("data-tactic") ?? "", count: Number(e.querySelector("td.num")?.textContent) })));
        expect(tactics.length).toBeGreaterThan(0);
        for (const { tactic, count } of tactics) {
            const names = (x: unknown): string[] => (Array.isArray(x) ? x.filter((v): v is string => typeof v === "string") : []);
            const naming = site.rules.filter((r) => {
                const m = JSON.parse(r.metadata) as Record<string, unknown>;
                return [
                    ...names(m.tactics),
                    ...names(m.techniques)
                        .filter((t) => t.includes(":"))
                        .map((t) => t.split(":")[0]),
                ].includes(tactic);
            }).length;
            expect(count, tactic).toBe(naming);
        }
        await page.close();
    });

    // The repository's example with an unclosed parenthesis, and (with ../shared) the seed's
    // ISO rule, whose `(TERM(Mount-DiskImage OR TERM(mdisk))` never closes its first `(`.
    const seedLike = [{ key: "example-0003", name: "Encoded PowerShell Command Line", shot: "rule.png" }];
    if (existsSync(join(SHARED_DIR, "examples"))) seedLike.push({ key: "20231.35922", name: "ISO Image Mounted - Windows", shot: "" });
    for (const seed of seedLike) {
        it(`the seed-like rule ${seed.key}'s page shows its unbalanced parenthesis at the right place`, async () => {
            const rule = site.rules.find((r) => r.key === seed.key);
            expect(rule).toBeDefined();
            const d = rule?.analysis.diagnostics.find((x) => x.code === "SPL1002");
            expect(d).toBeDefined();
            const { page } = await open("index.html");
            await page.click(`#rules a:text-is("${seed.name}")`);
            await page.waitForSelector("pre.spl");
            const at = await offsetOf(page, 'mark.diag[data-code="SPL1002"]');
            // A search with an error is shown as written: offsets are the rule's own.
            expect(at.whole).toBe(rule?.spl);
            expect(at.offset).toBe(d?.span.start);
            expect(at.text).toBe(rule?.spl.slice(d?.span.start, d?.span.end));
            await expect(page.locator('#diagnostics li[data-code="SPL1002"]').textContent()).resolves.toContain(d?.message ?? "?");
            if (seed.shot) await page.screenshot({ path: join(SHOTS, seed.shot), fullPage: false });
            await page.close();
        });
    }

    it("every page loads with no console error and no request outside the output folder; rule pages show IndicatorIndex counts and one picture node per stage", async () => {
        const pages = htmlFiles(site.out);
        expect(pages.length).toBeGreaterThan(site.rules.length);
        const page = await context.newPage();
        const w = watch(page, pathToFileURL(site.out).href);
        let checked = 0;
        for (const p of pages) {
            await page.goto(site.url(p));
            if (p.startsWith("playground")) await page.waitForSelector("#status[data-diagnostics]");
            if (p.startsWith("rules")) {
                const shares = await page.locator("#indicators .share").evaluateAll((els) => els.map((e) => ({ key: e.getAttribute("data-key") ?? "", count: Number(e.getAttribute("data-count")) })));
                for (const s of shares) {
                    expect(s.count, s.key).toBe(site.index.count(s.key));
                    checked++;
                }
                const name = (await page.locator("h1").textContent()) ?? "";
                const nodes = await page.locator("svg.splc-graph g.node").count();
                const stages = await page.locator("table.stages tbody tr").count();
                expect(nodes, name).toBe(stages);
                expect(
                    site.rules.some((r) => r.analysis.stages.length === nodes && r.analysis.indicators.length === shares.length),
                    name,
                ).toBe(true);
            }
            expect({ page: p, errors: w.errors, outside: w.outside }).toEqual({ page: p, errors: [], outside: [] });
        }
        expect(checked).toBeGreaterThan(10);
        await page.close();
    });

    it("the playground updates its diagnostics and picture as you type", async () => {
        const { page, w } = await open("playground/index.html");
        // Typing schedules an update: wait until the page shows the analysis of the whole text.
        const settled = async (): Promise<number> => {
            await page.waitForFunction(() => document.querySelector("#backdrop")?.textContent === `${(document.querySelector("#spl") as HTMLTextAreaElement).value}\n`);
            return Number(await page.locator("#status").getAttribute("data-diagnostics"));
        };
        // The example search has an unclosed parenthesis.
        expect(await settled()).toBeGreaterThan(0);
        await expect(page.locator("#backdrop mark.diag.error").count()).resolves.toBeGreaterThan(0);
        await page.fill("#spl", "");
        await page.locator("#spl").pressSequentially("index=main EventCode=4688 | stats count BY host", { delay: 0 });
        expect(await settled()).toBe(0);
        await expect(page.locator("#backdrop mark.diag").count()).resolves.toBe(0);
        await expect(page.locator("#messages li").count()).resolves.toBe(0);
        await expect(page.locator("#view-analysis svg.splc-graph g.node").count()).resolves.toBe(2);
        await page.locator("#spl").press("End");
        await page.locator("#spl").pressSequentially(" | where (count > 5", { delay: 0 });
        expect(await settled()).toBeGreaterThan(0);
        const mark = page.locator('#backdrop mark.diag[data-code="SPL1002"]');
        await expect(mark.textContent()).resolves.toBe("(");
        await expect(mark.getAttribute("data-start")).resolves.toBe(String("index=main EventCode=4688 | stats count BY host | where ".length));
        await expect(page.locator("#view-analysis svg.splc-graph g.node").count()).resolves.toBe(3);
        // Each message is listed beside the text area, as the analysis of that text gives it.
        const typed = await page.locator("#spl").inputValue();
        const expected = analyze(parse(typed)).diagnostics;
        await expect(page.locator("#messages li").count()).resolves.toBe(expected.length);
        const unbalanced = expected.find((d) => d.code === "SPL1002");
        await expect(page.locator('#messages li[data-code="SPL1002"]').textContent()).resolves.toContain(unbalanced?.message ?? "?");
        await page.fill("#spl", "`windows_security` EventCode=4625 | stats count BY host");
        expect(await settled()).toBe(0);
        await expect(page.locator("#view-analysis").textContent()).resolves.toContain("index=wineventlog");
        await page.fill("#spl", "`windows_security` EventCode=4625 (Logon_Type=3 OR Logon_Type=10\n| stats count BY host");
        expect(await settled()).toBeGreaterThan(0);
        await page.screenshot({ path: join(SHOTS, "playground.png"), fullPage: false });
        // The views are tabs that arrow keys move between.
        await page.focus("#tab-analysis");
        await page.keyboard.press("ArrowRight");
        await expect(page.locator("#view-formatted").isVisible()).resolves.toBe(true);
        await expect(page.locator("#view-analysis").isVisible()).resolves.toBe(false);
        await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe("tab-formatted");
        expect(w.errors).toEqual([]);
        expect(w.outside).toEqual([]);
        await page.close();
    });

    it("writes its screenshots", () => {
        for (const f of ["index.png", "rule.png", "playground.png"]) expect(existsSync(join(SHOTS, f)), relative(REPO_DIR, join(SHOTS, f))).toBe(true);
    });
});
