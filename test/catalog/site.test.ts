// The catalog without a browser: hostile rule text stays text, pages link to each other,
// counts come from IndicatorIndex, and a hook carries relation links.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildCatalog } from "../../src/catalog/index.js";
import { utf8Length } from "../../src/catalog/site.js";
import { analyze, IndicatorIndex, parse } from "../../src/index.js";
import { loadRuleText } from "../../src/rules/index.js";
import { REPO_DIR } from "../support/shared.js";

const hostileText = readFileSync(join(REPO_DIR, "test", "fixtures", "catalog", "hostile.yml"), "utf8");
const hostile = loadRuleText(hostileText, { filename: "hostile.yml" }).rules;

describe("buildCatalog", () => {
    it("escapes rule names, descriptions and SPL on every page", () => {
        const other = { ...hostile[0]!, id: "other", name: "Other", spl: 'index=main user="<script>alert(1)</script>" | stats count' };
        const site = buildCatalog([...hostile, other]);
        for (const [path, html] of site.files) {
            if (!path.endsWith(".html")) continue;
            expect(html, path).not.toMatch(/<script>alert|<img |<\/pre><b>|onerror=alert\(1\)>/);
            // The only script is the index's own.
            expect((html.match(/<script/g) ?? []).length, path).toBe(path === "index.html" ? 1 : 0);
        }
        const page = site.files.get(site.entries[0]!.path) ?? "";
        expect(page).toContain("&lt;script&gt;alert(&quot;name&quot;)&lt;/script&gt; &amp; &quot;quotes&quot;");
    });

    it("shows the counts of IndicatorIndex and pages for shared indicators and data sources", () => {
        const rules = ["index=a EventCode=1 user=x", "index=a EventCode=1", "index=b EventCode=2 user=x"].map((spl, i) => ({ id: `r${i}`, name: `Rule ${i}`, file: `r${i}.spl`, format: "spl", spl, metadata: {} }));
        const site = buildCatalog(rules);
        const index = new IndicatorIndex();
        rules.forEach((r) => index.add(r.id, analyze(parse(r.spl))));
        const shared = index.entries().filter((e) => e.count >= 2).map((e) => e.key).sort();
        const pages = [...site.files.keys()].filter((p) => p.startsWith("indicators/"));
        expect(pages.length).toBe(shared.length);
        for (const e of site.entries) {
            const html = site.files.get(e.path) ?? "";
            for (const m of html.matchAll(/data-key="([^"]*)" data-count="(\d+)"/g)) expect(Number(m[2]), m[1]).toBe(index.count(m[1]!));
        }
        expect([...site.files.keys()].filter((p) => p.startsWith("sources/")).length).toBe(2);
    });

    it("draws relation links given by the hook", () => {
        const rules = ["index=a x=1", "index=a x=1 y=2"].map((spl, i) => ({ id: `r${i}`, name: `Rule ${i}`, file: `r${i}.spl`, format: "spl", spl, metadata: {} }));
        const site = buildCatalog(rules, { relations: (k) => (k === "r1" ? [{ relation: "contained in", ruleKey: "r0" }] : []) });
        const page = site.files.get(site.entries[1]!.path) ?? "";
        expect(page).toContain(`contained in <a href="../${site.entries[0]!.path}">Rule 0</a>`);
        expect(site.files.get(site.entries[0]!.path)).not.toContain("Related rules");
    });

    it("links equivalent, containing and contained rules from the overlap analysis (overlap: true)", () => {
        const spls = ["index=a x=1", "index=a x=1 y=2", "index=a y=2 x=1", "index=b z=3"];
        const rules = spls.map((spl, i) => ({ id: `r${i}`, name: `Rule ${i}`, file: `r${i}.spl`, format: "spl", spl, metadata: {} }));
        const site = buildCatalog(rules, { overlap: true });
        const page = (i: number): string => site.files.get(site.entries[i]!.path) ?? "";
        const link = (i: number): string => `<a href="../${site.entries[i]!.path}">Rule ${i}</a>`;
        expect(page(0)).toContain(`contains ${link(1)}`);
        expect(page(0)).toContain(`contains ${link(2)}`);
        expect(page(1)).toContain(`contained in ${link(0)}`);
        expect(page(1)).toContain(`equivalent to ${link(2)}`);
        expect(page(2)).toContain(`equivalent to ${link(1)}`);
        expect(page(3)).not.toContain("Related rules");
        // Without the option no relation is computed.
        expect(buildCatalog(rules).files.get(site.entries[1]!.path)).not.toContain("Related rules");
    });

    it("hands every file to onFile as it is made, the same files and sizes as the map", () => {
        const rules = [...hostile, ...["index=a EventCode=1 user=x", "index=a EventCode=1 | stats count by host"].map((spl, i) => ({ id: `r${i}`, name: `Rule ${i}`, file: `r${i}.spl`, format: "spl", spl, metadata: {} }))];
        const kept = buildCatalog(rules);
        const streamed = new Map<string, string>();
        const site = buildCatalog(rules, { onFile: (path, text) => streamed.set(path, text) });
        expect(site.files.size).toBe(0);
        expect(site.fileCount).toBe(kept.files.size);
        expect(kept.fileCount).toBe(kept.files.size);
        expect(streamed).toEqual(kept.files);
        expect(site.sizes).toEqual(kept.sizes);
        const bytes = [...kept.files.values()].reduce((n, t) => n + new TextEncoder().encode(t).length, 0);
        expect(kept.sizes.total).toBe(bytes);
    });
});

describe("utf8Length", () => {
    it("counts what the UTF-8 encoder writes: ASCII, 2- and 3-byte characters, surrogate pairs and lone surrogates", () => {
        const samples = ["", "abc", "é", "€ & ✓", "🔒 x", "a\ud800b", "\udc00", "x\ud83d", "<p>Ünïcödé 日本語 🎉🎉</p>"];
        for (const s of samples) expect(utf8Length(s), JSON.stringify(s)).toBe(new TextEncoder().encode(s).length);
    });
});
