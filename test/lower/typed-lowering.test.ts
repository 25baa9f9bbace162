// A bug in one typed reading must keep the stage (generic, exact) and say so (SPL2018), never
// vanish into a swallowed exception.
import { describe, expect, it } from "vitest";
import { parse, type Diagnostic, type GenericCommand } from "../../src/index.js";
import { lowerTyped } from "../../src/lower/commands/index.js";
import { diagnostic } from "../../src/diagnostics/diagnostic.js";

describe("lowerTyped", () => {
    const generic = parse("index=a | frobnicate x=1 y").pipeline.commands[1] as GenericCommand;

    it("keeps the generic command and reports SPL2018 at its span when the reading throws", () => {
        expect(generic.kind).toBe("GenericCommand");
        const diagnostics: Diagnostic[] = [diagnostic("SPL2006", "earlier", { start: 0, end: 1 })];
        const out = lowerTyped(
            ({ diagnostics: d }) => {
                d.push(diagnostic("SPL2005", "half-way", generic.span));
                throw new Error("boom");
            },
            generic,
            diagnostics,
        );
        expect(out).toBe(generic);
        expect(diagnostics.map((d) => d.code)).toEqual(["SPL2006", "SPL2018"]);
        expect(diagnostics[1]?.span).toEqual(generic.span);
        expect(diagnostics[1]?.message).toContain("boom");
    });

    it("returns what a working reading gives, with its diagnostics", () => {
        const diagnostics: Diagnostic[] = [];
        const out = lowerTyped(
            ({ node, diagnostics: d }) => {
                d.push(diagnostic("SPL2006", "note", node.span));
                return { ...node, name: "other" };
            },
            generic,
            diagnostics,
        );
        expect(out.name).toBe("other");
        expect(diagnostics.map((d) => d.code)).toEqual(["SPL2006"]);
    });
});
