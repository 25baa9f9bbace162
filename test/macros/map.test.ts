import { describe, expect, it } from "vitest";
import { expandMacros, mapDiagnostic, mapSpan, toOriginal, type MacroDefinition } from "../../src/macros/index.js";

const at = (text: string, needle: string, from = 0) => {
    const start = text.indexOf(needle, from);
    if (start < 0) throw new Error(`${needle} not in ${text}`);
    return { start, end: start + needle.length };
};

describe("mapSpan / toOriginal", () => {
    const defs: MacroDefinition[] = [
        { name: "src", definition: "index=a OR sourcetype=b" },
        { name: "outer", definition: "x=1 `inner` y=2" },
        { name: "inner", definition: "deep=1" },
        { name: "ct(1)", args: ["field"], definition: "convert ctime($field$) AS t" },
    ];
    const original = "`src` code=4 | `outer` | `ct(firstTime)` | tail";
    const r = expandMacros(original, defs);

    it("the expansion is what we expect", () => {
        expect(r.text).toBe("index=a OR sourcetype=b code=4 | x=1 deep=1 y=2 | convert ctime(firstTime) AS t | tail");
    });

    it("maps verbatim text 1:1", () => {
        const m = mapSpan(r.map, at(r.text, "code=4"));
        expect(m).toEqual({ span: at(original, "code=4") });
        expect(mapSpan(r.map, at(r.text, "tail"))).toEqual({ span: at(original, "tail") });
    });

    it("maps macro output to the call span, with origin in the definition", () => {
        const m = mapSpan(r.map, at(r.text, "sourcetype=b"));
        expect(m.span).toEqual(at(original, "`src`"));
        expect(m.origin).toEqual({ macro: "src", arity: 0, span: at(defs[0]!.definition, "sourcetype=b") });
    });

    it("maps a span covering verbatim text and macro output to the union, without origin", () => {
        const m = mapSpan(r.map, { start: at(r.text, "sourcetype").start, end: at(r.text, "code=4").end });
        expect(m).toEqual({ span: { start: 0, end: at(original, "code=4").end } });
    });

    it("gives nested output the outermost call span and the innermost macro as origin", () => {
        const m = mapSpan(r.map, at(r.text, "deep=1"));
        expect(m.span).toEqual(at(original, "`outer`"));
        expect(m.origin).toEqual({ macro: "inner", arity: 0, span: { start: 0, end: 6 } });
    });

    it("a span across a nested call's output and its parent's body has the parent as origin", () => {
        const m = mapSpan(r.map, { start: at(r.text, "x=1").start, end: at(r.text, "deep=1").end });
        expect(m.span).toEqual(at(original, "`outer`"));
        // "x=1 `inner`" in the definition of outer.
        expect(m.origin).toEqual({ macro: "outer", arity: 0, span: { start: 0, end: 11 } });
    });

    it("maps substituted argument text onto the $arg$ reference", () => {
        const m = mapSpan(r.map, at(r.text, "firstTime"));
        expect(m.span).toEqual(at(original, "`ct(firstTime)`"));
        expect(m.origin).toEqual({ macro: "ct", arity: 1, span: at(defs[3]!.definition, "$field$") });
        const whole = mapSpan(r.map, at(r.text, "convert ctime(firstTime) AS t"));
        expect(whole.origin).toEqual({ macro: "ct", arity: 1, span: { start: 0, end: defs[3]!.definition.length } });
    });

    it("maps a span over two separate calls to the union of the calls, without origin", () => {
        const m = mapSpan(r.map, { start: at(r.text, "x=1").start, end: at(r.text, "AS t").end });
        expect(m).toEqual({ span: { start: at(original, "`outer`").start, end: at(original, "`ct(firstTime)`").end } });
    });

    it("maps zero-width spans: verbatim positions exactly, macro positions to the call", () => {
        const p = at(r.text, "code").start;
        expect(mapSpan(r.map, { start: p, end: p })).toEqual({ span: { start: 6, end: 6 } });
        // Right after the macro output: the position belongs to the verbatim text that follows.
        const q = at(r.text, " code").start;
        expect(mapSpan(r.map, { start: q, end: q })).toEqual({ span: { start: 5, end: 5 } });
        const inMacro = at(r.text, "OR").start;
        expect(mapSpan(r.map, { start: inMacro, end: inMacro })).toEqual({
            span: at(original, "`src`"),
            origin: { macro: "src", arity: 0, span: { start: 8, end: 8 } },
        });
        const end = r.text.length;
        expect(mapSpan(r.map, { start: end, end })).toEqual({ span: { start: original.length, end: original.length } });
    });

    it("toOriginal gives the offset, the chain and the definition position", () => {
        expect(toOriginal(r.map, at(r.text, "code").start)).toEqual({ offset: 6, chain: [], macro: null });
        const o = toOriginal(r.map, at(r.text, "deep").start + 1);
        expect(o.offset).toBe(at(original, "`outer`").start);
        expect(o.chain).toEqual([
            { macro: "outer", callSpan: at(original, "`outer`") },
            { macro: "inner", callSpan: at(defs[1]!.definition, "`inner`") },
        ]);
        expect(o.macro).toEqual({ name: "inner", definitionSpan: { start: 1, end: 2 } });
        expect(toOriginal(r.map, at(r.text, "firstTime").start + 3).macro).toEqual({ name: "ct(1)", definitionSpan: at(defs[3]!.definition, "$field$") });
    });

    it("clamps out-of-range input", () => {
        expect(mapSpan(r.map, { start: -5, end: 3 }).span.start).toBe(0);
        expect(mapSpan(r.map, { start: 0, end: 10_000 }).span).toEqual({ start: 0, end: original.length });
        expect(toOriginal(r.map, 10_000).offset).toBe(original.length);
    });

    it("segments are sorted, contiguous and cover the expanded text", () => {
        let pos = 0;
        for (const s of r.map.segments) {
            expect(s.start).toBe(pos);
            expect(s.end).toBeGreaterThan(s.start);
            pos = s.end;
        }
        expect(pos).toBe(r.text.length);
        expect(r.map.expandedLength).toBe(r.text.length);
        expect(r.map.originalLength).toBe(original.length);
    });

    it("is the identity without macros, including for empty text", () => {
        const id = expandMacros("a b", []);
        expect(mapSpan(id.map, { start: 2, end: 3 })).toEqual({ span: { start: 2, end: 3 } });
        const empty = expandMacros("", []);
        expect(empty.text).toBe("");
        expect(mapSpan(empty.map, { start: 0, end: 0 })).toEqual({ span: { start: 0, end: 0 } });
        expect(toOriginal(empty.map, 0)).toEqual({ offset: 0, chain: [], macro: null });
    });

    it("maps text after a removed stage correctly", () => {
        const t = "a | `gone` | b";
        const e = expandMacros(t, [], { undefined: "empty" });
        expect(e.text).toBe("a  | b");
        expect(mapSpan(e.map, at(e.text, "b"))).toEqual({ span: at(t, "b") });
        expect(mapSpan(e.map, { start: 0, end: e.text.length })).toEqual({ span: { start: 0, end: t.length } });
    });

    it("maps iseval literal content into the definition", () => {
        const d: MacroDefinition[] = [{ name: "lit", iseval: true, definition: '"sourcetype=x"' }];
        const e = expandMacros("`lit` y", d);
        expect(e.text).toBe("sourcetype=x y");
        expect(mapSpan(e.map, at(e.text, "x"))).toEqual({ span: { start: 0, end: 5 }, origin: { macro: "lit", arity: 0, span: { start: 12, end: 13 } } });
    });
});

describe("mapDiagnostic", () => {
    it("maps a diagnostic of the expanded text onto the original, with origin", () => {
        const original = "`m` | x";
        const r = expandMacros(original, [{ name: "m", definition: "a=1 b=" }]);
        expect(r.text).toBe("a=1 b= | x");
        const d = { code: "SPL1006", severity: "error" as const, message: "expected a value", span: at(r.text, "b="), related: [{ span: at(r.text, "x"), message: "here" }] };
        expect(mapDiagnostic(r.map, d)).toEqual({
            ...d,
            span: { start: 0, end: 3 },
            origin: { macro: "m", arity: 0, span: { start: 4, end: 6 } },
            related: [{ span: at(original, "x"), message: "here" }],
        });
        expect(d.span).toEqual(at(r.text, "b="));
    });
});
