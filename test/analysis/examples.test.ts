// The two worked examples of the brief and the reference (§6.1, §6.3), read from the shared rule
// files in place. Expected values are stated by hand from SPL semantics.
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { parse } from "../../src/index.js";
import { macroFromRecord, type MacroDefinition } from "../../src/macros/index.js";
import { analyze, type Analysis } from "../../src/analysis/analyze.js";
import type { PredicateNode } from "../../src/analysis/indicators.js";
import { describeShared, sharedPath } from "../support/shared.js";

const readRule = (file: string): Record<string, unknown> => parseYaml(readFileSync(sharedPath("examples", file), "utf8")) as Record<string, unknown>;

/** The tree with leaves replaced by their text, for readable expectations. */
function leaves(a: Analysis, n: PredicateNode | null): unknown {
    if (n === null) return null;
    if (n.kind === "not") return { not: [leaves(a, n.operand)] };
    if (n.kind === "and" || n.kind === "or" || n.kind === "xor") return { [n.kind]: n.operands.map((o) => leaves(a, o)) };
    if (n.kind === "indicator") {
        const i = a.indicators[n.index];
        return i ? `${i.field} ${i.op} ${i.values.join(",")}` : "?";
    }
    if (n.kind === "term") {
        const t = a.searchTerms[n.index];
        return t ? `${t.kind}:${t.text}` : "?";
    }
    if (n.kind === "macro") return `macro:${n.name}`;
    return n;
}

describeShared("ISO image mounted rule (reference §6.1)", () => {
    const text = String(readRule("iso_image_mounted-windows-splunk-powershell.yml")["logic"]);
    const result = parse(text);
    const a = analyze(result);

    it("has the four stages with their types and source text", () => {
        expect(a.stages.map((s) => [s.command, s.type, s.level])).toEqual([
            ["search", "generating", "event"],
            ["table", "transforming", "event"],
            // table only projects: the rows after it are still events.
            ["bin", "streaming", "post-projection"],
            ["stats", "transforming", "post-projection"],
        ]);
        expect(a.stages[1]?.text).toBe("table _time, host, user, process, process_*, parent_process_*");
        expect(a.stages[2]?.text).toBe("bin span=1s");
    });

    it("stage 0: (TERM | phrase | TERM | phrase) AND one TERM directive whose text holds the rest (recovery reading)", () => {
        // The parser recovers from the unbalanced parenthesis by ending TERM's argument at the
        // last ')' before the pipe: the directive's text is `Mount-DiskImage OR TERM(mdisk)`.
        expect(leaves(a, a.stages[0]?.predicates ?? null)).toEqual({
            and: [
                "macro:get_endpoint_data",
                "macro:get_endpoint_data_powershell",
                { or: ["TERM:EventCode=4103", "phrase:<EventID>4103<", "TERM:EventCode=4104", "phrase:<EventID>4104<"] },
                "TERM:Mount-DiskImage OR TERM(mdisk)",
            ],
        });
        expect(a.stages[0]?.rendered).toBe(
            '`get_endpoint_data` AND `get_endpoint_data_powershell` AND (TERM(EventCode=4103) OR "<EventID>4103<" OR TERM(EventCode=4104) OR "<EventID>4104<") AND TERM(Mount-DiskImage OR TERM(mdisk))',
        );
    });

    it("has no indicator at all: TERM(EventCode=4103) is a raw token, not a field predicate", () => {
        expect(a.indicators).toEqual([]);
        expect(a.searchTerms.map((t) => [t.kind, t.normalized])).toEqual([
            ["TERM", "eventcode=4103"],
            ["phrase", "<eventid>4103<"],
            ["TERM", "eventcode=4104"],
            ["phrase", "<eventid>4104<"],
            ["TERM", "mount-diskimage or term(mdisk)"],
        ]);
    });

    it("reports the unbalanced parenthesis, the TERM text with spaces and the bin without field (once)", () => {
        const got = a.diagnostics.map((d) => [d.code, d.severity, text.slice(d.span.start, d.span.end)]);
        expect(got).toEqual([
            ["SPL1002", "error", "("],
            ["SPL3001", "warning", "TERM(Mount-DiskImage OR TERM(mdisk))"],
            ["SPL2001", "info", "bin span=1s"],
        ]);
        // bin without a field bins _time: an info note, the same in parse and analyze.
        expect(result.diagnostics.map((d) => d.code)).toContain("SPL2001");
    });

    it("lists the two unexpanded macros; no data model, lookup or subsearch", () => {
        expect(a.dataSources.macros).toEqual([
            { name: "get_endpoint_data", arity: 0, expanded: false, count: 1 },
            { name: "get_endpoint_data_powershell", arity: 0, expanded: false, count: 1 },
        ]);
        expect(a.dataSources.datamodels).toEqual([]);
        expect(a.dataSources.subsearches).toBe(0);
    });
});

describeShared("Kerberos password spraying rule with the wineventlog_security macro (reference §6.3)", () => {
    const rule = readRule("windows_multiple_users_failed_to_authenticate_using_kerberos.yml");
    const text = String(rule["search"]);
    const macro = macroFromRecord(readRule("wineventlog_security.yml")) as MacroDefinition;
    const a = analyze(parse(text, { macros: [macro] }));
    const ind = (field: string) => a.indicators.find((i) => i.field === field);

    it("stage 0 is (macro's OR group) AND EventCode AND TargetUserName AND Status", () => {
        expect(leaves(a, a.stages[0]?.predicates ?? null)).toEqual({
            and: [{ or: ["eventtype = wineventlog_security", "Channel = security", "source = XmlWinEventLog:Security"] }, "EventCode = 4771", "TargetUserName != *$", "Status = 0x18"],
        });
        expect(a.stages[0]?.rendered).toBe('(eventtype=wineventlog_security OR Channel=security OR source=XmlWinEventLog:Security) AND EventCode=4771 AND TargetUserName!="*$" AND Status=0x18');
    });

    it("indicators: values as written, normalised lower-case for search, != kept as an operator", () => {
        expect(ind("EventCode")).toMatchObject({ op: "=", values: ["4771"], normalized: ["4771"], negated: false, level: "event", fieldSource: "raw", modifier: false, stage: 0 });
        expect(ind("TargetUserName")).toMatchObject({ op: "!=", values: ["*$"], normalized: ["*$"], negated: false, caseSensitive: false });
        expect(ind("Status")).toMatchObject({ op: "=", values: ["0x18"], normalized: ["0x18"] });
        expect(a.indicators.map((i) => i.keys)).toEqual([
            ["eventtype=wineventlog_security"],
            ["Channel=security"],
            ["source=xmlwineventlog:security"],
            ["EventCode=4771"],
            ["TargetUserName!=*$"],
            ["Status=0x18"],
            ["unique_accounts>30"],
        ]);
        expect(a.indicators.map((i) => i.text)).toEqual([
            "eventtype=wineventlog_security",
            "Channel=security",
            "source=XmlWinEventLog:Security",
            "EventCode=4771",
            'TargetUserName!="*$"',
            "Status=0x18",
            "unique_accounts > 30",
        ]);
        expect(ind("EventCode")?.origin).toBeUndefined();
        expect(text.slice(ind("TargetUserName")?.span.start, ind("TargetUserName")?.span.end)).toBe('TargetUserName!="*$"');
    });

    it("the OR group comes from the macro: origin wineventlog_security, span on the call", () => {
        for (const f of ["eventtype", "Channel", "source"]) {
            const i = ind(f);
            expect(i?.origin?.macro).toBe("wineventlog_security");
            expect(text.slice(i?.span.start, i?.span.end)).toBe("`wineventlog_security`");
        }
        expect(ind("source")).toMatchObject({ modifier: true, normalized: ["xmlwineventlog:security"] });
        expect(ind("Channel")).toMatchObject({ modifier: false });
    });

    it("unique_accounts > 30 is post-aggregation and computed (written by stats)", () => {
        expect(ind("unique_accounts")).toMatchObject({ op: ">", values: ["30"], syntax: "eval", caseSensitive: true, level: "post-aggregation", fieldSource: "computed", stage: 3, command: "where" });
        expect(a.stages[3]?.rendered).toBe("unique_accounts > 30");
    });

    it("data sources: eventtype and source from the macro; both macros listed", () => {
        expect(a.dataSources.eventtype.map((s) => s.value)).toEqual(["wineventlog_security"]);
        expect(a.dataSources.source.map((s) => s.value)).toEqual(["XmlWinEventLog:Security"]);
        expect(a.dataSources.index).toEqual([]);
        expect(a.dataSources.macros).toEqual([
            { name: "windows_multiple_users_failed_to_authenticate_using_kerberos_filter", arity: 0, expanded: false, count: 1 },
            { name: "wineventlog_security", arity: 0, expanded: true, count: 1 },
        ]);
    });

    it("fields read and written", () => {
        expect(a.fields.written).toEqual(["_time", "unique_accounts", "user"]);
        expect(a.fields.read).toEqual(["eventtype", "Channel", "source", "EventCode", "TargetUserName", "Status", "_time", "IpAddress", "unique_accounts"]);
    });

    it("diagnostics: the unknown filter macro and the != info, nothing else", () => {
        expect(a.diagnostics.map((d) => [d.code, d.severity])).toEqual([
            ["SPL3005", "info"],
            ["SPL4001", "warning"],
        ]);
    });

    it("is plain JSON: a JSON round trip gives an equal object", () => {
        expect(JSON.parse(JSON.stringify(a))).toStrictEqual(a);
        expect(structuredClone(a)).toEqual(a);
    });
});
