// The round-trip law and format idempotence over all 1,824 corpus searches.
import { expect, it } from "vitest";
import { parse } from "../../src/index.js";
import { format, formatWithDiagnostics } from "../../src/print/index.js";
import { firstDifference } from "../../src/print/equal.js";
import { print } from "../../src/print/index.js";
import { isCommand, isExpr, isSearchExpr, transform, visit } from "../../src/visit/index.js";
import { corpusSearches, describeShared } from "../support/shared.js";
import { roundTripTree } from "./helpers.js";
import { sharedObject } from "../support/check-spl.js";

describeShared("print/format over the corpus", () => {
    const searches = corpusSearches();

    it("parse(print(parse(x))) equals parse(x) for every search (spans, origins and literal raw text aside)", () => {
        const failures: string[] = [];
        for (const c of searches) {
            const r = roundTripTree(parse(c.search).pipeline);
            if (r.diff !== null) failures.push(`${c.name}: ${r.diff}\n  ${r.printed.slice(0, 200)}`);
        }
        console.log(`print round trip: ${searches.length - failures.length}/${searches.length}`);
        expect(failures).toEqual([]);
        expect(searches.length).toBe(1824);
    });

    it("prints every node of every search on its own; printed search expressions and eval expressions read back alike", () => {
        let nodes = 0;
        const failures: string[] = [];
        for (const c of searches.slice(0, 400)) {
            visit(parse(c.search).pipeline, {
                enter(n, info) {
                    nodes++;
                    const text = print(n);
                    // A search expression standing directly in a search command reads back as itself.
                    if (isSearchExpr(n) && info.parent?.kind === "SearchCommand" && n.kind !== "MacroCall") {
                        const back = parse(`search ${text}`).pipeline.commands[0];
                        const d = firstDifference(n, back?.kind === "SearchCommand" ? back.filter : null);
                        if (d !== null) failures.push(`${c.name}: ${d}`);
                    }
                    // A where condition reads back as itself.
                    if (isExpr(n) && info.parent?.kind === "WhereCommand") {
                        const back = parse(`x | where ${text}`).pipeline.commands[1];
                        const d = firstDifference(n, back?.kind === "WhereCommand" ? back.condition : null);
                        if (d !== null) failures.push(`${c.name}: ${d}`);
                    }
                    if (isCommand(n) && text === "") failures.push(`${c.name}: empty command`);
                },
            });
        }
        expect(failures).toEqual([]);
        expect(nodes).toBeGreaterThan(10000);
    });

    it("IR v2 laws: no object is reachable twice, and an identity transform returns the tree itself", () => {
        const failures: string[] = [];
        for (const c of searches) {
            const tree = parse(c.search).pipeline;
            const shared = sharedObject(tree);
            if (shared !== null) failures.push(`${c.name}: shared ${shared}`);
            if (transform(tree, () => undefined) !== tree) failures.push(`${c.name}: identity transform copied the tree`);
        }
        expect(failures).toEqual([]);
    });

    it("format is idempotent, keeps every comment, and formats every search without errors", () => {
        let formatted = 0;
        const failures: string[] = [];
        for (const c of searches) {
            const r = formatWithDiagnostics(c.search);
            if (r.formatted) formatted++;
            else if (!r.diagnostics.some((d) => d.severity === "error")) failures.push(`${c.name}: not formatted: ${r.diagnostics.map((d) => d.code).join(",")}`);
            if (format(r.text) !== r.text) failures.push(`${c.name}: not idempotent`);
            const comments = (s: string) => (s.match(/```[\s\S]*?```/g) ?? []).map((x) => x.trim());
            if (comments(r.text).join("|") !== comments(c.search).join("|")) failures.push(`${c.name}: comments changed`);
        }
        const withErrors = searches.filter((c) => parse(c.search).diagnostics.some((d) => d.severity === "error")).length;
        console.log(`format: ${formatted}/${searches.length} formatted, ${withErrors} left as is (syntax errors), idempotent on all`);
        expect(failures).toEqual([]);
        expect(formatted + withErrors).toBe(searches.length);
    });
});
