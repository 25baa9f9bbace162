// Deep and wide trees: the walkers and the printer must stay linear and within the stack.
import { describe, expect, it } from "vitest";
import { parse } from "../../src/index.js";
import { format, print, sameTree } from "../../src/print/index.js";
import { transform, visit } from "../../src/visit/index.js";

describe("deep and wide trees", () => {
    const chain = "x | eval y=" + Array.from({ length: 5000 }, (_, i) => `a${i}`).join(" + ");
    const wide = Array.from({ length: 5000 }, (_, i) => `t${i}`).join(" ");

    it("handles a 5,000-term eval chain (a left-deep tree) in every walker", () => {
        const p = parse(chain).pipeline;
        let n = 0;
        expect(visit(p, { Field: () => void n++ })).toBe(true);
        expect(n).toBe(5000);
        const t = transform(p, { Field: (f) => ({ ...f, name: f.name.toUpperCase() }) });
        expect(print(t)).toContain("A0 + A1 + A2");
        expect(sameTree(parse(print(p)).pipeline, p)).toBe(true);
        const f = format(chain);
        expect(f.split("\n").length).toBeGreaterThan(10);
        expect(format(f)).toBe(f);
    });

    it("handles a search of 5,000 terms", () => {
        const p = parse(wide).pipeline;
        const started = Date.now();
        expect(print(p)).toBe(wide);
        const f = format(wide, { width: 80 });
        for (const l of f.split("\n")) expect(l.length).toBeLessThanOrEqual(80);
        expect(Date.now() - started).toBeLessThan(5000);
    });
});
