// The reference's §6 worked examples: stages, aggregations, BY fields, command types and field
// lineage, stated by hand from SPL semantics.
import { describe, expect, it } from "vitest";
import { parse, type Command, type Pipeline } from "../../src/index.js";
import { expandMacros, type MacroDefinition } from "../../src/macros/index.js";
import { fieldsAfter, fieldStatus, firstTransformingStage, lineage } from "../../src/analysis/lineage.js";
import { corpusMacros, describeShared } from "../support/shared.js";

const kinds = (p: Pipeline): string[] => p.commands.map((c: Command) => c.kind);
const rw = (p: Pipeline) => lineage(p).map((s) => ({ reads: s.reads, writes: s.writes, type: s.type, transforming: s.transforming }));

describe("6.1 the PowerShell Mount-DiskImage rule (parenthesis fixed)", () => {
    const text =
        '`get_endpoint_data` `get_endpoint_data_powershell` (TERM(EventCode=4103) OR "<EventID>4103<" OR TERM(EventCode=4104) OR "<EventID>4104<") (TERM(Mount-DiskImage) OR TERM(mdisk)) | table _time, host, user, process, process_*, parent_process_* | bin span=1s | stats values(*) as * by _time, host';
    const { pipeline, diagnostics } = parse(text);

    it("has four stages; bin without field bins _time (the info note SPL2001)", () => {
        expect(kinds(pipeline)).toEqual(["SearchCommand", "TableCommand", "BinCommand", "StatsCommand"]);
        expect(pipeline.commands[2]).toMatchObject({ field: "_time", implicit: true, binSpan: "1s" });
        expect(pipeline.commands[3]).toMatchObject({
            aggregations: [{ fn: "values", as: "*" }],
            by: [
                { kind: "FieldRef", name: "_time" },
                { kind: "FieldRef", name: "host" },
            ],
        });
        expect(diagnostics.map((d) => [d.code, text.slice(d.span.start, d.span.end)])).toEqual([["SPL2001", "bin span=1s"]]);
    });

    it("reads, writes and types", () => {
        expect(rw(pipeline)).toEqual([
            // Only raw-text terms and TERM() directives: no field predicates at all.
            { reads: ["_raw"], writes: [], type: "generating", transforming: false },
            { reads: ["_time", "host", "user", "process", "process_*", "parent_process_*"], writes: [], type: "transforming", transforming: true },
            { reads: ["_time"], writes: ["_time"], type: "streaming", transforming: false },
            { reads: ["*", "_time", "host"], writes: ["*"], type: "transforming", transforming: true },
        ]);
        expect(firstTransformingStage(pipeline)).toBe(1);
    });

    it("fields after each stage", () => {
        expect(fieldsAfter(pipeline, 0)).toEqual({ exact: false, fields: [], patterns: [], removed: [] });
        const table = { exact: true, fields: ["_time", "host", "user", "process"], patterns: ["process_*", "parent_process_*"], removed: [] };
        expect(fieldsAfter(pipeline, 1)).toEqual(table);
        expect(fieldsAfter(pipeline, 2)).toEqual(table);
        // values(*) AS * keeps every name: BY fields first, then one aggregate per remaining field.
        expect(fieldsAfter(pipeline, 3)).toEqual(table);
        expect(fieldStatus(fieldsAfter(pipeline, 3), "_raw")).toBe("absent");
        expect(fieldStatus(fieldsAfter(pipeline, 3), "process_name")).toBe("possible");
    });
});

describe("6.2 tstats -> drop_dm_object_name -> search", () => {
    const text =
        "| tstats `security_content_summariesonly` dc(Processes.dest) as dc_dest values(Processes.dest) as dest values(Processes.user) as user min(_time) as firstTime max(_time) as lastTime from datamodel=Endpoint.Processes by Processes.process_name | `drop_dm_object_name(Processes)` | search dc_dest < 10 | `security_content_ctime(firstTime)` | `security_content_ctime(lastTime)` | `detect_rare_executables_filter`";
    const tstatsFields = ["Processes.process_name", "dc_dest", "dest", "user", "firstTime", "lastTime"];

    it("unexpanded: tstats, then macro stages", () => {
        const { pipeline } = parse(text);
        expect(kinds(pipeline)).toEqual(["StatsCommand", "MacroCall", "SearchCommand", "MacroCall", "MacroCall", "MacroCall"]);
        expect(pipeline.commands[0]).toMatchObject({
            canonical: "tstats",
            aggregations: [
                { fn: "dc", as: "dc_dest" },
                { fn: "values", as: "dest" },
                { fn: "values", as: "user" },
                { fn: "min", as: "firstTime" },
                { fn: "max", as: "lastTime" },
            ],
            by: [{ kind: "FieldRef", name: "Processes.process_name" }],
            datamodel: "Endpoint.Processes",
        });
        const l = lineage(pipeline);
        expect(l[0]).toMatchObject({
            reads: ["Processes.dest", "Processes.user", "_time", "Processes.process_name"],
            writes: ["dc_dest", "dest", "user", "firstTime", "lastTime"],
            type: "generating",
            transforming: true,
        });
        expect(l[1]).toMatchObject({ kind: "MacroCall", command: "`drop_dm_object_name`", reads: [], writes: [], type: null, transforming: false });
        expect(l[2]).toMatchObject({ reads: ["dc_dest"], type: "streaming", transforming: false });
        // The search after tstats filters aggregated rows.
        expect(firstTransformingStage(pipeline)).toBe(0);
        expect(fieldsAfter(pipeline, 0)).toEqual({ exact: true, fields: tstatsFields, patterns: [], removed: [] });
        // An unexpanded macro may do anything: the set is no longer exact.
        expect(fieldsAfter(pipeline, 1)).toMatchObject({ exact: false, removed: [] });
    });

    describeShared("expanded with the corpus macros and the CIM built-ins", () => {
        it("renames Processes.* to * and converts in place", () => {
            const macros: MacroDefinition[] = corpusMacros().map((m) => ({ name: m.name, args: m.arguments, definition: m.definition }));
            const expanded = expandMacros(text, macros, { builtins: true }).text;
            const { pipeline } = parse(expanded);
            expect(kinds(pipeline)).toEqual(["StatsCommand", "RenameCommand", "SearchCommand", "ConvertCommand", "ConvertCommand", "MacroCall"]);
            expect(pipeline.commands[1]).toMatchObject({ renames: [{ from: "Processes.*", to: "*" }] });
            expect(pipeline.commands[3]).toMatchObject({ timeformat: "%Y-%m-%dT%H:%M:%S", conversions: [{ fn: "ctime", field: "firstTime", as: null }] });
            const renamed = { exact: true, fields: ["process_name", "dc_dest", "dest", "user", "firstTime", "lastTime"], patterns: [], removed: ["Processes.*"] };
            expect(fieldsAfter(pipeline, 1)).toEqual(renamed);
            expect(fieldsAfter(pipeline, 4)).toEqual(renamed);
            expect(lineage(pipeline)[3]).toMatchObject({ reads: ["firstTime"], writes: ["firstTime"], type: "streaming" });
            expect(fieldStatus(fieldsAfter(pipeline, 4), "Processes.process_name")).toBe("absent");
        });
    });

    it("hiding_files_and_directories_with_attrib_exe: un-aliased min(_time) is a field named min(_time)", () => {
        const { pipeline } = parse(
            "| tstats count min(_time) values(Processes.process) as process max(_time) as lastTime from datamodel=Endpoint.Processes where Processes.process_name=attrib.exe (Processes.process=*+h*) by Processes.dest",
        );
        expect(lineage(pipeline)[0]).toMatchObject({
            reads: ["_time", "Processes.process", "Processes.process_name", "Processes.dest"],
            writes: ["count", "min(_time)", "process", "lastTime"],
        });
        const after = fieldsAfter(pipeline, 0);
        expect(after.fields).toEqual(["Processes.dest", "count", "min(_time)", "process", "lastTime"]);
        // The later `security_content_ctime(firstTime)` converts a field that does not exist.
        expect(fieldStatus(after, "firstTime")).toBe("absent");
    });
});

describe("6.3 raw-event search with stats + where (kerberos)", () => {
    const text =
        '`wineventlog_security` EventCode=4771 TargetUserName!="*$" Status=0x18 | bucket span=5m _time | stats dc(TargetUserName) AS unique_accounts values(TargetUserName) as user by _time, IpAddress | where unique_accounts > 30 | `windows_multiple_users_failed_to_authenticate_using_kerberos_filter`';
    const { pipeline } = parse(text);

    it("stages, aggregations and BY fields", () => {
        expect(kinds(pipeline)).toEqual(["SearchCommand", "BinCommand", "StatsCommand", "WhereCommand", "MacroCall"]);
        expect(pipeline.commands[1]).toMatchObject({ name: "bucket", canonical: "bin", field: "_time", binSpan: "5m", as: null });
        expect(pipeline.commands[2]).toMatchObject({
            aggregations: [
                { fn: "dc", as: "unique_accounts" },
                { fn: "values", as: "user" },
            ],
            by: [
                { kind: "FieldRef", name: "_time" },
                { kind: "FieldRef", name: "IpAddress" },
            ],
        });
    });

    it("lineage: event-level predicates before stats, a result filter after it", () => {
        expect(rw(pipeline)).toEqual([
            { reads: ["EventCode", "TargetUserName", "Status"], writes: [], type: "generating", transforming: false },
            { reads: ["_time"], writes: ["_time"], type: "streaming", transforming: false },
            { reads: ["TargetUserName", "_time", "IpAddress"], writes: ["unique_accounts", "user"], type: "transforming", transforming: true },
            { reads: ["unique_accounts"], writes: [], type: "streaming", transforming: false },
            { reads: [], writes: [], type: null, transforming: false },
        ]);
        expect(firstTransformingStage(pipeline)).toBe(2);
        expect(fieldsAfter(pipeline, 2)).toEqual({ exact: true, fields: ["_time", "IpAddress", "unique_accounts", "user"], patterns: [], removed: [] });
        expect(fieldsAfter(pipeline, 3)).toEqual(fieldsAfter(pipeline, 2));
        expect(fieldsAfter(pipeline, 4).exact).toBe(false);
        expect(fieldStatus(fieldsAfter(pipeline, 2), "TargetUserName")).toBe("absent");
    });

    describeShared("expanded", () => {
        it("the macro's OR group is read before the other predicates", () => {
            const macros: MacroDefinition[] = corpusMacros().map((m) => ({ name: m.name, args: m.arguments, definition: m.definition }));
            const { pipeline: p } = parse(expandMacros(text, macros).text);
            expect(lineage(p)[0]?.reads).toEqual(["eventtype", "Channel", "source", "EventCode", "TargetUserName", "Status"]);
        });
    });

    it("baron samedit: TERM() reads _raw; stats count keeps its default name", () => {
        const { pipeline: p } = parse("`linux_hosts` TERM(sudoedit) TERM(segfault) | stats count min(_time) as firstTime max(_time) as lastTime by host | where count > 5");
        expect(lineage(p).map((s) => s.reads)).toEqual([["_raw"], ["_time", "host"], ["count"]]);
        expect(fieldsAfter(p, 1).fields).toEqual(["host", "count", "firstTime", "lastTime"]);
    });

    it("subsearch of detect_aws_console_login_by_new_user: join adds the subsearch's fields", () => {
        const { pipeline: p } = parse(
            "`cloudtrail` eventName=ConsoleLogin | join user type=outer [ | inputlookup previously_seen_users_console_logins | stats min(firstTime) as earliestseen by user]",
        );
        const join = p.commands[1];
        expect(join).toMatchObject({
            kind: "JoinCommand",
            joinType: "outer",
            fields: [{ kind: "FieldRef", name: "user" }],
            subsearch: { commands: [{ kind: "InputlookupCommand" }, { kind: "StatsCommand", by: [{ kind: "FieldRef", name: "user" }] }] },
        });
        expect(lineage(p)[1]).toMatchObject({ reads: ["user"], writes: ["user", "earliestseen"], type: "centralized-streaming" });
        expect(fieldsAfter(p, 1)).toEqual({ exact: false, fields: ["user", "earliestseen"], patterns: [], removed: [] });
    });
});
