// The Anvilogic-style ISO rule of ../shared/examples has an unbalanced parenthesis; the parser
// must say so at the unclosed `(` and still deliver every stage.
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { parse, type SearchAnd } from "../../src/index.js";
import { sexpr } from "../support/sexpr.js";
import { describeShared, HAVE_SHARED, sharedPath } from "../support/shared.js";

const logic = HAVE_SHARED ? (parseYaml(readFileSync(sharedPath("examples", "iso_image_mounted-windows-splunk-powershell.yml"), "utf8")) as { logic: string }).logic : "";

describeShared("ISO image mounted rule", () => {
    it("reports the unbalanced parenthesis at the unclosed (, and notes bin without its field", () => {
        const r = parse(logic);
        const errors = r.diagnostics.filter((d) => d.severity === "error");
        expect(errors.map((d) => d.code)).toEqual(["SPL1002"]);
        const at = errors[0]?.span.start ?? -1;
        expect(logic.slice(at, at + 21)).toBe("(TERM(Mount-DiskImage");
        const note = r.diagnostics.find((d) => d.code === "SPL2001");
        expect(note?.severity).toBe("info");
        expect(logic.slice(note?.span.start, note?.span.end)).toBe("bin span=1s");
    });

    it("keeps every stage: search, table, bin, stats", () => {
        const r = parse(logic);
        expect(r.pipeline.commands.map((c) => (c.kind === "MacroCall" ? c.name : c.canonical))).toEqual(["search", "table", "bin", "stats"]);
    });

    it("lowers TERM(...) to directives and the phrases to terms, with no EventCode comparison", () => {
        const first = r0();
        expect(sexpr(first)).toBe(
            "(and `get_endpoint_data` `get_endpoint_data_powershell` " + '(or TERM{EventCode=4103} "<EventID>4103<" TERM{EventCode=4104} "<EventID>4104<") ' + "TERM{Mount-DiskImage OR TERM(mdisk)})",
        );
        expect(JSON.stringify(first)).not.toContain('"kind":"Compare"');
    });
});

function r0(): SearchAnd {
    const c = parse(logic).pipeline.commands[0];
    if (c?.kind !== "SearchCommand" || c.filter?.kind !== "SearchAnd") throw new Error("unexpected first stage");
    return c.filter;
}
