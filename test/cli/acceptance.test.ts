// Issue-level acceptance of `splc analyze` on the shared examples and the whole corpus.
import { expect, it } from "vitest";
import { describeShared, sharedPath } from "../support/shared.js";
import { cli } from "./run.js";

interface JsonReport {
    rules: {
        name: string;
        analysis: {
            stages: { index: number; rendered: string | null }[];
            indicators: { field: string; op: string; values: string[]; level: string; fieldSource: string; origin?: { macro: string } }[];
            searchTerms: { kind: string; text: string }[];
        };
        diagnostics: { code: string; severity: string; line: number; column: number; file: string }[];
    }[];
    topIndicators: { key: string; count: number; rules: string[] }[];
}

describeShared("splc analyze on the shared examples and corpus", () => {
    it("ISO rule: two OR groups of raw terms, no EventCode indicator, errors inside the YAML file", async () => {
        const file = sharedPath("examples", "iso_image_mounted-windows-splunk-powershell.yml");
        const r = await cli("analyze", file, "--format", "json");
        const report = JSON.parse(r.stdout) as JsonReport;
        const rule = report.rules[0];
        if (!rule) throw new Error("no rule");
        expect(rule.analysis.indicators.filter((i) => i.field === "EventCode")).toEqual([]);
        expect(rule.analysis.stages[0]?.rendered).toBe(
            '`get_endpoint_data` AND `get_endpoint_data_powershell` AND (TERM(EventCode=4103) OR "<EventID>4103<" OR TERM(EventCode=4104) OR "<EventID>4104<") AND TERM(Mount-DiskImage OR TERM(mdisk))',
        );
        expect(rule.analysis.searchTerms.map((t) => `${t.kind}:${t.text}`)).toEqual([
            "TERM:EventCode=4103",
            "phrase:<EventID>4103<",
            "TERM:EventCode=4104",
            "phrase:<EventID>4104<",
            "TERM:Mount-DiskImage OR TERM(mdisk)",
        ]);
        const where = rule.diagnostics.map((d) => `${d.code} ${d.severity} ${d.line}:${d.column}`);
        // logic: starts on line 10 of the file; the unclosed ( is on line 11, `bin span=1s` on line 13.
        expect(where).toEqual(["SPL1002 error 11:65", "SPL3001 warning 11:66", "SPL2001 info 13:5"]);
    });

    it("kerberos rule with its macro: the macro's OR group, the field indicators, and a post-aggregation filter", async () => {
        const r = await cli(
            "analyze",
            sharedPath("examples", "windows_multiple_users_failed_to_authenticate_using_kerberos.yml"),
            "--macros",
            sharedPath("examples", "wineventlog_security.yml"),
            "--format",
            "json",
        );
        const rule = (JSON.parse(r.stdout) as JsonReport).rules[0];
        if (!rule) throw new Error("no rule");
        const show = rule.analysis.indicators.map((i) => `${i.field}${i.op}${i.values.join(",")} ${i.level} ${i.fieldSource}${i.origin ? ` @${i.origin.macro}` : ""}`);
        expect(show).toEqual([
            "eventtype=wineventlog_security event raw @wineventlog_security",
            "Channel=security event raw @wineventlog_security",
            "source=XmlWinEventLog:Security event raw @wineventlog_security",
            "EventCode=4771 event raw",
            "TargetUserName!=*$ event raw",
            "Status=0x18 event raw",
            "unique_accounts>30 post-aggregation computed",
        ]);
        expect(rule.analysis.stages[0]?.rendered).toBe(
            '(eventtype=wineventlog_security OR Channel=security OR source=XmlWinEventLog:Security) AND EventCode=4771 AND TargetUserName!="*$" AND Status=0x18',
        );
    });

    it("runs over the whole corpus JSONL with its macros and lists the 20 most shared indicators", async () => {
        const r = await cli(
            "analyze",
            sharedPath("corpus", "security_content.jsonl"),
            "--macros",
            sharedPath("corpus", "security_content_macros.jsonl"),
            "--builtins",
            "--format",
            "json",
            "--top",
            "20",
        );
        expect(r.code).toBe(0);
        const report = JSON.parse(r.stdout) as JsonReport;
        expect(report.rules).toHaveLength(1824);
        expect(report.topIndicators).toHaveLength(20);
        const counts = report.topIndicators.map((e) => e.count);
        expect([...counts].sort((a, b) => b - a)).toEqual(counts);
        for (const e of report.topIndicators) expect(new Set(e.rules).size).toBe(e.count);
        console.log(`corpus top indicators:\n${report.topIndicators.map((e) => `  ${String(e.count).padStart(5)}  ${e.key}`).join("\n")}`);
        const errors = report.rules.flatMap((x) => x.diagnostics).filter((d) => d.severity === "error");
        expect(errors).toEqual([]);
    });
});
