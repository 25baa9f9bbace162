/**
 * The fields an expression reads (eval/where expressions, search expressions) and the output
 * name of an aggregation.
 */
import type { Aggregation, Expr, SearchExpr } from "../../ir/nodes.js";
import { SKIP, walkNodes } from "../../visit/visit.js";
import { push } from "./sets.js";

/**
 * The output field name of an aggregation: its `AS` name, or Splunk's default, the call as
 * written (`count`, `min(_time)`, `values(Processes.dest)`). For `eval(...)` arguments the
 * expression is re-printed, which may differ in spacing from the source.
 */
export function aggregationName(agg: Aggregation): string {
    if (agg.as !== null) return agg.as;
    if (agg.args.length === 0) return agg.fn;
    return `${agg.fn}(${agg.args.map(exprText).join(", ")})`;
}

/** Pieces of an expression's text, in order: literal strings and operands still to render. */
function exprPieces(e: Expr): (Expr | string)[] {
    const list = (xs: readonly Expr[]): (Expr | string)[] => xs.flatMap((x, i) => (i === 0 ? [x] : [", ", x]));
    switch (e.kind) {
        case "Field":
            return [e.name];
        case "String":
            return [e.value];
        case "Number":
            return [e.raw];
        case "Boolean":
            return [e.value ? "true()" : "false()"];
        case "Placeholder":
            return [`$${e.name}$`];
        case "Call":
            if (e.infix && e.args[0]) return [e.args[0], " IN (", ...list(e.args.slice(1)), ")"];
            return [`${e.name}(`, ...list(e.args), ")"];
        case "Binary":
            return /^[A-Z]+$/.test(e.op) ? [e.left, ` ${e.op} `, e.right] : [e.left, e.op, e.right];
        case "Unary":
            return [e.op === "NOT" ? "NOT " : e.op, e.operand];
        case "MacroCall":
            return [`\`${e.name}\``];
        case "Subsearch":
            return ["[...]"];
    }
}

function exprText(root: Expr): string {
    const out: string[] = [];
    const todo: (Expr | string)[] = [root];
    while (todo.length > 0) {
        const x = todo.pop() as Expr | string;
        if (typeof x === "string") out.push(x);
        else {
            const pieces = exprPieces(x);
            for (let i = pieces.length - 1; i >= 0; i--) todo.push(pieces[i] as Expr | string);
        }
    }
    return out.join("");
}

/** The field names an eval/where expression reads (`Field` nodes), in order, without duplicates. */
export function exprFields(e: Expr, out: string[] = []): string[] {
    walkNodes(e, {
        Field: (x) => push(out, x.name),
        Subsearch: () => SKIP,
    });
    return out;
}

/**
 * The field names a search expression reads: the fields of `Compare` and `In`, and `_raw` for
 * raw-text terms and TERM()/CASE() directives. Time modifiers, macros and subsearches read none.
 */
export function searchFields(e: SearchExpr | null, out: string[] = []): string[] {
    if (!e) return out;
    const field = (x: { field: string }): typeof SKIP => {
        push(out, x.field);
        return SKIP;
    };
    const raw = (): typeof SKIP => {
        push(out, "_raw");
        return SKIP;
    };
    walkNodes(e, { Compare: field, In: field, Term: raw, Directive: raw, Subsearch: () => SKIP });
    return out;
}
