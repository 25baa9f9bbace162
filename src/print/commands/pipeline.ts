/**
 * Printing of the stages lowered in src/lower/pipeline.ts: `search`, `where`, `eval`, macro and
 * token stages, untyped commands and stages that could not be lowered.
 */
import { fill, group, indent, join, line } from "../doc.js";
import { evalTarget } from "../lexical.js";
import { SEARCH, macroText, gluedDocs, type PrintTable } from "./entry.js";

/** This family's entries of the printing table (../print.ts). */
export const PIPELINE_PRINT = {
    SearchCommand: (p, c) => (c.filter ? [c.name, " ", indent(p.search(c.filter, SEARCH))] : c.name),
    WhereCommand: (p, c) => [c.name, " ", indent(p.expr(c.condition)), ...gluedDocs(c.macros)],
    EvalCommand: (p, c) => [
        c.name,
        " ",
        indent(
            group(
                join(
                    [",", line],
                    c.assignments.map((a) => p.led(a.span.start, () => [evalTarget(a.field), "=", p.expr(a.expr)])),
                ),
            ),
        ),
        ...gluedDocs(c.macros),
    ],
    GenericCommand: (p, c) => {
        // A macro followed by arguments: the name is the macro, which is also args[0].
        const parts = p.argParts(c.args, p.words);
        return c.name.startsWith("`") ? fill(join(line, parts)) : p.withParts(c.name, parts);
    },
    ErrorCommand: (p, c) => c.text,
    MacroCall: (p, c) => macroText(c),
    Placeholder: (p, c) => c.name,
} satisfies Partial<PrintTable>;
