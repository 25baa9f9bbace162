// Renders search expressions fully parenthesised, e.g. `(and (or a b) c)`, so that precedence
// tests state the tree compactly. Values print as written (`raw`), comparisons as field op raw.
import type { Command, Pipeline, SearchExpr } from "../../src/index.js";

/** A search expression as an s-expression. */
export function sexpr(e: SearchExpr | null): string {
    if (!e) return "()";
    switch (e.kind) {
        case "SearchAnd":
            return `(and ${e.operands.map(sexpr).join(" ")})`;
        case "SearchOr":
            return `(or ${e.operands.map(sexpr).join(" ")})`;
        case "SearchNot":
            return `(not ${sexpr(e.operand)})`;
        case "Compare":
            return `${e.field}${e.op}${e.value.raw}${e.modifier ? "!m" : ""}`;
        case "In":
            return `(in ${e.field} ${e.values.map((v) => v.raw).join(" ")})`;
        case "Term":
            return e.value.raw;
        case "Directive":
            return `${e.name}{${e.text}}`;
        case "TimeModifier":
            return `(time ${e.name} ${e.value})`;
        case "MacroCall":
            return `\`${e.name}${e.args.length ? `(${e.args.join(",")})` : ""}\``;
        case "Subsearch":
            return `[${pipelineShape(e.pipeline)}]`;
    }
}

/** The command names of a pipeline, `|`-joined (`search|stats`). */
export function pipelineShape(p: Pipeline): string {
    return p.commands.map((c: Command) => (c.kind === "MacroCall" ? `\`${c.name}\`` : c.name)).join("|");
}

/** The filter of the first stage of a parsed text, as an s-expression. */
export function firstFilter(p: Pipeline): string {
    const c = p.commands[0];
    if (!c || c.kind !== "SearchCommand") return `<${c?.kind ?? "none"}>`;
    return sexpr(c.filter);
}
