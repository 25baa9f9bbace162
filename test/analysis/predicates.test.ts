// Predicate trees, indicators, search terms, time bounds and data sources of small searches.
// Every expectation is worked out by hand from SPL semantics (reference §2, §3, §4).
import { describe, expect, it } from "vitest";
import { parse } from "../../src/index.js";
import { analyze } from "../../src/analysis/analyze.js";
import { indicatorKeys, type Indicator } from "../../src/analysis/indicators.js";
import type { Analysis } from "../../src/analysis/analyze.js";

const an = (text: string, options = {}): Analysis => analyze(parse(text), options);
const brief = (i: Indicator) => ({ field: i.field, op: i.op, values: i.values, normalized: i.normalized, negated: i.negated });

describe("search-language indicators", () => {
    it("NOT negates its operand only; != is its own operator, never folded into NOT", () => {
        const a = an("index=main NOT (user=admin OR user=root) action!=success");
        expect(a.stages[0]?.predicates).toEqual({
            kind: "and",
            operands: [
                { kind: "indicator", index: 0 },
                {
                    kind: "not",
                    operand: {
                        kind: "or",
                        operands: [
                            { kind: "indicator", index: 1 },
                            { kind: "indicator", index: 2 },
                        ],
                    },
                },
                { kind: "indicator", index: 3 },
            ],
        });
        expect(a.indicators.map(brief)).toEqual([
            { field: "index", op: "=", values: ["main"], normalized: ["main"], negated: false },
            { field: "user", op: "=", values: ["admin"], normalized: ["admin"], negated: true },
            { field: "user", op: "=", values: ["root"], normalized: ["root"], negated: true },
            { field: "action", op: "!=", values: ["success"], normalized: ["success"], negated: false },
        ]);
        expect(a.indicators.flatMap(indicatorKeys)).toEqual(["index=main", "NOT user=admin", "NOT user=root", "action!=success"]);
        expect(a.stages[0]?.rendered).toBe("index=main AND NOT (user=admin OR user=root) AND action!=success");
    });

    it("NOT x!=v keeps op != and is negated", () => {
        const a = an("NOT x!=1");
        expect(a.indicators.map(brief)).toEqual([{ field: "x", op: "!=", values: ["1"], normalized: ["1"], negated: true }]);
        expect(indicatorKeys(a.indicators[0] as Indicator)).toEqual(["NOT x!=1"]);
    });

    it("OR binds tighter than AND in search (reference §2.2)", () => {
        const a = an("a=1 AND b=2 OR c=3");
        expect(a.stages[0]?.predicates).toEqual({
            kind: "and",
            operands: [
                { kind: "indicator", index: 0 },
                {
                    kind: "or",
                    operands: [
                        { kind: "indicator", index: 1 },
                        { kind: "indicator", index: 2 },
                    ],
                },
            ],
        });
        expect(a.stages[0]?.rendered).toBe("a=1 AND (b=2 OR c=3)");
    });

    it("search values are lower-cased for counting, except CASE(); wildcards and CIDR stay", () => {
        const a = an('process_name=CMD.EXE host=CASE(WebSrv01) CommandLine="*-Enc *" src=10.0.0.0/8');
        expect(a.indicators.map((i) => [i.field, i.values[0], i.normalized[0], i.caseSensitive, i.modifier])).toEqual([
            ["process_name", "CMD.EXE", "cmd.exe", false, false],
            ["host", "WebSrv01", "WebSrv01", true, true],
            ["CommandLine", "*-Enc *", "*-enc *", false, false],
            ["src", "10.0.0.0/8", "10.0.0.0/8", false, false],
        ]);
        expect(a.stages[0]?.rendered).toBe('process_name=CMD.EXE AND host=CASE(WebSrv01) AND CommandLine="*-Enc *" AND src=10.0.0.0/8');
    });

    it("IN is one indicator; it counts as one field=value key per value", () => {
        const a = an('EventCode IN (4624, "4625", 4624)');
        expect(a.indicators.map(brief)).toEqual([{ field: "EventCode", op: "IN", values: ["4624", "4625", "4624"], normalized: ["4624", "4625", "4624"], negated: false }]);
        expect(indicatorKeys(a.indicators[0] as Indicator)).toEqual(["EventCode=4624", "EventCode=4625"]);
        expect(a.indicators[0]?.keys).toEqual(["EventCode=4624", "EventCode=4625"]);
        expect(a.stages[0]?.rendered).toBe('EventCode IN (4624, "4625", 4624)');
    });

    it("terms, phrases and directives are search terms, not indicators; time modifiers are time bounds", () => {
        const a = an('earliest=-24h@h error NOT "Access Denied" TERM(EventCode=4103) CASE(Mimikatz) index=a');
        expect(a.indicators.map((i) => i.field)).toEqual(["index"]);
        expect(a.searchTerms.map((t) => [t.kind, t.text, t.normalized, t.negated])).toEqual([
            ["term", "error", "error", false],
            ["phrase", "Access Denied", "access denied", true],
            ["TERM", "EventCode=4103", "eventcode=4103", false],
            ["CASE", "Mimikatz", "Mimikatz", false],
        ]);
        expect(a.timeRange.map((t) => [t.name, t.value])).toEqual([["earliest", "-24h@h"]]);
        expect(a.stages[0]?.predicates).toEqual({
            kind: "and",
            operands: [
                { kind: "time", index: 0 },
                { kind: "term", index: 0 },
                { kind: "not", operand: { kind: "term", index: 1 } },
                { kind: "term", index: 2 },
                { kind: "term", index: 3 },
                { kind: "indicator", index: 0 },
            ],
        });
        expect(a.stages[0]?.rendered).toBe('earliest=-24h@h AND error AND NOT "Access Denied" AND TERM(EventCode=4103) AND CASE(Mimikatz) AND index=a');
    });
});

describe("where (eval-language) indicators", () => {
    it("AND tighter than OR tighter than XOR; like/match/cidrmatch/isnull become indicators", () => {
        const a = an('| makeresults | where like(process, "%powershell%") AND match(cmd, "(?i)enc") OR cidrmatch("10.0.0.0/8", src_ip) XOR NOT isnull(user)');
        expect(a.stages[1]?.predicates).toEqual({
            kind: "xor",
            operands: [
                {
                    kind: "or",
                    operands: [
                        {
                            kind: "and",
                            operands: [
                                { kind: "indicator", index: 0 },
                                { kind: "indicator", index: 1 },
                            ],
                        },
                        { kind: "indicator", index: 2 },
                    ],
                },
                { kind: "not", operand: { kind: "indicator", index: 3 } },
            ],
        });
        expect(a.indicators.map(brief)).toEqual([
            { field: "process", op: "LIKE", values: ["%powershell%"], normalized: ["%powershell%"], negated: false },
            { field: "cmd", op: "match", values: ["(?i)enc"], normalized: ["(?i)enc"], negated: false },
            { field: "src_ip", op: "cidrmatch", values: ["10.0.0.0/8"], normalized: ["10.0.0.0/8"], negated: false },
            { field: "user", op: "isnull", values: [], normalized: [], negated: true },
        ]);
        expect(a.indicators.every((i) => i.syntax === "eval" && i.caseSensitive)).toBe(true);
        expect(a.indicators.flatMap(indicatorKeys)).toEqual(["process LIKE %powershell%", "match(cmd, (?i)enc)", "cidrmatch(10.0.0.0/8, src_ip)", "NOT isnull(user)"]);
    });

    it("literal on the left is mirrored; field-to-field and computed values are `other`; lower() folds case", () => {
        const a = an('| makeresults | where 5 < count AND a=b AND len(x) > 5 AND lower(user)="Admin" AND in(status, "a", "B") AND s IN ("c", 1) AND x == -3 AND p LIKE "a%"');
        const tree = a.stages[1]?.predicates as { operands: unknown[] };
        expect(tree.operands[1]).toEqual({ kind: "other", text: "a = b" });
        expect(tree.operands[2]).toEqual({ kind: "other", text: "len(x) > 5" });
        expect(a.indicators.map(brief)).toEqual([
            { field: "count", op: ">", values: ["5"], normalized: ["5"], negated: false },
            { field: "user", op: "=", values: ["Admin"], normalized: ["admin"], negated: false },
            // eval string comparison is case-sensitive: values kept as written.
            { field: "status", op: "IN", values: ["a", "B"], normalized: ["a", "B"], negated: false },
            { field: "s", op: "IN", values: ["c", "1"], normalized: ["c", "1"], negated: false },
            { field: "x", op: "=", values: ["-3"], normalized: ["-3"], negated: false },
            { field: "p", op: "LIKE", values: ["a%"], normalized: ["a%"], negated: false },
        ]);
        expect(a.indicators[1]?.caseSensitive).toBe(false);
    });
});

describe("levels and field sources", () => {
    it("event before the first transforming command, post-aggregation after; computed when an earlier stage wrote the field", () => {
        const a = an("index=a | eval x=lower(y) | search x=foo | stats count by x | search count>5 x=bar");
        expect(a.indicators.map((i) => [i.field, i.stage, i.level, i.fieldSource])).toEqual([
            ["index", 0, "event", "raw"],
            ["x", 2, "event", "computed"],
            ["count", 4, "post-aggregation", "computed"],
            ["x", 4, "post-aggregation", "computed"],
        ]);
        expect(a.stages.map((s) => s.level)).toEqual(["event", "event", "event", "event", "post-aggregation"]);
    });

    it("tstats WHERE is event level; nodename is a data source, not an indicator", () => {
        const a = an("| tstats count from datamodel=Endpoint.Processes where nodename=Processes.x Processes.process_name=cmd.exe by Processes.dest | search count>1");
        expect(a.indicators.map((i) => [i.field, i.command, i.level])).toEqual([
            ["Processes.process_name", "tstats", "event"],
            ["count", "search", "post-aggregation"],
        ]);
        expect(a.stages[0]?.predicates).toEqual({
            kind: "and",
            operands: [
                { kind: "other", text: "nodename=Processes.x" },
                { kind: "indicator", index: 0 },
            ],
        });
        expect(a.dataSources.datamodels.map((d) => [d.datamodel, d.dataset, d.nodename, d.command])).toEqual([["Endpoint", "Processes", "Processes.x", "tstats"]]);
    });
});

describe("subsearches and nested pipelines", () => {
    const text = 'earliest=-24h index=a [search index=b user=x | fields user] | join user [search index=c] | regex process!="^cmd" | `m`';

    it("includes them by default, marked subsearch, with the holding stage's index", () => {
        const a = an(text);
        expect(a.indicators.map((i) => [i.field, i.values[0], i.stage, i.subsearch])).toEqual([
            ["index", "a", 0, false],
            ["index", "b", 0, true],
            ["user", "x", 0, true],
            ["index", "c", 1, true],
            ["process", "^cmd", 2, false],
        ]);
        expect(a.stages.map((s) => s.predicates)).toEqual([
            { kind: "and", operands: [{ kind: "time", index: 0 }, { kind: "indicator", index: 0 }, { kind: "subsearch" }] },
            null,
            { kind: "indicator", index: 4 },
            { kind: "macro", name: "m" },
        ]);
        expect(a.indicators[4]).toMatchObject({ op: "regex", syntax: "regex", negated: true });
        expect(indicatorKeys(a.indicators[4] as Indicator)).toEqual(["NOT regex(process, ^cmd)"]);
        expect(a.dataSources.subsearches).toBe(2);
    });

    it("includeSubsearches: false drops their predicates but keeps their data sources", () => {
        const a = an(text, { includeSubsearches: false });
        expect(a.indicators.map((i) => [i.field, i.values[0]])).toEqual([
            ["index", "a"],
            ["process", "^cmd"],
        ]);
        expect(a.stages[2]?.predicates).toEqual({ kind: "indicator", index: 1 });
        expect(a.dataSources.index.map((s) => [s.value, s.subsearch])).toEqual([
            ["a", false],
            ["b", true],
            ["c", true],
        ]);
        expect(a.stages[0]?.rendered).toBe("earliest=-24h AND index=a AND [...]");
    });

    it("an appendpipe runs over the current results: its where after stats is post-aggregation", () => {
        const a = an("index=a | stats count by user | appendpipe [where count > 5]");
        expect(a.indicators.map((i) => [i.field, i.level, i.subsearch, i.stage])).toEqual([
            ["index", "event", false, 0],
            ["count", "post-aggregation", true, 2],
        ]);
    });
});

describe("data sources", () => {
    it("modifiers with negation; IN lists one entry per value", () => {
        const a = an('index=main NOT sourcetype=foo source IN ("a", b) eventtype!=x host=h*');
        expect(a.dataSources.index.map((s) => [s.value, s.op, s.negated])).toEqual([["main", "=", false]]);
        expect(a.dataSources.sourcetype.map((s) => [s.value, s.op, s.negated])).toEqual([["foo", "=", true]]);
        expect(a.dataSources.source.map((s) => [s.value, s.op])).toEqual([
            ["a", "="],
            ["b", "="],
        ]);
        expect(a.dataSources.eventtype.map((s) => [s.value, s.op])).toEqual([["x", "!="]]);
        expect(a.dataSources.host.map((s) => s.value)).toEqual(["h*"]);
    });

    it("lookups read and written", () => {
        const a = an("| inputlookup a where x=1 | lookup b k OUTPUT v | outputlookup c");
        expect(a.dataSources.lookups.read.map((l) => [l.name, l.command, l.stage])).toEqual([
            ["a", "inputlookup", 0],
            ["b", "lookup", 1],
        ]);
        expect(a.dataSources.lookups.written.map((l) => [l.name, l.command])).toEqual([["c", "outputlookup"]]);
        expect(a.indicators.map((i) => [i.field, i.command])).toEqual([["x", "inputlookup"]]);
    });

    it("datamodel and from commands", () => {
        const dm = (t: string) => an(t).dataSources.datamodels.map((d) => [d.datamodel, d.dataset, d.command]);
        expect(dm("| datamodel Endpoint Processes search")).toEqual([["Endpoint", "Processes", "datamodel"]]);
        expect(dm("| from datamodel:Endpoint.Processes")).toEqual([["Endpoint", "Processes", "from"]]);
        expect(dm("| from datamodel Risk.All_Risk")).toEqual([["Risk", "All_Risk", "from"]]);
        expect(an("| from inputlookup:foo").dataSources.lookups.read.map((l) => l.name)).toEqual(["foo"]);
    });

    it("macros: unexpanded calls and expanded origins both listed", () => {
        const r = parse("`a` `b(1,2)` | `c`", { macros: [{ name: "a", definition: "index=x" }] });
        expect(analyze(r).dataSources.macros).toEqual([
            { name: "b", arity: 2, expanded: false, count: 1 },
            { name: "c", arity: 0, expanded: false, count: 1 },
            { name: "a", arity: 0, expanded: true, count: 1 },
        ]);
    });

    it("fields read and written over the pipeline", () => {
        const a = an("index=a | eval x=y+1 | stats count by x");
        expect(a.fields).toEqual({ read: ["index", "y", "x"], written: ["x", "count"] });
    });
});

describe("robustness", () => {
    it("never throws on broken input and on a result without text", () => {
        for (const t of ["", "|", "| where", "index=a (", "| stats", "a [", "| tstats count from", "`x", 'x="', "| eval a=(", "NOT", "| regex"]) {
            const r = parse(t);
            expect(() => analyze(r)).not.toThrow();
            const { text: _t, ...noText } = r;
            expect(() => analyze(noText as typeof r)).not.toThrow();
        }
    });
});
