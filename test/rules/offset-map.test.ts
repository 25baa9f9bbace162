import { describe, expect, it } from "vitest";
import { parseDocument, stringify, Scalar } from "yaml";
import { loadRuleText } from "../../src/rules/index.js";
import { compressOffsets, lookupOffset, OffsetRunBuilder } from "../../src/rules/offset-map.js";
import { fixture, mapMismatches } from "./helpers.js";
import { rng } from "../support/random.js";

const PIECES = ["index=main", " ", " ", "  ", "\n", "\n\n", "\t", "|", "stats", "count", "'", "''", '"', "\\", "\\n", "é", "😀", "#", ": ", "-", "`macro`", "[", "]", "x", "by host", "  \n  "];

function randomSearch(next: () => number): string {
    let s = "";
    const n = 1 + Math.floor(next() * 30);
    for (let i = 0; i < n; i++) s += PIECES[Math.floor(next() * PIECES.length)];
    return s;
}

const STYLES = [Scalar.PLAIN, Scalar.QUOTE_SINGLE, Scalar.QUOTE_DOUBLE, Scalar.BLOCK_LITERAL, Scalar.BLOCK_FOLDED] as const;

describe("offset maps agree with the yaml package on generated documents", () => {
    it("reproduces the parser's value with an exact map, for every style, folded and nested", () => {
        const next = rng(12345);
        let checked = 0;
        let invalid = 0;
        const styleSeen = new Set<string>();
        for (let n = 0; n < 3000; n++) {
            const search = randomSearch(next);
            if (search.trim() === "") continue;
            const style = STYLES[n % STYLES.length]!;
            const node = new Scalar(search);
            node.type = style;
            const nested = n % 3 === 0;
            const doc = nested ? [{ name: "r", search: node }] : { name: "r", search: node };
            const text = stringify(doc, { lineWidth: 20 + (n % 40), minContentWidth: 5 });
            // The stringifier may pick another style when the requested one cannot hold the value.
            const r = loadRuleText(text, { filename: "gen.yml" });
            const pdoc = parseDocument(text);
            if (pdoc.errors.length > 0) {
                // The stringifier produced invalid YAML (it happens on odd whitespace): the loader
                // must say so rather than return a rule.
                expect(r.rules).toEqual([]);
                expect(r.diagnostics[0]?.code).toBe("SPL5001");
                invalid++;
                continue;
            }
            const parsed = pdoc.toJS() as { search: string } | { search: string }[];
            const want = Array.isArray(parsed) ? parsed[0]!.search : parsed.search;
            // (The stringifier does not always round-trip whitespace-heavy text; what counts here
            // is agreement with the parser, which defines the rule's value.)
            if (want.trim() === "") continue;
            expect(r.diagnostics, text).toEqual([]);
            const rule = r.rules[0]!;
            expect(rule.spl, text).toBe(want);
            expect(rule.exact, text).toBe(true);
            expect(mapMismatches(text, rule), text).toEqual([]);
            const root = pdoc.contents as unknown as { items: unknown[] };
            const holder = (nested ? root.items[0] : pdoc.contents) as { get(k: string, keep: true): Scalar };
            styleSeen.add(String(holder.get("search", true).type));
            checked++;
        }
        expect(checked).toBeGreaterThan(2500);
        expect(invalid).toBeLessThan(100);
        expect(styleSeen.size).toBe(5);
    });

    it("is exact for files with CRLF line breaks", () => {
        for (const name of ["sc_detection.yml", "sc_baseline.yml", "anvilogic_splunk.yml", "styles.yml"]) {
            const text = fixture(name).replace(/\n/g, "\r\n");
            const r = loadRuleText(text, { filename: name });
            expect(r.diagnostics, name).toEqual([]);
            expect(r.rules.length, name).toBeGreaterThan(0);
            for (const rule of r.rules) {
                expect(rule.exact, `${name} ${rule.name}`).toBe(true);
                expect(mapMismatches(text, rule), `${name} ${rule.name}`).toEqual([]);
            }
        }
    });

    it("keeps file offsets past a byte-order mark", () => {
        const text = "\ufeffname: x\nsearch: index=a\n";
        const rule = loadRuleText(text, { filename: "bom.yml" }).rules[0]!;
        expect(rule.spl).toBe("index=a");
        expect(rule.toFileOffset(0)).toBe(text.indexOf("index=a"));
    });
});

describe("the segment table", () => {
    it("compresses runs and reads them back", () => {
        const offsets = [10, 11, 12, 20, 20, 21, 30];
        const map = compressOffsets(offsets);
        expect(map).toEqual([0, 10, 3, 20, 4, 20, 6, 30]);
        for (let i = 0; i < offsets.length; i++) expect(lookupOffset(map, i, offsets.length - 1)).toBe(offsets[i]);
    });

    it("clamps offsets outside the SPL", () => {
        const rule = loadRuleText("search: index=a\n", { filename: "x.yml" }).rules[0]!;
        expect(rule.toFileOffset(-5)).toBe(8);
        expect(rule.toFileOffset(1000)).toBe(15);
        expect(rule.toFileOffset(2.7)).toBe(10);
    });
});

describe("OffsetRunBuilder", () => {
    it("builds the same segment table as compressOffsets of the per-unit offsets", () => {
        const next = rng(4242);
        for (let trial = 0; trial < 500; trial++) {
            const builder = new OffsetRunBuilder();
            const perUnit: number[] = [];
            let file = Math.floor(next() * 5);
            for (let piece = Math.floor(next() * 12); piece > 0; piece--) {
                const count = Math.floor(next() * 4);
                const step = next() < 0.6 ? 1 : 0;
                builder.add(file, count, step);
                for (let k = 0; k < count; k++) perUnit.push(file + k * step);
                // The next piece starts right after this one, or after a gap (an escape's tail).
                file += (step === 1 ? count : 1) + (next() < 0.5 ? 0 : Math.floor(next() * 3));
            }
            expect(builder.finish(file)).toEqual(compressOffsets([...perUnit, file]));
        }
    });
});
