// parse(text, { macros }): expansion before parsing, spans mapped back, origin on macro nodes.
import { describe, expect, it } from "vitest";
import { macroFromRecord, parse, type MacroDefinition, type SearchAnd, type SearchOr } from "../../src/index.js";
import { sexpr } from "../support/sexpr.js";
import { corpusMacros, corpusSearches, describeShared } from "../support/shared.js";

const corpusDefs = (): MacroDefinition[] =>
    corpusMacros()
        .map((m) => macroFromRecord(m))
        .filter((m): m is MacroDefinition => m !== null);

const KERBEROS =
    '`wineventlog_security` EventCode=4771 TargetUserName!="*$" Status=0x18 | bucket span=5m _time | stats dc(TargetUserName) AS unique_accounts values(TargetUserName) as user by _time, IpAddress | where unique_accounts > 30';
const WINEVENTLOG: MacroDefinition = { name: "wineventlog_security", definition: "eventtype=wineventlog_security OR Channel=security OR source=XmlWinEventLog:Security" };

describe("parse with macros", () => {
    it("regroups an unbracketed OR definition by search precedence (reference 6.3)", () => {
        const r = parse(KERBEROS, { macros: [WINEVENTLOG] });
        const c = r.pipeline.commands[0];
        if (c?.kind !== "SearchCommand") throw new Error("expected a search");
        expect(sexpr(c.filter)).toBe('(and (or eventtype=wineventlog_security!m Channel=security source=XmlWinEventLog:Security!m) EventCode=4771 TargetUserName!="*$" Status=0x18)');
        const channel = ((c.filter as SearchAnd).operands[0] as SearchOr).operands[1];
        const call = "`wineventlog_security`";
        expect(channel?.span).toEqual({ start: 0, end: call.length });
        expect(channel?.origin?.macro).toBe("wineventlog_security");
        expect(WINEVENTLOG.definition.slice(channel?.origin?.span.start, channel?.origin?.span.end)).toBe("Channel=security");
        const eventCode = (c.filter as SearchAnd).operands[1];
        expect(KERBEROS.slice(eventCode?.span.start, eventCode?.span.end)).toBe("EventCode=4771");
        expect(eventCode?.origin).toBeUndefined();
    });

    it("keeps an undefined macro as a MacroCall with a warning", () => {
        const r = parse("`nope` x=1", { macros: [] });
        expect(r.diagnostics.map((d) => [d.code, d.severity])).toEqual([["SPL4001", "warning"]]);
        const c = r.pipeline.commands[0];
        expect(c?.kind === "SearchCommand" && sexpr(c.filter)).toBe("(and `nope` x=1)");
    });

    it("with undefined: 'empty', drops a whole-stage filter macro and keeps the pipeline valid", () => {
        const r = parse("x=1 | `rule_filter` | stats count", { macros: [], expand: { undefined: "empty" } });
        expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
        expect(r.pipeline.commands.map((c) => c.kind)).toEqual(["SearchCommand", "StatsCommand"]);
    });

    it("stops a two-macro cycle and a 20-level doubling macro with an error, at once", () => {
        const cycle = parse("`a` x", {
            macros: [
                { name: "a", definition: "`b`" },
                { name: "b", definition: "`a`" },
            ],
        });
        expect(cycle.diagnostics.some((d) => d.code === "SPL4003" && d.severity === "error")).toBe(true);
        const doubling: MacroDefinition[] = Array.from({ length: 20 }, (_, i) => ({ name: `m${i}`, definition: `\`m${i + 1}\` \`m${i + 1}\`` }));
        doubling.push({ name: "m20", definition: "x" });
        const big = parse("`m0`", { macros: doubling });
        expect(big.diagnostics.some((d) => d.code === "SPL4005" && d.severity === "error")).toBe(true);
    });

    it("built-in CIM macros are off unless asked for", () => {
        expect(parse("| `drop_dm_object_name(Processes)`", { macros: [] }).pipeline.commands[0]?.kind).toBe("MacroCall");
        const on = parse("| `drop_dm_object_name(Processes)`", { macros: [], expand: { builtins: true } });
        expect(on.pipeline.commands[0]?.kind).toBe("RenameCommand");
        expect(on.pipeline.commands[0]?.origin?.macro).toBe("drop_dm_object_name");
    });
});

describeShared("parse with the corpus macros", () => {
    it("expands and parses all 1,824 searches with no error diagnostics", () => {
        const macros = corpusDefs();
        const errors: string[] = [];
        const warnings = new Map<string, number>();
        for (const s of corpusSearches()) {
            const r = parse(s.search, { macros });
            for (const d of r.diagnostics) {
                if (d.severity === "error") errors.push(`${s.name}: ${d.code} ${d.message}`);
                else warnings.set(d.code, (warnings.get(d.code) ?? 0) + 1);
            }
        }
        console.log(`expanded corpus: ${errors.length} errors; warnings by code: ${JSON.stringify(Object.fromEntries(warnings))}`);
        expect(errors).toEqual([]);
        // The unknown macros are the ones the macro file does not define (the *_filter macros and CIM ones).
        expect(warnings.get("SPL4001")).toBeGreaterThan(1700);
    });

    it("turns `security_content_ctime(firstTime)` into a convert stage from that macro", () => {
        const text = "| tstats `security_content_summariesonly` count min(_time) as firstTime from datamodel=Endpoint.Processes by Processes.dest | `security_content_ctime(firstTime)`";
        const r = parse(text, { macros: corpusDefs() });
        const [tstats, convert] = r.pipeline.commands;
        expect(convert?.kind).toBe("ConvertCommand");
        expect(convert?.origin?.macro).toBe("security_content_ctime");
        expect(text.slice(convert?.span.start, convert?.span.end)).toBe("`security_content_ctime(firstTime)`");
        // security_content_summariesonly expands through summariesonly_config, oldsummaries_config and fillnull_config.
        if (tstats?.kind !== "StatsCommand") throw new Error("expected tstats");
        expect(tstats.options.map((o) => o.name)).toEqual(["summariesonly", "allow_old_summaries", "fillnull_value"]);
        expect(tstats.macros).toEqual([]);
        expect(tstats.options.every((o) => o.origin?.macro === "security_content_summariesonly")).toBe(true);
    });
});

describe("spans after expansion", () => {
    it("maps every span of later stages once, options of typed commands included", () => {
        const text = "`wineventlog_security` x=1 | bucket span=5m _time | stats count by _time";
        const r = parse(text, { macros: [WINEVENTLOG] });
        const bin = r.pipeline.commands[1];
        if (bin?.kind !== "BinCommand") throw new Error("expected bin");
        expect(text.slice(bin.span.start, bin.span.end)).toBe("bucket span=5m _time");
        expect(bin.binSpan).toBe("5m");
        expect(bin.options).toEqual([]);
    });
});
