// Semantic warnings SPL3001-SPL3007, each with a small input; expectations by hand.
import { describe, expect, it } from "vitest";
import { parse, type ParseOptions } from "../../src/index.js";
import { analyze, type AnalyzeOptions } from "../../src/analysis/analyze.js";
import { commandMacroNames, mergeDiagnostics } from "../../src/analysis/warnings.js";

/** [code, severity, text under the span] of the semantic diagnostics (SPL3xxx). */
function warnings(text: string, options: AnalyzeOptions = {}, parseOptions: ParseOptions = {}): [string, string, string][] {
    return analyze(parse(text, parseOptions), options)
        .diagnostics.filter((d) => d.code.startsWith("SPL3"))
        .map((d) => [d.code, d.severity, text.slice(d.span.start, d.span.end)]);
}

describe("SPL3001 TERM() text that cannot be one token", () => {
    it("white space, parentheses, boolean words", () => {
        expect(warnings("index=a TERM(hello world)")).toEqual([["SPL3001", "warning", "TERM(hello world)"]]);
        expect(warnings("index=a TERM(a OR b)")).toEqual([["SPL3001", "warning", "TERM(a OR b)"]]);
        expect(warnings("index=a x=TERM(a b)")).toEqual([["SPL3001", "warning", "x=TERM(a b)"]]);
    });
    it("major breakers other than white space", () => {
        for (const t of ["TERM(<EventID>4104<)", "TERM(a,b)", "TERM(a;b)"]) expect(warnings(`index=a ${t}`)).toEqual([["SPL3001", "warning", t]]);
    });
    it("no claim about CASE() with several words (undocumented)", () => {
        expect(warnings("index=a CASE(a b)")).toEqual([]);
    });
    it("not for proper tokens", () => {
        expect(warnings("TERM(127.0.0.1) TERM(EventCode=4103) CASE(Mimikatz)")).toEqual([]);
    });
});

describe("bin/bucket without a field: one info note, SPL2001, in parse and analyze", () => {
    it("parse and analyze give the same code and severity", () => {
        const text = "index=a | bucket span=1h | stats count";
        const r = parse(text);
        const got = (ds: readonly { code: string; severity: string; span: { start: number; end: number } }[]) => ds.map((d) => [d.code, d.severity, text.slice(d.span.start, d.span.end)]);
        expect(got(r.diagnostics)).toEqual([["SPL2001", "info", "bucket span=1h"]]);
        expect(got(analyze(r).diagnostics)).toEqual([["SPL2001", "info", "bucket span=1h"]]);
    });
    it("not when the field is given", () => {
        expect(warnings("index=a | bin _time span=1h")).toEqual([]);
    });
    it("mergeDiagnostics keeps every diagnostic and sorts by position", () => {
        const d = (code: string, start: number) => ({ code, severity: "warning" as const, message: "", span: { start, end: start + 1 } });
        expect(mergeDiagnostics([d("SPL2001", 5), d("SPL2001", 9), d("SPL1001", 1)], [d("SPL3001", 5), d("SPL3006", 0)]).map((x) => [x.code, x.span.start])).toEqual([
            ["SPL3006", 0],
            ["SPL1001", 1],
            ["SPL2001", 5],
            ["SPL3001", 5],
            ["SPL2001", 9],
        ]);
    });
});

describe("SPL3003 command macro without its '|'", () => {
    it("a *_filter macro or a known command macro inside a search expression", () => {
        expect(warnings("index=a `my_rule_filter`")).toEqual([["SPL3003", "warning", "`my_rule_filter`"]]);
        expect(warnings("index=a | search `my_rule_filter`")).toEqual([["SPL3003", "warning", "`my_rule_filter`"]]);
        expect(warnings("index=a | stats count min(_time) as firstTime by user `security_content_ctime(firstTime)`").filter((w) => w[0] === "SPL3003")).toEqual([]);
        expect(warnings("index=a `security_content_ctime(firstTime)`")).toEqual([["SPL3003", "warning", "`security_content_ctime(firstTime)`"]]);
    });
    it("not as a stage, and not for other macros unless listed", () => {
        expect(warnings("index=a | `my_rule_filter`")).toEqual([]);
        expect(warnings("`sysmon` index=a `other`")).toEqual([]);
        expect(warnings("index=a `other`", { commandMacros: ["other"] })).toEqual([["SPL3003", "warning", "`other`"]]);
    });
    it("after expansion: a definition starting with a command lands inside a search expression", () => {
        const macros = [{ name: "x_exp", definition: "search *" }];
        expect(warnings("index=a `x_exp`", {}, { macros })).toEqual([["SPL3003", "warning", "`x_exp`"]]);
        expect(warnings("index=a | `x_exp`", {}, { macros })).toEqual([]);
    });
    it("commandMacroNames picks definitions that start with a command", () => {
        expect(
            commandMacroNames([
                { name: "a", definition: "search *" },
                { name: "b(1)", definition: "convert ctime($f$)" },
                { name: "c", definition: "sourcetype=x" },
                { name: "d", definition: "| inputlookup t" },
                { name: "e", definition: "(source=a OR source=b)" },
                { name: "f", definition: "search=1" },
            ]),
        ).toEqual(["a", "b", "d"]);
    });
});

describe("SPL3004 field consumed by an aggregation, used under its old name", () => {
    it("stats values(x) AS y, then x", () => {
        expect(warnings("index=a | stats values(x) as y by user | search x=1")).toEqual([["SPL3004", "warning", "x=1"]]);
        expect(warnings("index=a | stats dc(x) by user | where x > 1")).toEqual([["SPL3004", "warning", "x"]]);
    });
    it("not for the BY fields, the output names, or after eventstats", () => {
        expect(warnings("index=a | stats values(x) as y by x | where x=1 AND y=2")).toEqual([]);
        expect(warnings("index=a | eventstats dc(x) as n by user | where x=1")).toEqual([]);
    });
});

describe("SPL3005 != on a field that may be absent", () => {
    it("info on search-language !=; 'x!=*' matches nothing", () => {
        expect(warnings("index=a user!=admin")).toEqual([["SPL3005", "info", "user!=admin"]]);
        const d = analyze(parse("index=a user!=*")).diagnostics[0];
        expect(d?.message).toMatch(/matches nothing/);
    });
    it("not when the stage requires the field, under NOT, for modifiers, or in where", () => {
        expect(warnings("index=a user=* user!=admin")).toEqual([]);
        expect(warnings("index=a NOT user=admin")).toEqual([]);
        expect(warnings("index!=a sourcetype!=b")).toEqual([]);
        // In eval/where, NOT does not keep null fields either: no better spelling to suggest.
        expect(warnings('| makeresults | eval user="x" | where user!="admin"')).toEqual([]);
        // fillnull makes the field exist on every event.
        expect(warnings("index=a | fillnull value=none user | search user!=admin")).toEqual([]);
        expect(warnings("index=a | search user!=admin")).toEqual([["SPL3005", "info", "user!=admin"]]);
    });
});

describe("SPL3006 raw term after a transforming command", () => {
    it("terms, phrases and directives after stats; not before, not `*`", () => {
        expect(warnings('index=a | stats count by user | search admin "a b" TERM(x)')).toEqual([
            ["SPL3006", "warning", "admin"],
            ["SPL3006", "warning", '"a b"'],
            ["SPL3006", "warning", "TERM(x)"],
        ]);
        expect(warnings("index=a | search admin")).toEqual([]);
        expect(warnings("index=a | stats count by user | search *")).toEqual([]);
    });
});

describe("SPL3007 field used after a stage removed it", () => {
    it("table, fields -, stats", () => {
        expect(warnings("index=a | table user | search src=1")).toEqual([["SPL3007", "warning", "src=1"]]);
        expect(warnings("index=a | fields - src | eval x=src+1")).toEqual([["SPL3007", "warning", "src"]]);
        expect(warnings("index=a | stats count by user | table user, src")).toEqual([["SPL3007", "warning", "src"]]);
    });
    it("rename says what the field became", () => {
        const d = analyze(parse("index=a | rename src as s | table src")).diagnostics;
        expect(d.map((x) => x.code)).toEqual(["SPL3007"]);
        expect(d[0]?.message).toMatch(/renamed to 's'/);
    });
    it("silent when the fields are unknown (macro stage), in coalesce()/isnull(), for a bare null, and after makeresults", () => {
        expect(warnings("index=a | table user | `m` | search src=1")).toEqual([]);
        expect(warnings("index=a | table user | eval u=coalesce(src, user), v=if(isnull(dest), 1, null)")).toEqual([]);
        expect(warnings("| makeresults | eval x=y")).toEqual([]);
    });
    it("tstats output: a BY field's short name does not exist without drop_dm_object_name", () => {
        expect(warnings("| tstats count from datamodel=Endpoint.Processes by Processes.dest | table dest")).toEqual([["SPL3007", "warning", "dest"]]);
    });
});

describe("long pipelines and expressions", () => {
    it("a 20,000-term eval chain in a later stage is checked without exhausting the stack", () => {
        const chain = Array.from({ length: 20000 }, (_, i) => `a${i}`).join("+");
        // makeresults never had the a_i (no warning), but the reads of the eval are still checked.
        expect(warnings(`| makeresults | eval y=coalesce(gone, 1)+${chain}`, {}, { maxLength: 1e6, maxTokens: 1e6 })).toEqual([]);
    });
    it("a field removed once and read in many later stages names the stage that removed it", () => {
        const stages = Array.from({ length: 300 }, (_, i) => ` | eval b${i}=x+${i}`).join("");
        const diags = analyze(parse(`index=a | fields - x${stages}`)).diagnostics.filter((d) => d.code === "SPL3007");
        expect(diags.length).toBe(300);
        expect(diags.every((d) => d.message.includes("(stage 1)"))).toBe(true);
    });
});
