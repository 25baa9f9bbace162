// Headless Chromium for the browser tests: Debian's `chromium` driven by playwright-core (no
// browser download). Without a browser the suites skip with the reason in their name, except in
// CI (CI=true), where a missing browser is a failure.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { describe, it } from "vitest";

const CANDIDATES = [process.env.SPLC_CHROMIUM, "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].filter((x): x is string => typeof x === "string" && x.length > 0);

/** The Chromium executable, or null. */
export const CHROMIUM = CANDIDATES.find((p) => existsSync(p)) ?? null;

/** Flags that keep the browser off the network and quiet. */
const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/** `describe` that needs Chromium (see the file comment). */
export function describeBrowser(name: string, fn: () => void): void {
    if (CHROMIUM) {
        describe(name, fn);
        return;
    }
    if (process.env.CI === "true") {
        describe(name, () => {
            it("finds Chromium (CI installs it with apt-get install chromium)", () => {
                throw new Error("no Chromium found at /usr/bin/chromium (set SPLC_CHROMIUM)");
            });
        });
        return;
    }
    describe.skip(`${name} [skipped: no Chromium found; apt-get install chromium or set SPLC_CHROMIUM]`, () => {
        it.skip("runs in Chromium", () => undefined);
    });
}

/** A browser with a fresh profile; `close()` removes the profile. */
export async function launch(): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
    const profile = mkdtempSync(join(tmpdir(), "splc-chromium-"));
    const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM as string, headless: true, args: ARGS });
    return {
        context,
        close: async () => {
            await context.close();
            rmSync(profile, { recursive: true, force: true });
        },
    };
}

/** What a page did that the tests forbid: console errors, page errors, requests outside `allowedPrefix`. */
export interface PageWatch {
    errors: string[];
    outside: string[];
}

/** Records console errors, uncaught exceptions and requests that leave `allowedPrefix`. */
export function watch(page: Page, allowedPrefix: string): PageWatch {
    const w: PageWatch = { errors: [], outside: [] };
    page.on("console", (m) => {
        if (m.type() === "error") w.errors.push(m.text());
    });
    page.on("pageerror", (e) => w.errors.push(String(e)));
    page.on("request", (r) => {
        const url = r.url();
        if (!url.startsWith(allowedPrefix) && !url.startsWith("data:")) w.outside.push(url);
    });
    return w;
}
