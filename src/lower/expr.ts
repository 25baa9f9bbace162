/**
 * Lowering of eval/where expressions. The grammar fixes precedence (XOR loosest, then OR, AND,
 * NOT, comparisons, additive, multiplicative, unary); binary chains become left-associative
 * `Binary` nodes.
 */
import type { ParseTree } from "antlr4ng";
import {
    EvalArgsContext,
    EvalAtomContext,
    EvalBinaryContext,
    EvalCallContext,
    EvalExprContext,
    EvalFieldContext,
    EvalGroupContext,
    EvalInContext,
    EvalMacroContext,
    EvalNumberContext,
    EvalPlaceholderContext,
    EvalPrimaryContext,
    EvalQuotedFieldContext,
    EvalStringContext,
    EvalSubsearchContext,
    EvalTemplateContext,
    EvalUnaryContext,
    SplParser,
    SubsearchContext,
} from "../generated/SplParser.js";
import type { Expr } from "../ir/nodes.js";
import { childrenOf, tokenOf, type LowerContext } from "./context.js";
import { lowerSubsearch, macroCall } from "./search.js";
import { unescapeSpl } from "./values.js";

const WORD_OPERATORS = new Set(["AND", "OR", "XOR", "LIKE", "NOT", "IN"]);

/** Lowers an eval expression; null when recovery left nothing. */
export function lowerExpr(cx: LowerContext, ctx: ParseTree): Expr | null {
    if (ctx instanceof EvalBinaryContext || ctx instanceof EvalInContext) return binary(cx, ctx);
    if (ctx instanceof EvalUnaryContext) return unary(cx, ctx);
    if (ctx instanceof EvalAtomContext) {
        const p = childrenOf(ctx)[0];
        return p instanceof EvalPrimaryContext ? primary(cx, p) : null;
    }
    if (ctx instanceof EvalPrimaryContext) return primary(cx, ctx);
    return null;
}

function operatorText(text: string): string {
    const upper = text.toUpperCase();
    return WORD_OPERATORS.has(upper) ? upper : text;
}

/**
 * A left-recursive chain (`a + b + c ...` is ((a + b) + c)) walked iteratively along its left
 * spine, so that a 20,000-term chain cannot exhaust the stack.
 */
function binary(cx: LowerContext, ctx: EvalBinaryContext | EvalInContext): Expr | null {
    const spine: (EvalBinaryContext | EvalInContext)[] = [];
    let cur: ParseTree | undefined = ctx;
    while (cur instanceof EvalBinaryContext || cur instanceof EvalInContext) {
        spine.push(cur);
        cur = childrenOf(cur)[0];
    }
    let left = cur ? lowerExpr(cx, cur) : null;
    for (let i = spine.length - 1; i >= 0; i--) {
        const node = spine[i] as EvalBinaryContext | EvalInContext;
        const kids = childrenOf(node);
        if (!left) return null;
        if (node instanceof EvalInContext) {
            const argsCtx = kids.find((k) => k instanceof EvalArgsContext);
            const args = argsCtx ? lowerArgs(cx, argsCtx) : [];
            left = { kind: "Call", name: "in", args: [left, ...args], infix: true, span: { start: left.span.start, end: cx.span(node).end } };
            continue;
        }
        const tok = tokenOf(kids[1]);
        const right = kids[2] ? lowerExpr(cx, kids[2]) : null;
        if (!right || !tok) continue;
        left = { kind: "Binary", op: operatorText(cx.tokenText(tok)), left, right, span: { start: left.span.start, end: right.span.end } };
    }
    return left;
}

function unary(cx: LowerContext, ctx: EvalUnaryContext): Expr | null {
    // Prefix chains (`NOT NOT ... x`) are walked iteratively too.
    const ops: { op: "NOT" | "-" | "+"; start: number }[] = [];
    let cur: ParseTree | undefined = ctx;
    while (cur instanceof EvalUnaryContext) {
        const kids = childrenOf(cur);
        const tok = tokenOf(kids[0]);
        if (tok) ops.push({ op: tok.type === SplParser.MINUS ? "-" : tok.type === SplParser.PLUS ? "+" : "NOT", start: cx.tokenSpan(tok).start });
        cur = kids[1];
    }
    let e = cur ? lowerExpr(cx, cur) : null;
    for (let i = ops.length - 1; i >= 0 && e; i--) {
        const { op, start } = ops[i] as { op: "NOT" | "-" | "+"; start: number };
        e = { kind: "Unary", op, operand: e, span: { start, end: e.span.end } };
    }
    return e;
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
        const name = cx.tokenText(nameTok).toLowerCase();
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
    if (ctx instanceof EvalNumberContext) {
        // The IR is plain JSON: a literal beyond a double (`1e999`) keeps its text, not Infinity.
        const value = Number(raw);
        if (Number.isFinite(value)) return { kind: "Number", value, raw, span };
        cx.report("SPL1105", `number ${raw} is out of range (beyond a 64-bit float); its value is null, its text is kept`, span);
        return { kind: "Number", value: null, raw, span };
    }
    if (ctx instanceof EvalStringContext) return { kind: "String", value: stringValue(raw), raw, span };
    if (ctx instanceof EvalPlaceholderContext) return { kind: "Placeholder", name: raw.slice(1, -1), span };
    if (ctx instanceof EvalMacroContext) return macroCall(cx, raw, span);
    if (ctx instanceof EvalSubsearchContext) {
        const sub = childrenOf(ctx)[0];
        return sub instanceof SubsearchContext ? lowerSubsearch(cx, sub) : null;
    }
    return null;
}
