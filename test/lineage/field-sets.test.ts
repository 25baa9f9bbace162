// Field lineage of single commands: command types chosen by arguments, reads/writes, and the
// field sets after each stage. Expected values are stated from SPL semantics (reference §4, §5).
import { describe, expect, it } from "vitest";
import { parse } from "../../src/index.js";
import { commandType, fieldsAfter, fieldStatus, firstTransformingStage, isAggregating, isTransforming, lineage, stageFields } from "../../src/analysis/lineage.js";

const p = (text: string) => parse(text).pipeline;
const types = (text: string) => lineage(p(text)).map((s) => s.type);
const after = (text: string, i = Number.MAX_SAFE_INTEGER) => fieldsAfter(p(text), i);

describe("command types", () => {
    it("search is generating first, streaming later", () => {
        expect(types("search a | search b")).toEqual(["generating", "streaming"]);
    });
    it("bin: streaming with span, dataset without", () => {
        expect(types("| makeresults | bin x | bin x span=1h")).toEqual(["generating", "dataset", "streaming"]);
    });
    it("fillnull: dataset without a field list", () => {
        expect(types("| makeresults | fillnull | fillnull a")).toEqual(["generating", "dataset", "streaming"]);
    });
    it("dedup: dataset with sortby or keepevents", () => {
        expect(types("| makeresults | dedup a | dedup a sortby -b | dedup a keepevents=true")).toEqual(["generating", "streaming", "dataset", "dataset"]);
    });
    it("lookup local=true is orchestrating", () => {
        expect(types("| makeresults | lookup local=true t a | lookup t a")).toEqual(["generating", "orchestrating", "streaming"]);
    });
    it("join: centralized streaming with a field list", () => {
        expect(types("| makeresults | join [search a] | join a [search a]")).toEqual(["generating", "dataset", "centralized-streaming"]);
    });
    it("addtotals col=true is transforming (a typed command since IR v2)", () => {
        expect(types("| makeresults | addtotals col=true | addtotals")).toEqual(["generating", "transforming", "streaming"]);
    });
    it("inputlookup append=t later in a pipeline does not generate", () => {
        expect(types("| inputlookup x | inputlookup append=t y")).toEqual(["generating", "dataset"]);
    });
    it("eventstats/streamstats keep rows; table and top transform", () => {
        const pipeline = p("| makeresults | eventstats count | streamstats count | table a | top a | append [search x]");
        expect(lineage(pipeline).map((s) => [s.type, s.transforming])).toEqual([
            ["generating", false],
            ["dataset", false],
            ["centralized-streaming", false],
            ["transforming", true],
            ["transforming", true],
            ["dataset", false],
        ]);
        expect(pipeline.commands.map(isAggregating)).toEqual([false, false, false, false, true, false]);
        expect(firstTransformingStage(pipeline)).toBe(3);
    });
    it("unknown commands and macro stages have no type", () => {
        expect(types("| makeresults | dnstwist domain | `m`")).toEqual(["generating", null, null]);
        expect(firstTransformingStage(p("index=a | `m` | eval x=1"))).toBe(-1);
    });
    it("datamodel/from generate first", () => {
        const c = p("| from datamodel Web.Web").commands[0];
        expect(c && commandType(c, 0)).toBe("generating");
        expect(c && isTransforming(c)).toBe(false);
    });
});

describe("reads and writes", () => {
    it("where reads Field nodes, quoted names included", () => {
        expect(lineage(p("| makeresults | where 'my field' > 1 AND len(x) > 2"))[1]).toMatchObject({ reads: ["my field", "x"], writes: [] });
    });
    it("eval reads its expressions and writes its targets", () => {
        expect(lineage(p('| makeresults | eval a=lower(b), c=if(a="x", d, "e")'))[1]).toMatchObject({ reads: ["b", "a", "d"], writes: ["a", "c"] });
    });
    it("rex reads its input field and writes its named groups; sed rewrites the field", () => {
        const l = lineage(p('| makeresults | rex field=url "(?<host>[^/]+)/(?P<path>.*)" | rex field=user mode=sed "s/@.*//"'));
        expect(l[1]).toMatchObject({ reads: ["url"], writes: ["host", "path"] });
        expect(l[2]).toMatchObject({ reads: ["user"], writes: ["user"] });
    });
    it("lookup reads the event-side inputs and writes the event-side outputs", () => {
        expect(lineage(p("| makeresults | lookup t a AS b OUTPUT c AS d, e"))[1]).toMatchObject({ reads: ["b"], writes: ["d", "e"] });
        expect(lineage(p("| makeresults | lookup t a"))[1]).toMatchObject({ reads: ["a"], writes: ["*"] });
    });
    it("convert writes in place unless AS; bin AS writes the new name", () => {
        const l = lineage(p("| makeresults | convert ctime(a) dur2sec(b) AS c | bin _time span=1h AS hour"));
        expect(l[1]).toMatchObject({ reads: ["a", "b"], writes: ["a", "c"] });
        expect(l[2]).toMatchObject({ reads: ["_time"], writes: ["hour"] });
    });
    it("stageFields works on a single command", () => {
        const c = p("| makeresults | rename a AS b, c* AS d*").commands[1];
        expect(c && stageFields(c, 1)).toMatchObject({ index: 1, kind: "RenameCommand", command: "rename", reads: ["a", "c*"], writes: ["b", "d*"], type: "streaming" });
    });
    it("foreach writes what its template's eval writes, per field pattern", () => {
        expect(lineage(p("| makeresults | foreach stdev_* [eval z_<<MATCHSTR>> = 1]"))[1]).toMatchObject({ reads: ["stdev_*"], writes: ["z_*"] });
    });
});

describe("field sets", () => {
    it("eval, rex, rename (in place) and fields - on an exact set", () => {
        const text = '| makeresults | eval a=1, b=a+1 | rex field=a "(?<c>\\d)" | rename b AS d | fields - c';
        expect(after(text, 0)).toEqual({ exact: true, fields: ["_time"], patterns: [], removed: [] });
        expect(after(text, 2)).toEqual({ exact: true, fields: ["_time", "a", "b", "c"], patterns: [], removed: [] });
        expect(after(text, 3)).toEqual({ exact: true, fields: ["_time", "a", "d", "c"], patterns: [], removed: ["b"] });
        const last = after(text);
        expect(last).toEqual({ exact: true, fields: ["_time", "a", "d"], patterns: [], removed: ["b", "c"] });
        expect(fieldStatus(last, "b")).toBe("absent");
        expect(fieldStatus(last, "d")).toBe("present");
        expect(fieldStatus(last, "zzz")).toBe("absent");
    });
    it("on an inexact set, removed names stay known", () => {
        const s = after("index=x | fields - _raw | rename a AS b");
        expect(s).toEqual({ exact: false, fields: ["b"], patterns: [], removed: ["_raw", "a"] });
        expect(fieldStatus(s, "zzz")).toBe("possible");
        expect(fieldStatus(s, "_raw")).toBe("absent");
    });
    it("fields keeps internal _* fields; table does not", () => {
        expect(after("index=x | fields a, b")).toEqual({ exact: true, fields: ["a", "b"], patterns: ["_*"], removed: [] });
        expect(after("| makeresults | eval a=1, c=2 | fields a")).toEqual({ exact: true, fields: ["a", "_time"], patterns: [], removed: [] });
        expect(after("| makeresults | table _time, nope")).toEqual({ exact: true, fields: ["_time"], patterns: [], removed: [] });
        expect(after("index=x | table a, b*")).toEqual({ exact: true, fields: ["a"], patterns: ["b*"], removed: [] });
    });
    it("lookup OUTPUT adds; lookup without OUTPUT makes the set inexact", () => {
        expect(after("index=x | lookup t a AS b OUTPUT c AS d, e")).toEqual({ exact: false, fields: ["d", "e"], patterns: [], removed: [] });
        expect(after("| makeresults | lookup t _time")).toEqual({ exact: false, fields: ["_time"], patterns: [], removed: [] });
    });
    it("spath with output adds one field; without a path anything may appear", () => {
        const text = "| makeresults | spath output=u path=a.b | spath input=u";
        expect(after(text, 1)).toEqual({ exact: true, fields: ["_time", "u"], patterns: [], removed: [] });
        expect(after(text, 2).exact).toBe(false);
    });
    it("iplocation adds location fields with the prefix", () => {
        expect(after("| makeresults | iplocation prefix=src_ ip").fields).toEqual(["_time", "src_City", "src_Country", "src_Region", "src_lat", "src_lon"]);
        expect(after("| makeresults | iplocation allfields=true ip").fields).toEqual(["_time", "City", "Country", "Region", "lat", "lon", "Continent", "MetroCode", "Timezone"]);
    });
    it("eventstats and streamstats add aggregates and keep the rows' fields", () => {
        expect(after("| makeresults | eval a=1 | eventstats count as n by a | streamstats count")).toEqual({ exact: true, fields: ["_time", "a", "n", "count"], patterns: [], removed: [] });
    });
    it("top/rare: BY fields, fields, count and percent", () => {
        expect(after("index=x | top limit=5 src by dest")).toEqual({ exact: true, fields: ["dest", "src", "count", "percent"], patterns: [], removed: [] });
        expect(after("index=x | rare src countfield=c showperc=false").fields).toEqual(["src", "c"]);
    });
    it("wildcard aggregations map over the input fields", () => {
        expect(after("| makeresults | eval tcp.a=1, tcp.b=2, udp.a=3 | stats avg(tcp.*) as avg_tcp.* count").fields).toEqual(["avg_tcp.a", "avg_tcp.b", "count"]);
        expect(after("| makeresults | eval a=1 | stats values(*)").fields).toEqual(["values(_time)", "values(a)"]);
        expect(after("index=x | stats values(*) by host")).toEqual({ exact: true, fields: ["host"], patterns: ["values(*)"], removed: [] });
    });
    it("chart and timechart with a split-by field have one column per value", () => {
        expect(after("index=x | timechart span=1h count by host")).toEqual({ exact: false, fields: ["_time"], patterns: [], removed: [] });
        expect(after("index=x | timechart count")).toEqual({ exact: true, fields: ["_time", "count"], patterns: [], removed: [] });
        expect(after("index=x | chart count over a by b")).toEqual({ exact: false, fields: ["a"], patterns: [], removed: [] });
        expect(after("index=x | chart count by a")).toEqual({ exact: true, fields: ["a", "count"], patterns: [], removed: [] });
    });
    it("append and appendpipe give the union; appendpipe's pipeline starts from the current fields", () => {
        expect(after("| makeresults | eval a=1 | appendpipe [| stats count by a]")).toEqual({ exact: true, fields: ["_time", "a", "count"], patterns: [], removed: [] });
        // A search at the head of appendpipe's pipeline filters the current results.
        expect(after("| makeresults | eval a=1 | appendpipe [search a=1 | eval b=2]")).toEqual({ exact: true, fields: ["_time", "a", "b"], patterns: [], removed: [] });
        expect(after("| makeresults | append [| makeresults | eval b=1]")).toEqual({ exact: true, fields: ["_time", "b"], patterns: [], removed: [] });
        expect(after("| multisearch [search a=1 | eval x=1] [search b=2 | eval y=2]")).toEqual({ exact: false, fields: ["x", "y"], patterns: [], removed: [] });
    });
    it("an unexpanded macro stage keeps the known fields as a guess but promises nothing", () => {
        const text = "| makeresults | fields - x | `m`";
        expect(after(text, 1)).toEqual({ exact: true, fields: ["_time"], patterns: [], removed: ["x"] });
        expect(after(text, 2)).toEqual({ exact: false, fields: ["_time"], patterns: [], removed: [] });
    });
    it("wildcard renames on inexact sets", () => {
        expect(after("index=x | rename Processes.* AS *")).toEqual({ exact: false, fields: [], patterns: [], removed: ["Processes.*"] });
        expect(after("index=x | rename a* AS b*")).toEqual({ exact: false, fields: [], patterns: ["b*"], removed: ["a*"] });
        expect(after("| makeresults | eval a=1, b=2 | rename a AS b")).toEqual({ exact: true, fields: ["_time", "b"], patterns: [], removed: ["a"] });
        expect(after("| makeresults | rename nope AS _time")).toEqual({ exact: true, fields: ["_time"], patterns: [], removed: [] });
    });
    it("fillnull with fields creates them; return and format leave one field named search", () => {
        expect(after("index=x | fillnull value=0 a b")).toEqual({ exact: false, fields: ["a", "b"], patterns: [], removed: [] });
        expect(after("index=x | return 1 user")).toEqual({ exact: true, fields: ["search"], patterns: [], removed: [] });
        expect(after("index=x | stats count by user | format")).toEqual({ exact: true, fields: ["search"], patterns: [], removed: [] });
        expect(after("index=x | transaction user maxspan=1h").fields).toEqual(["duration", "eventcount"]);
    });
    it("indexes out of range", () => {
        const pipeline = p("| makeresults | eval a=1");
        expect(fieldsAfter(pipeline, -1)).toEqual({ exact: true, fields: [], patterns: [], removed: [] });
        expect(fieldsAfter(pipeline, 99)).toEqual(fieldsAfter(pipeline, 1));
        expect(fieldsAfter(p(""), 0)).toEqual({ exact: false, fields: [], patterns: [], removed: [] });
    });
});
