// Over the corpus: every stage whose command has a typed form lowers to it (nested pipelines
// included), nothing throws, lineage runs on every pipeline. Prints the count of stages per kind
// (`npx vitest run test/commands/corpus-kinds.test.ts` shows the table).
import { expect, it } from "vitest";
import { parse, type Pipeline } from "../../src/index.js";
import { expandMacros, type MacroDefinition } from "../../src/macros/index.js";
import { TYPED_COMMANDS } from "../../src/lower/commands/index.js";
import { fieldsAfter, lineage } from "../../src/analysis/lineage.js";
import { corpusMacros, corpusSearches, describeShared } from "../support/shared.js";

/** Every pipeline inside a value (the value itself when it is one), outermost first. */
function pipelinesIn(value: unknown, out: Pipeline[] = []): Pipeline[] {
    if (Array.isArray(value)) {
        for (const v of value) pipelinesIn(v, out);
    } else if (value !== null && typeof value === "object") {
        const o = value as Record<string, unknown>;
        if (o["kind"] === "Pipeline") out.push(o as unknown as Pipeline);
        for (const [k, v] of Object.entries(o)) if (k !== "span" && k !== "origin") pipelinesIn(v, out);
    }
    return out;
}

interface Tally {
    kinds: Map<string, number>;
    untyped: string[];
    stages: number;
    /** Diagnostics whose innermost stage is a typed command: `name: CODE source`. */
    typedDiagnostics: string[];
}

const CORE_KINDS = new Set(["SearchCommand", "WhereCommand", "EvalCommand", "StatsCommand", "MacroCall", "GenericCommand", "ErrorCommand"]);

function tally(texts: readonly { name: string; text: string }[]): Tally {
    const typed = new Set(TYPED_COMMANDS);
    const t: Tally = { kinds: new Map(), untyped: [], stages: 0, typedDiagnostics: [] };
    for (const { name, text } of texts) {
        const result = parse(text);
        const stages = pipelinesIn(result.pipeline).flatMap((p) => p.commands);
        for (const d of result.diagnostics) {
            const inner = stages.filter((c) => c.span.start <= d.span.start && d.span.end <= c.span.end).sort((a, b) => a.span.end - a.span.start - (b.span.end - b.span.start))[0];
            if (inner && !CORE_KINDS.has(inner.kind)) t.typedDiagnostics.push(`${name}: ${d.code} ${text.slice(d.span.start, d.span.end)}`);
        }
        for (const p of pipelinesIn(result.pipeline)) {
            expect(() => lineage(p)).not.toThrow();
            expect(() => fieldsAfter(p, p.commands.length - 1)).not.toThrow();
            for (const c of p.commands) {
                t.stages++;
                const key = c.kind === "GenericCommand" ? `GenericCommand(${c.canonical})` : c.kind;
                t.kinds.set(key, (t.kinds.get(key) ?? 0) + 1);
                if (c.kind === "GenericCommand" && typed.has(c.canonical)) t.untyped.push(`${name}: ${c.name}`);
            }
        }
    }
    return t;
}

function table(title: string, t: Tally): string {
    const rows = [...t.kinds.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    const width = Math.max(...rows.map(([k]) => k.length), 4);
    return [`${title}: ${t.stages} stages`, ...rows.map(([k, n]) => `  ${k.padEnd(width)} ${String(n).padStart(6)}`)].join("\n");
}

describeShared("typed commands over the corpus", () => {
    const searches = corpusSearches();
    const macros: MacroDefinition[] = corpusMacros().map((m) => ({ name: m.name, args: m.arguments, definition: m.definition }));

    it("types every stage of a typed command, macros unexpanded", () => {
        expect(searches.length).toBe(1824);
        const t = tally(searches.map((s) => ({ name: s.name, text: s.search })));
        console.log(table("corpus, macros unexpanded", t));
        expect(t.untyped).toEqual([]);
        // The only argument problems in the corpus: two investigations write rex patterns unquoted.
        expect(t.typedDiagnostics).toEqual([
            "AWS Investigate Security Hub alerts by dest: SPL2006 .*instance/(?<instance>.*)",
            "Investigate Suspicious Strings in HTTP Header: SPL2006 (?<suspicious_strings>cmd.exe)",
        ]);
        expect(t.kinds.get("RenameCommand")).toBeGreaterThan(500);
    });

    it("types every stage of a typed command, macros expanded (corpus + built-in definitions)", () => {
        const t = tally(searches.map((s) => ({ name: s.name, text: expandMacros(s.search, macros, { builtins: true }).text })));
        console.log(table("corpus, macros expanded", t));
        expect(t.untyped).toEqual([]);
        // security_content_ctime expands to convert in nearly every detection.
        expect(t.kinds.get("ConvertCommand")).toBeGreaterThan(1000);
    });
});
