/**
 * Lineage of the stages lowered in src/lower/pipeline.ts: `search`, `where`, `eval`, macro and
 * token stages, untyped commands and stages that could not be lowered.
 */
import type { Command } from "../../ir/nodes.js";
import { isTrue, optionOf, type LineageEntry, type LineageTable } from "./entry.js";
import { exprFields, searchFields } from "./expr.js";
import { Builder, push, pushAll, UNKNOWN } from "./sets.js";

/** Untyped commands that neither add, remove nor rename fields. */
const PASS_THROUGH = new Set([
    "reverse",
    "uniq",
    "localop",
    "noop",
    "redistribute",
    "require",
    "sendemail",
    "sendalert",
    "outputcsv",
    "filldown",
    "nomv",
    "mvcombine",
    "highlight",
    "iconify",
    "abstract",
    "delete",
    "typer",
]);

/**
 * A stage whose text is unknown (a macro or token stage, a stage that could not be lowered):
 * it reads and writes no field that is known, and afterwards what was known is kept as a best
 * guess, promising nothing.
 */
const UNKNOWN_STAGE: LineageEntry<Command> = {
    fields: () => undefined,
    after: (prev) => new Builder(prev).unknown().build(),
};

/** This family's entries of the lineage table (../lineage.ts). */
export const PIPELINE_LINEAGE = {
    SearchCommand: {
        fields: (c, io) => searchFields(c.filter, io.reads),
        after: (prev, _c, index) => (index === 0 ? new Builder(UNKNOWN).build() : prev),
        type: (_c, index) => (index === 0 ? "generating" : "streaming"),
    },
    WhereCommand: {
        fields: (c, io) => exprFields(c.condition, io.reads),
        after: (prev) => prev,
    },
    EvalCommand: {
        fields: (c, io) => {
            for (const a of c.assignments) exprFields(a.expr, io.reads);
            // fieldformat changes how a field is shown, not its value.
            if (c.canonical !== "fieldformat") for (const a of c.assignments) push(io.writes, a.field);
        },
        after: (prev, c) => (c.canonical === "fieldformat" ? prev : new Builder(prev).addAll(c.assignments.map((a) => a.field)).build()),
    },
    GenericCommand: {
        fields: (c, io) => {
            // `strcat a b c`: the last field is the one written.
            if (c.canonical !== "strcat") return;
            const words = c.args.filter((a): a is Extract<typeof a, { kind: "WordArg" }> => a.kind === "WordArg");
            const dest = words[words.length - 1];
            if (dest) {
                pushAll(
                    io.reads,
                    words
                        .slice(0, -1)
                        .map((w) => w.text)
                        .filter((t) => !t.startsWith('"')),
                );
                push(io.writes, dest.text);
            }
        },
        after: (prev, c) => (PASS_THROUGH.has(c.canonical) ? prev : new Builder(prev).unknown().build()),
        type: (c) => (c.canonical === "xyseries" ? (isTrue(optionOf(c, "grouped")) ? "transforming" : "streaming") : undefined),
    },
    MacroCall: UNKNOWN_STAGE,
    Placeholder: UNKNOWN_STAGE,
    ErrorCommand: UNKNOWN_STAGE,
} satisfies Partial<LineageTable>;
