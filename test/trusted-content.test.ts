// Valid SPL written by others (issue "no false errors, no false facts"): the behaviours the
// command fixtures (test/fixtures/commands/trust-*) cannot state: parse options, macro
// expansion, analysis, and printing back.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyze, lineage, parse } from "../src/index.js";
import { roundTrip } from "./print/helpers.js";
import { REPO_DIR } from "./support/shared.js";

const COMMANDS = join(REPO_DIR, "test", "fixtures", "commands");
const TRUST = join(REPO_DIR, "test", "fixtures", "trust");
const read = (dir: string, name: string) => readFileSync(join(dir, name), "utf8").replace(/\r?\n$/, "");
const valid = readdirSync(COMMANDS).filter((f) => f.startsWith("trust-") && f.endsWith(".spl") && !f.startsWith("trust-broken-"));

describe("repros print back to the same tree", () => {
    for (const f of valid) {
        it(f, () => {
            const r = roundTrip(read(COMMANDS, f));
            expect(r.diff, r.printed).toBeNull();
            expect(r.errors, r.printed).toBe(false);
        });
    }
});

describe("repros: parse and analyze agree on every code and severity", () => {
    for (const f of valid) {
        it(f, () => {
            const p = parse(read(COMMANDS, f));
            const a = analyze(p);
            const key = (d: { code: string; severity: string; span: { start: number } }) => `${d.code}:${d.severity}:${d.span.start}`;
            for (const d of p.diagnostics) expect(a.diagnostics.map(key)).toContain(key(d));
            expect(a.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
        });
    }
});

describe("glued macros", () => {
    it("are listed as data-source macros", () => {
        const a = analyze(parse(read(COMMANDS, "trust-glued-macro-stats.spl")));
        expect(a.dataSources.macros.map((m) => m.name)).toContain("hec_collect");
        const w = analyze(parse(read(COMMANDS, "trust-glued-macro-where.spl")));
        expect(w.dataSources.macros.map((m) => m.name)).toContain("hec_collect");
    });
    it("expand as the pipeline they continue", () => {
        const r = parse(read(COMMANDS, "trust-glued-macro-stats.spl"), { macros: [{ name: "hec_collect", definition: "| collect index=summary" }] });
        expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
        expect(r.pipeline.commands.map((c) => c.kind)).toEqual(["SearchCommand", "StatsCommand", "OptionsCommand"]);
        expect(r.pipeline.commands[2]).toMatchObject({ name: "collect" });
    });
});

describe("bin without a field", () => {
    it("writes _time in lineage and gives no warning in analyze", () => {
        const p = parse(read(COMMANDS, "trust-bin-implicit-time.spl"));
        expect(lineage(p.pipeline)[1]?.writes).toEqual(["_time"]);
        const a = analyze(p);
        expect(a.diagnostics.map((d) => [d.code, d.severity])).toEqual([["SPL2001", "info"]]);
    });
});

describe("post-process searches", () => {
    const text = read(COMMANDS, "trust-post-process-hint.spl");
    it("parse as commands with the postProcess option", () => {
        const r = parse(text, { postProcess: true });
        expect(r.diagnostics).toEqual([]);
        expect(r.pipeline.commands.map((c) => c.kind)).toEqual(["StatsCommand", "SortCommand"]);
    });
    it("still read a leading comparison as a search", () => {
        expect(parse("x=1 | stats count", { postProcess: true }).pipeline.commands.map((c) => c.kind)).toEqual(["SearchCommand", "StatsCommand"]);
    });
    it("no hint for ordinary terms", () => {
        expect(parse("error warn | stats count").diagnostics).toEqual([]);
    });
});

describe("quoted macro arguments", () => {
    const macros = [{ name: "cs_filter", args: ["name"], definition: 'eval products="$name$" | where isnotnull(products)' }];
    it("lose their quotes by default", () => {
        const r = parse(read(TRUST, "cs_filter.spl"), { macros });
        expect(r.diagnostics).toEqual([]);
        expect(r.pipeline.commands[1]).toMatchObject({ kind: "EvalCommand", assignments: [{ field: "products", expr: { kind: "String", value: "Windows AD" } }] });
    });
    it("keep them with quotedArguments: 'keep'", () => {
        const r = parse(read(TRUST, "cs_filter.spl"), { macros, expand: { quotedArguments: "keep" } });
        expect(r.diagnostics.some((d) => d.severity === "error")).toBe(true);
    });
});

describe("no false facts", () => {
    const facts = (text: string) => analyze(parse(text));
    it("field names are case-sensitive: eventType=, EventType=, Host=, INDEX= are no data sources", () => {
        const a = facts("eventType=user.session.start EventType=DeleteValue Host=x INDEX=y | stats count");
        expect(a.dataSources.eventtype).toEqual([]);
        expect(a.dataSources.host).toEqual([]);
        expect(a.dataSources.index).toEqual([]);
        expect(facts("eventtype=okta host=x index=y").dataSources.eventtype.map((v) => v.value)).toEqual(["okta"]);
    });
    it("error recovery invents no indicator: x=OR y=1 does not yield x=y", () => {
        const keys = facts("index=a x=OR y=1").indicators.flatMap((i) => i.keys);
        expect(keys).toEqual(["index=a"]);
    });
    it("a dashboard token is no literal value and no index key", () => {
        const a = facts("index=a dest=$dest$");
        expect(a.indicators.flatMap((i) => i.keys)).toEqual(["index=a"]);
        expect(parse("index=a dest=$dest$").pipeline.commands[0]).toMatchObject({ filter: { operands: [{}, { value: { type: "token" } }] } });
    });
    it("x IN () gets a warning", () => {
        const text = "index=a x IN ()";
        expect(parse(text).diagnostics.map((d) => [d.code, d.severity, text.slice(d.span.start, d.span.end)])).toEqual([["SPL1016", "warning", "x IN ()"]]);
    });
    it("appendpipe [stats ...] prints without a pipe inside", () => {
        const r = roundTrip("index=a | appendpipe [stats count by host]");
        expect(r.printed).toContain("[stats count");
        expect(r.diff).toBeNull();
    });
});

describe("facts about kept fields and levels", () => {
    const codes = (text: string) => analyze(parse(text)).diagnostics.map((d) => d.code);
    it("SPL3006 only where _raw is known to be gone", () => {
        for (const kept of ["index=a | table _time, _raw | search foo", "index=a | table * | search foo", "index=a | stats values(_raw) as _raw | search foo"]) {
            expect(codes(kept), kept).not.toContain("SPL3006");
        }
        expect(codes("index=a | fields - _raw | search foo")).toContain("SPL3006");
        expect(codes("index=a | stats count by host | search foo")).toContain("SPL3006");
    });
    it("SPL3007 is silent when a macro among table/fields could supply the field", () => {
        expect(codes("index=a | table a `extra_fields` | search b=1")).not.toContain("SPL3007");
        expect(codes("index=a | fields a, `m` | where b>1")).not.toContain("SPL3007");
        expect(codes("index=a | table a | where b>1")).toContain("SPL3007");
    });
    it("stages after table are post-projection, after stats post-aggregation", () => {
        const a = analyze(parse("index=a | table a, b | where a>1 | stats count by a | where count>1"));
        expect(a.stages.map((s) => s.level)).toEqual(["event", "event", "post-projection", "post-projection", "post-aggregation"]);
    });
});

describe("negated conjunctions", () => {
    const keys = (text: string) => analyze(parse(text)).indicators.map((i) => i.keys);
    it("NOT (x=1 y=2) excludes the pair: one key for the conjunction, no standalone NOT x=1", () => {
        expect(keys("index=a NOT (x=1 y=2)")).toEqual([["index=a"], ["NOT (x=1 AND y=2)"], ["NOT (x=1 AND y=2)"]]);
    });
    it("NOT (a OR b) distributes", () => {
        expect(keys("index=a NOT (x=1 OR y=2)")).toEqual([["index=a"], ["NOT x=1"], ["NOT y=2"]]);
    });
    it("the same in where", () => {
        expect(keys("index=a | where NOT (a=1 AND b=2)")).toEqual([["index=a"], ["NOT (a==1 AND b==2)"], ["NOT (a==1 AND b==2)"]]);
    });
});

describe("eval comparisons are no search predicates", () => {
    it('where process="*cmd*": a literal *, its own key, and a warning', () => {
        const a = analyze(parse('index=a | where process="*cmd*"'));
        expect(a.indicators[1]?.keys).toEqual(['process=="*cmd*"']);
        expect(analyze(parse("index=a process=*cmd*")).indicators[1]?.keys).toEqual(["process=*cmd*"]);
        expect(a.diagnostics.map((d) => [d.code, d.severity])).toEqual([["SPL3008", "warning"]]);
    });
    it("string and number literals get different keys, and neither is the search key", () => {
        const keysOf = (text: string) =>
            analyze(parse(text))
                .indicators.slice(1)
                .flatMap((i) => i.keys);
        expect(keysOf('index=a | where y="5"')).toEqual(['y=="5"']);
        expect(keysOf("index=a | where y=5")).toEqual(["y==5"]);
        expect(keysOf('index=a | where in(y, "5", 6)')).toEqual(['y=="5"', "y==6"]);
        expect(keysOf("index=a y=5")).toEqual(["y=5"]);
        expect(analyze(parse('index=a | where y="5"')).indicators[1]?.valueTypes).toEqual(["string"]);
    });
});

describe("computed fields and data sources", () => {
    const source = (text: string, stage: number) =>
        analyze(parse(text))
            .indicators.filter((i) => i.stage === stage)
            .map((i) => i.fieldSource);
    it("fields written through wildcards, macro stages and strcat are computed", () => {
        for (const mid of ["rename Processes.* AS *", "`drop_dm_object_name(Processes)`", "stats values(*) as * by host", "foreach * [eval <<FIELD>>=1]", "spath", "xmlkv", "lookup t k"]) {
            expect(source(`index=a | ${mid} | search dest=x`, 2), mid).toEqual(["computed"]);
        }
        expect(source("index=a | strcat a b c | search c=x", 2)).toEqual(["computed"]);
        expect(source("index=a | eval z=1 | search dest=x", 2)).toEqual(["raw"]);
    });
    it("data sources come only from event-level indexed metadata", () => {
        const hosts = (text: string) => analyze(parse(text)).dataSources.host.map((v) => v.value);
        expect(hosts('index=a | eval host="x" | search host=y')).toEqual([]);
        expect(hosts("index=a | rename dvc AS host | search host=y")).toEqual([]);
        expect(hosts("index=a | stats count by host | search host=y")).toEqual([]);
        expect(hosts("index=a host=y | stats count")).toEqual(["y"]);
    });
    it("pivot uses a data model; map reads its search", () => {
        expect(analyze(parse("| pivot Endpoint Processes count(Processes) AS c")).dataSources.datamodels.map((d) => [d.datamodel, d.dataset])).toEqual([["Endpoint", "Processes"]]);
        expect(analyze(parse('| makeresults | map search="search index=b user=$user$"')).dataSources.index.map((v) => v.value)).toEqual(["b"]);
        expect(analyze(parse(read(COMMANDS, "trust-map-subsearch.spl"))).dataSources.index.map((v) => v.value)).toEqual(["vpn"]);
    });
});
