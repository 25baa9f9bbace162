import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { expandMacros, macroFromRecord, macroKey, normalizeMacros, parseMacrosConf, splitStanzaName, type MacroDefinition } from "../../src/macros/index.js";
import { describeShared, sharedPath } from "../support/shared.js";

describe("macro names and keys", () => {
    it("splits the stanza form", () => {
        expect(splitStanzaName("security_content_ctime(1)")).toEqual({ name: "security_content_ctime", arity: 1 });
        expect(splitStanzaName("m( 2 )")).toEqual({ name: "m", arity: 2 });
        expect(splitStanzaName("plain")).toEqual({ name: "plain", arity: null });
    });

    it("keys a macro by name and arity", () => {
        expect(macroKey("m", 0)).toBe("m");
        expect(macroKey("m", 2)).toBe("m(2)");
    });
});

describe("normalizeMacros", () => {
    it("treats bare name + args and stanza form as the same macro", () => {
        const a = normalizeMacros([{ name: "ct", args: ["field"], definition: "x" }]);
        const b = normalizeMacros([{ name: "ct(1)", args: ["field"], definition: "x" }]);
        expect([...a.byKey.keys()]).toEqual(["ct(1)"]);
        expect([...b.byKey.keys()]).toEqual(["ct(1)"]);
        expect(a.byKey.get("ct(1)")).toMatchObject({ name: "ct", arity: 1, args: ["field"] });
    });

    it("records every arity of an overloaded name", () => {
        const t = normalizeMacros([
            { name: "m(2)", args: ["a", "b"], definition: "2" },
            { name: "m", definition: "0" },
        ]);
        expect(t.arities.get("m")).toEqual([0, 2]);
        expect(t.diagnostics).toEqual([]);
    });

    it("accepts a stanza form without argument names, with an error, and still resolves calls", () => {
        const t = normalizeMacros([{ name: "m(1)", definition: "body $x$" }]);
        expect(t.diagnostics.map((d) => [d.code, d.severity])).toEqual([["SPL4007", "error"]]);
        expect(expandMacros("`m(a)`", t).text).toBe("body $x$");
    });

    it("rejects mismatched counts, bad names and repeated argument names", () => {
        const t = normalizeMacros([
            { name: "a(2)", args: ["x"], definition: "" },
            { name: "b", args: ["has space"], definition: "" },
            { name: "c", args: ["x", "x"], definition: "" },
            { name: "", definition: "" },
            { name: "d`e", definition: "" },
        ]);
        expect(t.byKey.size).toBe(0);
        expect(t.diagnostics.map((d) => d.code)).toEqual(["SPL4007", "SPL4007", "SPL4007", "SPL4007", "SPL4007"]);
        expect(t.diagnostics[0]!.message).toContain("a(2)");
    });

    it("names the source file and line in messages", () => {
        const conf = parseMacrosConf("[m]\ndefinition = 1\n[m]\ndefinition = 2\n", "macros.conf");
        const t = normalizeMacros([...conf.macros, { name: "m", definition: "3", source: { file: "other.conf", line: 7 } }]);
        expect(t.diagnostics).toHaveLength(1);
        expect(t.diagnostics[0]!.message).toContain("other.conf:7");
        expect(t.byKey.get("m")?.definition).toBe("3");
    });
});

describe("macroFromRecord", () => {
    it("reads the corpus JSONL shape", () => {
        const rec = { name: "ct", arity: 1, splunk_stanza: "ct(1)", definition: "ctime($field$)", arguments: ["field"], description: "d", path: "macros/ct.yml" };
        expect(macroFromRecord(rec)).toEqual({ name: "ct", args: ["field"], definition: "ctime($field$)", description: "d", source: { file: "macros/ct.yml" } });
    });

    it("reads macros.conf-like objects (args as a string, iseval as text)", () => {
        expect(macroFromRecord({ name: "p(2)", args: "a, b", definition: "$a$", iseval: "1", validation: "isnum(a)", errormsg: "no" })).toEqual({
            name: "p(2)",
            args: ["a", "b"],
            definition: "$a$",
            iseval: true,
            validation: "isnum(a)",
            errormsg: "no",
        });
    });

    it("returns null for things that are not macro records", () => {
        for (const x of [null, 3, "m", [], {}, { name: "m" }, { definition: "x" }, { name: 1, definition: "x" }]) expect(macroFromRecord(x)).toBeNull();
    });
});

describeShared("macroFromRecord on a security_content macro YAML file", () => {
    it("reads examples/wineventlog_security.yml parsed by a YAML parser", () => {
        const obj: unknown = parseYaml(readFileSync(sharedPath("examples", "wineventlog_security.yml"), "utf8"));
        const def = macroFromRecord(obj);
        expect(def?.name).toBe("wineventlog_security");
        expect(def?.args).toBeUndefined();
        const r = expandMacros("`wineventlog_security` EventCode=4771", [def!]);
        expect(r.diagnostics).toEqual([]);
        expect(r.text.endsWith(" EventCode=4771")).toBe(true);
        expect(r.text.startsWith("`")).toBe(false);
    });
});

describe("definitions given in the corpus shape", () => {
    it("accepts `arguments` (security_content's field) and a conf-style args string", async () => {
        const { parse } = await import("../../src/index.js");
        const record = { name: "ct", arguments: ["field"], definition: "convert ctime($field$)" } as unknown as MacroDefinition;
        const r = parse("| `ct(firstTime)`", { macros: [record] });
        expect(r.diagnostics).toEqual([]);
        expect(r.pipeline.commands[0]?.kind).toBe("ConvertCommand");
        const conf = parse("| `ct(a, b)`", { macros: [{ name: "ct(2)", args: "x, y" as unknown as string[], definition: "rename $x$ AS $y$" }] });
        expect(conf.diagnostics).toEqual([]);
        expect(conf.pipeline.commands[0]?.kind).toBe("RenameCommand");
    });
});
