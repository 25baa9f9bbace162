// The build-time transforms of the bundled antlr4ng runtime (scripts/runtime-transforms.ts):
// objects built from the lowered classes must have the same own properties, values and order.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { lazyMergeCache, lazyXPathDfa, lowerClassFields, unwrapFunctionNames } from "../../scripts/runtime-transforms.js";

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

    it("lowers only the classes named in `only` when given", () => {
        const report = lowerClassFields(SAMPLE, "sample.js", new Set(["Derived"]));
        expect(report.lowered).toEqual(["Derived"]);
        expect(report.code).toContain("this.c = this.a + 10;");
        expect(report.code).toContain("class Plain { g = counter; }");
        expect(run(report.code)).toEqual(run(SAMPLE));
    });

    it("lowers the runtime's ParserRuleContext (the class the speed-up is for)", () => {
        const require = createRequire(import.meta.url);
        const runtime = readFileSync(require.resolve("antlr4ng").replace(/index\.cjs$/, "index.mjs"), "utf8");
        const report = lowerClassFields(runtime);
        expect(report.lowered).toContain("ParserRuleContext");
        expect(report.code).toMatch(/constructor\(parent, invokingStateNumber = -1\) \{\s*this\.start = null;/);
    });
});

describe("unwrapFunctionNames", () => {
    const NAMED = `
var __defProp = Object.defineProperty;
var __name = (target, value) => __defProp(target, "name", { value, configurable: true });
class K { static { __name(this, "K"); } constructor() { this.f = /* @__PURE__ */ __name((x) => x + __name(function (y) { return y * 2; }, "inner")(x), "f"); } }
const g = __name((a, b) => a - b, "g");
return [new K().f(3), g(5, 2), K.name, Object.getOwnPropertyNames(new K().f).includes("name"), new K().f.name];
`;

    it("drops the naming of function and arrow expressions, nested ones too, and keeps class naming and behaviour", () => {
        const out = unwrapFunctionNames(NAMED);
        expect(out.unwrapped).toBe(3);
        expect(out.code).toContain('static { __name(this, "K"); }');
        expect(out.code).not.toMatch(/__name\((\(|function)/);
        const [before, after] = [run(NAMED), run(out.code)] as unknown[][];
        expect(after?.slice(0, 3)).toEqual(before?.slice(0, 3));
        expect(before?.[4]).toBe("f");
        expect(after?.[4]).toBe("");
    });
});

describe("lazyMergeCache", () => {
    const runtime = (): string => {
        const require = createRequire(import.meta.url);
        return readFileSync(require.resolve("antlr4ng").replace(/index\.cjs$/, "index.mjs"), "utf8");
    };
    // The runtime's DoubleDict class, cut out of a (patched or unpatched) runtime, with HashMap
    // replaced by the built-in Map (same get/set contract for these keys).
    const doubleDict = (code: string): new () => { get(a: unknown, b: unknown): unknown; set(a: unknown, b: unknown, o: unknown): void } => {
        const start = code.indexOf("var DoubleDict = class {");
        const end = code.indexOf("\n};\n", start) + 3;
        return new Function("HashMap", "__name", `${code.slice(start, end)}\nreturn DoubleDict;`)(Map, () => undefined);
    };

    it("makes the map on first write, and the dictionary answers as before", () => {
        const code = runtime();
        const patched = lazyMergeCache(code);
        expect(patched).toContain("this.cacheMap ??= new HashMap();");
        const results = [code, patched].map((c) => {
            const D = doubleDict(c);
            const d = new D();
            const before = [d.get("a", "b")];
            d.set("a", "b", 1);
            d.set("a", "c", 2);
            return [...before, d.get("a", "b"), d.get("a", "c"), d.get("x", "b"), d.get("a", "z")];
        });
        expect(results[1]).toEqual(results[0]);
        expect(new (doubleDict(patched))()).toMatchObject({ cacheMap: null });
    });

    it("refuses a runtime whose DoubleDict is not the expected one", () => {
        expect(() => lazyMergeCache("var DoubleDict = class {};")).toThrow(/DoubleDict/);
    });
});

describe("lazyXPathDfa", () => {
    const require = createRequire(import.meta.url);
    const runtimeFile = require.resolve("antlr4ng").replace(/index\.cjs$/, "index.mjs");
    // The runtime has no imports, so a patched copy loads from a data: URL as it is.
    const load = (code: string): Promise<typeof import("antlr4ng")> => import(`data:text/javascript;base64,${Buffer.from(code).toString("base64")}`);
    const tokens = (m: typeof import("antlr4ng")): string[] => {
        const lexer = new m.XPathLexer(m.CharStream.fromString("//expr/'x'/*[0]"));
        return lexer.getAllTokens().map((t) => `${t.type}:${t.text ?? ""}`);
    };

    it("lexes XPath as before and makes the DFA list once, on first use", async () => {
        const code = readFileSync(runtimeFile, "utf8");
        const patched = lazyXPathDfa(code);
        expect(patched).toContain("static get decisionsToDFA()");
        const [before, after] = await Promise.all([load(code), load(patched)]);
        expect(tokens(after)).toEqual(tokens(before));
        expect(tokens(after).length).toBeGreaterThan(4);
        // A private static in the runtime's types, public in its JavaScript.
        const dfas = (m: typeof import("antlr4ng")): unknown[] => (m.XPathLexer as unknown as { decisionsToDFA: unknown[] }).decisionsToDFA;
        expect(dfas(after)).toBe(dfas(after));
        expect(dfas(after)).toHaveLength(dfas(before).length);
    });

    it("refuses a runtime whose XPathLexer is not the expected one", () => {
        expect(() => lazyXPathDfa("var XPathLexer = class {};")).toThrow(/XPathLexer/);
    });
});
