import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseMacrosConf } from "../../src/macros/index.js";
import { REPO_DIR } from "../support/shared.js";

const fixture = (name: string) => readFileSync(join(REPO_DIR, "test", "fixtures", "macros", name), "utf8");

describe("parseMacrosConf: basic.conf", () => {
    const text = fixture("basic.conf");
    const { macros, diagnostics } = parseMacrosConf(text, "basic.conf");
    const byName = new Map(macros.map((m) => [m.name, m]));

    it("reads every macro stanza and ignores [default] and comments", () => {
        expect(diagnostics).toEqual([]);
        expect(macros.map((m) => m.name)).toEqual(["simple", "ctime(1)", "pair(2)", "pair", "multi", "quoted", "evallit"]);
    });

    it("keeps the stanza name, args, description and the source line", () => {
        expect(byName.get("simple")).toEqual({
            name: "simple",
            args: [],
            definition: "index=main sourcetype=access_combined",
            description: "a plain macro",
            source: { file: "basic.conf", line: 5 },
        });
        expect(byName.get("ctime(1)")?.args).toEqual(["field"]);
        expect(byName.get("pair(2)")?.args).toEqual(["first", "second"]);
        expect(byName.get("pair")?.definition).toBe("pair_without_arguments");
    });

    it("joins continuation lines, dropping the backslash and keeping the newline", () => {
        expect(byName.get("multi")?.definition).toBe("index=main \n| stats count by host \n| where count > 5");
        expect(byName.get("multi")?.iseval).toBeUndefined();
    });

    it("reads iseval booleans", () => {
        expect(byName.get("quoted")?.iseval).toBe(true);
        expect(byName.get("evallit")?.iseval).toBe(true);
    });

    it("handles CRLF line ends", () => {
        const r = parseMacrosConf("[a]\r\ndefinition = x \\\r\ny\r\n");
        expect(r.diagnostics).toEqual([]);
        expect(r.macros[0]?.definition).toBe("x \ny");
    });

    it("merges repeated stanzas, the later setting winning", () => {
        const r = parseMacrosConf("[a]\ndefinition = one\n[b]\ndefinition = b\n[a]\ndefinition = two\n");
        expect(r.macros.map((m) => [m.name, m.definition])).toEqual([
            ["a", "two"],
            ["b", "b"],
        ]);
    });

    it("keeps a '#' that is not at the start of a line", () => {
        const r = parseMacrosConf("[a]\ndefinition = x=1 # not a comment\n");
        expect(r.macros[0]?.definition).toBe("x=1 # not a comment");
    });
});

describe("parseMacrosConf: malformed.conf", () => {
    const text = fixture("malformed.conf");
    const { macros, diagnostics } = parseMacrosConf(text, "malformed.conf");
    const at = (code: string) => diagnostics.filter((d) => d.code === code).map((d) => text.slice(d.span.start, d.span.end));

    it("keeps the good macros", () => {
        expect(macros.map((m) => m.name)).toEqual(["good", "bad_iseval"]);
    });

    it("reports malformed lines (SPL5004) with spans into the conf text", () => {
        expect(at("SPL5004")).toEqual(["this line has no equals sign", "[bad_header"]);
    });

    it("reports unusable stanzas (SPL4007) at the offending text", () => {
        // The settings after the broken "[bad_header" line belong to no stanza and are dropped.
        expect(at("SPL4007")).toEqual(["[no_definition]", "only_one", "has space", "maybe"]);
        for (const d of diagnostics) expect(d.severity).toBe("error");
    });

    it("never throws on junk", () => {
        for (const junk of ["", "[", "=", "\\", "[a]\ndefinition = x\\", "[]\ndefinition=1", "\u0000[x]\n=\n"]) {
            expect(() => parseMacrosConf(junk)).not.toThrow();
        }
        expect(parseMacrosConf("[a]\ndefinition = x\\").macros[0]?.definition).toBe("x");
    });
});
