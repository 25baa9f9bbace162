/**
 * Lowering of eval/where expressions. The grammar fixes precedence (XOR loosest, then OR, AND,
 * NOT, comparisons, additive, multiplicative, unary); binary chains become left-associative
 * `Binary` nodes.
 */
import type { ParseTree } from "antlr4ng";
import {
    EvalAdditiveContext,
    EvalAndContext,
    EvalArgsContext,
    EvalCallContext,
    EvalCompareContext,
    EvalExprContext,
    EvalFieldContext,
    EvalGroupContext,
    EvalMacroContext,
    EvalMultiplicativeContext,
    EvalNotContext,
    EvalNumberContext,
    EvalOrContext,
    EvalPlaceholderContext,
    EvalPrimaryContext,
    EvalQuotedFieldContext,
    EvalStringContext,
    EvalSubsearchContext,
    SubsearchContext,
    EvalTemplateContext,
    EvalUnaryContext,
    SplParser,
} from "../generated/SplParser.js";
import { ParserRuleContext } from "antlr4ng";
import type { Expr } from "../ir/nodes.js";
import { childrenOf, tokenOf, type LowerContext } from "./context.js";
import { lowerSubsearch, macroCall } from "./search.js";
import { unescapeSpl } from "./values.js";

const WORD_OPERATORS = new Set(["AND", "OR", "XOR", "LIKE", "NOT", "IN"]);

/** Lowers an eval expression; null when recovery left nothing. */
export function lowerExpr(cx: LowerContext, ctx: ParseTree): Expr | null {
    if (ctx instanceof EvalExprContext || ctx instanceof EvalOrContext || ctx instanceof EvalAndContext ||
        ctx instanceof EvalAdditiveContext || ctx instanceof EvalMultiplicativeContext) {
        return binaryChain(cx, ctx);
    }
    if (ctx instanceof EvalNotContext || ctx instanceof EvalUnaryContext) return unary(cx, ctx);
    if (ctx instanceof EvalCompareContext) return compare(cx, ctx);
    if (ctx instanceof EvalPrimaryContext) return primary(cx, ctx);
    return null;
}

function operatorText(text: string): string {
    const upper = text.toUpperCase();
    return WORD_OPERATORS.has(upper) ? upper : text;
}

function binaryChain(cx: LowerContext, ctx: ParserRuleContext): Expr | null {
    let left: Expr | null = null;
    let op: string | null = null;
    for (const child of childrenOf(ctx)) {
        const tok = tokenOf(child);
        if (tok) {
            op = operatorText(tok.text ?? "");
            continue;
        }
        const right = lowerExpr(cx, child);
        if (!right) continue;
        if (left && op) left = { kind: "Binary", op, left, right, span: { start: left.span.start, end: right.span.end } };
        else left = right;
        op = null;
    }
    return left;
}

function unary(cx: LowerContext, ctx: ParserRuleContext): Expr | null {
    const kids = childrenOf(ctx);
    const tok = tokenOf(kids[0]);
    if (!tok) return kids[0] ? lowerExpr(cx, kids[0]) : null;
    const operand = kids[1] ? lowerExpr(cx, kids[1]) : null;
    if (!operand) return null;
    const op = tok.type === SplParser.MINUS ? "-" : tok.type === SplParser.PLUS ? "+" : "NOT";
    return { kind: "Unary", op, operand, span: { start: cx.tokenSpan(tok).start, end: operand.span.end } };
}

function compare(cx: LowerContext, ctx: EvalCompareContext): Expr | null {
    const kids = childrenOf(ctx);
    const left = kids[0] ? lowerExpr(cx, kids[0]) : null;
    if (!left || kids.length < 2) return left;
    const tok = tokenOf(kids[1]);
    if (tok && tok.type === SplParser.IN) {
        const argsCtx = kids.find((k) => k instanceof EvalArgsContext);
        const args = argsCtx ? lowerArgs(cx, argsCtx) : [];
        return { kind: "Call", name: "in", args: [left, ...args], infix: true, span: cx.span(ctx) };
    }
    const right = kids[2] ? lowerExpr(cx, kids[2]) : null;
    if (!right || !tok) return left;
    return { kind: "Binary", op: operatorText(tok.text ?? ""), left, right, span: { start: left.span.start, end: right.span.end } };
}

function lowerArgs(cx: LowerContext, ctx: ParseTree): Expr[] {
    const out: Expr[] = [];
    for (const c of childrenOf(ctx)) {
        if (c instanceof EvalExprContext) {
            const e = lowerExpr(cx, c);
            if (e) out.push(e);
        }
    }
    return out;
}

/** A double-quoted eval string: quotes removed, SPL escapes resolved. */
function stringValue(raw: string): string {
    const inner = raw.length >= 2 && raw.endsWith('"') ? raw.slice(1, -1) : raw.slice(1);
    return unescapeSpl(inner);
}

function primary(cx: LowerContext, ctx: EvalPrimaryContext): Expr | null {
    const span = cx.span(ctx);
    const raw = cx.text.slice(span.start, span.end);
    if (ctx instanceof EvalGroupContext) {
        const inner = childrenOf(ctx).find((c) => c instanceof EvalExprContext);
        return inner ? lowerExpr(cx, inner) : null;
    }
    if (ctx instanceof EvalCallContext) {
        const nameTok = tokenOf(childrenOf(ctx)[0]);
        const name = (nameTok?.text ?? "").toLowerCase();
        const argsCtx = childrenOf(ctx).find((c) => c instanceof EvalArgsContext);
        const args = argsCtx ? lowerArgs(cx, argsCtx) : [];
        if ((name === "true" || name === "false") && args.length === 0) return { kind: "Boolean", value: name === "true", span };
        return { kind: "Call", name, args, span };
    }
    if (ctx instanceof EvalFieldContext || ctx instanceof EvalTemplateContext) return { kind: "Field", name: raw, quoted: false, span };
    if (ctx instanceof EvalQuotedFieldContext) {
        const inner = raw.length >= 2 && raw.endsWith("'") ? raw.slice(1, -1) : raw.slice(1);
        return { kind: "Field", name: inner.replace(/\\(['\\])/g, "$1"), quoted: true, span };
    }
    if (ctx instanceof EvalNumberContext) return { kind: "Number", value: Number(raw), raw, span };
    if (ctx instanceof EvalStringContext) return { kind: "String", value: stringValue(raw), raw, span };
    if (ctx instanceof EvalPlaceholderContext) return { kind: "Placeholder", name: raw.slice(1, -1), span };
    if (ctx instanceof EvalMacroContext) return macroCall(cx, raw, span);
    if (ctx instanceof EvalSubsearchContext) {
        const sub = childrenOf(ctx)[0];
        return sub instanceof SubsearchContext ? lowerSubsearch(cx, sub) : null;
    }
    return null;
}
