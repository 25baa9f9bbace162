import { describe, expect, it } from "vitest";
import { checkFormat, format, formatWithDiagnostics } from "../../src/print/index.js";

describe("format", () => {
    it("puts one stage per line with the pipe leading", () => {
        expect(format("index=a  b |  stats count by host| `x_filter`")).toBe("index=a b\n| stats count BY host\n| `x_filter`");
        expect(format("| tstats count where index=a by host")).toBe("| tstats count WHERE index=a BY host");
    });

    it("wraps long stages at the width, continuation lines indented", () => {
        const text = 'x | eval aaaaaaaa=if(bbbbbbbbbb > 1, "cccccccccccc", "dddddddddddd"), eeeeeeee=ffffffff + gggggggg';
        expect(format(text, { width: 40, indent: "  " })).toBe(
            ["x", "| eval aaaaaaaa=if(", "    bbbbbbbbbb > 1,", '    "cccccccccccc",', '    "dddddddddddd"', "  ),", "  eeeeeeee=ffffffff + gggggggg"].join("\n"),
        );
        const search = "index=main sourcetype=aaaaaaaa (user=bbbbbbbbb OR user=cccccccccc OR user=dddddddddd) NOT action=eeeeeeee";
        const out = format(search, { width: 50 });
        for (const l of out.split("\n")) expect(l.length).toBeLessThanOrEqual(50);
        expect(format(out, { width: 50 })).toBe(out);
    });

    it("keeps comments: before a stage, at the end of a stage's line, after the last stage", () => {
        const text = "```head``` index=a ```tail of a```\n```own line``` | stats count | table x\n```end```";
        const out = format(text);
        expect(out).toBe(["```head```", "index=a ```tail of a```", "```own line```", "| stats count", "| table x", "```end```"].join("\n"));
        expect(format(out)).toBe(out);
    });

    it("keeps comments inside a stage before the element they precede", () => {
        const cases: [string, string][] = [
            ["a ```c``` b", "a ```c``` b"],
            // Between an aggregation and its AS no element starts: that comment goes before the stage.
            ["x | stats ```c``` count, dc(u) ```d``` AS n BY h", "x\n```d```\n| stats ```c``` count, dc(u) AS n BY h"],
            ["x | eval a=1, ```why``` b=2", "x\n| eval a=1, ```why``` b=2"],
            ["x | table a ```c``` b", "x\n| table a, ```c``` b"],
            ["x | join a [search b ```c``` | stats count]", "x\n| join a [search b ```c``` | stats count]"],
            // A comment after a pipe stays after it (a stage's span starts at its command).
            ["x | append [search b | ```c``` stats count]", "x\n| append [search b | ```c``` stats count]"],
            ["x | join a [| ```c``` makeresults]", "x\n| join a [| ```c``` makeresults]"],
            // The author's parentheses around an OR inside an AND stay (see format-parens.test.ts).
            ["(a ```c``` OR b) d", "(a OR ```c``` b) d"],
        ];
        for (const [input, expected] of cases) {
            const out = format(input);
            expect(out).toBe(expected);
            expect(format(out)).toBe(out);
            expect(out.match(/```[^`]*```/g)?.length).toBe(input.match(/```[^`]*```/g)?.length);
        }
    });

    it("moves a comment that no element follows to its own line before its stage", () => {
        const out = format("x | eval a=if(b ```c``` , 1, 2)");
        expect(out).toBe("x\n```c```\n| eval a=if(b, 1, 2)");
        expect(format(out)).toBe(out);
    });

    it("returns text with syntax errors unchanged, with the diagnostics", () => {
        const bad = 'index=a | eval x="unterminated';
        const r = formatWithDiagnostics(bad);
        expect(r.text).toBe(bad);
        expect(r.formatted).toBe(false);
        expect(r.changed).toBe(false);
        expect(r.diagnostics.some((d) => d.severity === "error")).toBe(true);
        expect(format("a | | b")).toBe("a | | b");
    });

    it("checkFormat says whether a text is already formatted", () => {
        expect(checkFormat("a | stats count").ok).toBe(false);
        expect(checkFormat("a | stats count").expected).toBe("a\n| stats count");
        expect(checkFormat("a\n| stats count").ok).toBe(true);
        expect(checkFormat("a | eval").ok).toBe(true);
    });

    it("handles empty input and comment-only input", () => {
        expect(format("")).toBe("");
        expect(format("```just a comment```")).toBe("```just a comment```");
    });
});

describe("format: edges", () => {
    it("keeps one final line break", () => {
        expect(format("a | stats count\n")).toBe("a\n| stats count\n");
        expect(format("  a | stats count  ")).toBe("a\n| stats count");
        expect(format(format("a | stats count\n"))).toBe("a\n| stats count\n");
    });
});
