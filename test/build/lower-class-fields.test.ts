// The build-time transform of the bundled antlr4ng runtime (scripts/lower-class-fields.ts):
// objects built from the lowered classes must have the same own properties, values and order.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { lowerClassFields } from "../../scripts/lower-class-fields.js";

const SAMPLE = `
let counter = 0;
class Base {
  a = 1;
  b;
  list = [counter++];
  #secret = 5;
  constructor(x = 2) { this.b = x; }
  get secretValue() { return this.#secret; }
}
class Derived extends Base {
  c = this.a + 10;
  d = "d";
  constructor(y) { super(y); this.e = y; }
}
class NoCtor extends Derived { f = this.c * 2; }
class Plain { g = counter; }
class Shadow extends Base { constructor(counter) { super(); } h = counter; }
class WithSetter { x = 1; set x(v) { this.y = v; } }
class Reader { #p = this.q; q = 1; }
const out = [new Base(7), new Derived(3), new NoCtor(4), new Plain(), new Shadow(9), new WithSetter(), new Reader()];
return out.map((o) => Object.entries(o));
`;

const run = (code: string): unknown => new Function(code)();

describe("lowerClassFields", () => {
    it("moves public fields into constructors and keeps every object's own properties", () => {
        const report = lowerClassFields(SAMPLE);
        expect(report.code).not.toBe(SAMPLE);
        expect(report.code).toContain("this.c = this.a + 10;");
        expect(run(report.code)).toEqual(run(SAMPLE));
        expect(report.lowered.sort()).toEqual(["Base", "Derived", "NoCtor", "Plain"]);
        expect(report.skipped.map((s) => s.name).sort()).toEqual(["Reader", "Shadow", "WithSetter"]);
    });

    it("lowers the runtime's ParserRuleContext (the class the speed-up is for)", () => {
        const require = createRequire(import.meta.url);
        const runtime = readFileSync(require.resolve("antlr4ng").replace(/index\.cjs$/, "index.mjs"), "utf8");
        const report = lowerClassFields(runtime);
        expect(report.lowered).toContain("ParserRuleContext");
        expect(report.code).toMatch(/constructor\(parent, invokingStateNumber = -1\) \{\s*this\.start = null;/);
    });
});
