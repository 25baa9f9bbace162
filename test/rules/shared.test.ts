// The real rule files of ../shared/examples and the corpus, read in place.
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { parse, Scalar, stringify } from "yaml";
import { createLineIndex } from "../../src/diagnostics/render.js";
import { loadRuleFiles } from "../../src/rules/node.js";
import { loadRuleText } from "../../src/rules/index.js";
import { corpusSearches, describeShared, sharedPath } from "../support/shared.js";
import { mapMismatches } from "./helpers.js";

describeShared("shared example rule files", () => {
    const load = (name: string) => {
        const file = sharedPath("examples", name);
        const text = readFileSync(file, "utf8");
        return { text, file, ...loadRuleText(text, { filename: file }) };
    };

    it("Anvilogic rule: logic with an exact map into the folded single-quoted scalar", () => {
        const r = load("iso_image_mounted-windows-splunk-powershell.yml");
        expect(r.diagnostics).toEqual([]);
        expect(r.rules).toHaveLength(1);
        const rule = r.rules[0]!;
        expect(rule.format).toBe("anvilogic");
        expect(rule.id).toBe("20231.35922");
        expect(rule.name).toBe("ISO Image Mounted - Windows");
        expect(rule.spl).toBe((parse(r.text) as { logic: string }).logic);
        expect(rule.metadata["technique_id"]).toEqual(["T1553.005", "T1204.002"]);
        expect(rule.exact).toBe(true);
        expect(mapMismatches(r.text, rule)).toEqual([]);
        // A token on a continuation line lands on that line of the file.
        const at = rule.toFileOffset(rule.spl.indexOf("| bin span=1s"));
        const p = createLineIndex(r.text).position(at);
        expect(r.text.slice(at, at + 13)).toBe("| bin span=1s");
        expect(p.line).toBe(r.text.slice(0, r.text.indexOf("| bin span=1s")).split("\n").length);
    });

    it("security_content detection: top-level search, not the drilldowns", () => {
        const r = load("windows_multiple_users_failed_to_authenticate_using_kerberos.yml");
        expect(r.diagnostics).toEqual([]);
        expect(r.rules).toHaveLength(1);
        const rule = r.rules[0]!;
        expect(rule.format).toBe("security_content");
        expect(rule.kind).toBe("detection");
        expect(rule.id).toBe("3a91a212-98a9-11eb-b86a-acde48001122");
        expect(rule.spl).toBe((parse(r.text) as { search: string }).search);
        expect(rule.spl.startsWith("`wineventlog_security` EventCode=4771")).toBe(true);
        expect((rule.metadata["tags"] as { mitre_attack_id: string[] }).mitre_attack_id).toEqual(["T1110.003", "T1110"]);
        expect(rule.exact).toBe(true);
        expect(mapMismatches(r.text, rule)).toEqual([]);
    });

    it("security_content macro file: a macro", () => {
        const r = load("wineventlog_security.yml");
        expect(r.rules).toEqual([]);
        expect(r.macros.map((m) => [m.name, m.args ?? [], m.definition.startsWith("eventtype=wineventlog_security")])).toEqual([["wineventlog_security", [], true]]);
    });

    it("loads the examples directory with loadRuleFiles", async () => {
        const r = await loadRuleFiles([sharedPath("examples")]);
        expect(r.files).toBe(3);
        expect(r.rules).toHaveLength(2);
        expect(r.macros).toHaveLength(1);
        expect(r.diagnostics).toEqual([]);
    });
});

describeShared("shared corpus JSONL", () => {
    it("loads every search with an exact map into the JSONL text", async () => {
        const file = sharedPath("corpus", "security_content.jsonl");
        const r = await loadRuleFiles([file]);
        const want = corpusSearches();
        expect(r.diagnostics).toEqual([]);
        expect(r.rules).toHaveLength(want.length);
        const text = r.texts[file]!;
        let bad = 0;
        for (const [i, rule] of r.rules.entries()) {
            expect(rule.spl).toBe(want[i]!.search);
            expect(rule.id).toBe(want[i]!.id);
            if (!rule.exact || mapMismatches(text, rule).length > 0) bad++;
        }
        expect(bad).toBe(0);
    });

    it("round-trips every corpus search through folded YAML of each quoting style with exact maps", () => {
        const searches = corpusSearches();
        let bad = 0;
        let folded = 0;
        const started = performance.now();
        for (const [i, rec] of searches.entries()) {
            const node = new Scalar(rec.search);
            const styles = [Scalar.QUOTE_SINGLE, Scalar.QUOTE_DOUBLE, Scalar.PLAIN, Scalar.BLOCK_FOLDED] as const;
            node.type = styles[i % 4]!;
            // lineWidth 80 makes the stringifier fold long searches over many lines, as editors do.
            const text = stringify({ name: rec.name, id: rec.id, search: node }, { lineWidth: 80 });
            const r = loadRuleText(text, { filename: rec.path });
            const rule = r.rules[0];
            if (!rule || rule.spl !== rec.search || !rule.exact || mapMismatches(text, rule).length > 0) bad++;
            if (text.split("\n").length > 4) folded++;
        }
        const ms = performance.now() - started;
        expect(bad).toBe(0);
        expect(folded).toBeGreaterThan(searches.length / 2);
        // Loose bound, a guard against accidental quadratic work: ~1 MB of SPL in well under 20 s.
        expect(ms).toBeLessThan(20_000);
    });

    it("reads the macros JSONL as macros", async () => {
        const r = await loadRuleFiles([sharedPath("corpus", "security_content_macros.jsonl")]);
        expect(r.rules).toEqual([]);
        expect(r.macros).toHaveLength(189);
        expect(
            r.macros
                .filter((m) => (m.args ?? []).length > 0)
                .map((m) => m.name)
                .sort(),
        ).toEqual(["base64decode", "security_content_ctime"]);
        expect(r.macros[0]!.source).toEqual({ file: sharedPath("corpus", "security_content_macros.jsonl"), line: 1 });
    });
});
