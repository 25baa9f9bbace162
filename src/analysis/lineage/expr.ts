/**
 * The fields an expression reads (eval/where expressions, search expressions) and the output
 * name of an aggregation.
 */
import type { Aggregation, Expr, SearchExpr } from "../../ir/nodes.js";
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

/**
 * The direct operands of an eval expression, in source order. The walkers below run on an
 * explicit stack with this: a long `a+b+c+...` chain is a left-deep tree thousands of levels deep.
 */
export function exprOperands(e: Expr): readonly Expr[] {
    switch (e.kind) {
        case "Call":
            return e.args;
        case "Binary":
            return [e.left, e.right];
        case "Unary":
            return [e.operand];
        default:
            return [];
    }
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
    const todo: Expr[] = [e];
    while (todo.length > 0) {
        const x = todo.pop() as Expr;
        if (x.kind === "Field") push(out, x.name);
        const operands = exprOperands(x);
        for (let i = operands.length - 1; i >= 0; i--) todo.push(operands[i] as Expr);
    }
    return out;
}

/**
 * The field names a search expression reads: the fields of `Compare` and `In`, and `_raw` for
 * raw-text terms and TERM()/CASE() directives. Time modifiers, macros and subsearches read none.
 */
export function searchFields(e: SearchExpr | null, out: string[] = []): string[] {
    const todo: SearchExpr[] = e ? [e] : [];
    while (todo.length > 0) {
        const x = todo.pop() as SearchExpr;
        switch (x.kind) {
            case "SearchAnd":
            case "SearchOr":
                for (let i = x.operands.length - 1; i >= 0; i--) todo.push(x.operands[i] as SearchExpr);
                break;
            case "SearchNot":
                todo.push(x.operand);
                break;
            case "Compare":
            case "In":
                push(out, x.field);
                break;
            case "Term":
            case "Directive":
                push(out, "_raw");
                break;
            default:
                break;
        }
    }
    return out;
}
