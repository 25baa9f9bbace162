/**
 * Lowering of command arguments into their generic, structured form (`CommandArg[]`): the form
 * every command has before the typed lowering of src/lower/commands/ reads it.
 */
import type { ParseTree } from "antlr4ng";
import {
    DirectiveContext,
    EvalExprContext,
    GenericArgContext,
    KeywordContext,
    OptionContext,
    OptionNameContext,
    OptionValueContext,
    SearchExprContext,
    SplParser,
    SubsearchContext,
    WhereClauseContext,
} from "../generated/SplParser.js";
import type { CommandArg, OptionArg, StringArg } from "../ir/nodes.js";
import { childrenOf, tokenOf, type LowerContext } from "./context.js";
import { lowerSearchExpr, lowerSubsearch, macroCall } from "./search.js";
import { isQuoted, unquote } from "./values.js";

const PUNCT = new Set<number>([SplParser.NEQ, SplParser.LT, SplParser.LE, SplParser.GT, SplParser.GE, SplParser.EQEQ, SplParser.COMMA]);

/** Lowers `name=value`. */
export function lowerOption(cx: LowerContext, ctx: OptionContext): OptionArg {
    const kids = childrenOf(ctx);
    const nameCtx = kids.find((k) => k instanceof OptionNameContext);
    const valueCtx = kids.find((k) => k instanceof OptionValueContext);
    const span = cx.span(ctx);
    const name = nameCtx ? cx.source(nameCtx) : "";
    const raw = valueCtx ? cx.source(valueCtx) : "";
    const quoted = isQuoted(raw);
    return { kind: "OptionArg", name, value: quoted ? unquote(raw) : raw, raw, quoted, span };
}

/** Lowers a sequence of genericArg nodes (skipping anything else). */
export function lowerArgs(cx: LowerContext, nodes: readonly ParseTree[]): CommandArg[] {
    const out: CommandArg[] = [];
    for (const n of nodes) {
        if (n instanceof GenericArgContext) {
            const a = lowerArg(cx, n);
            if (a) out.push(a);
        } else if (n instanceof WhereClauseContext) {
            const e = childrenOf(n).find((k) => k instanceof SearchExprContext) as SearchExprContext | undefined;
            out.push({ kind: "WhereArg", filter: e ? lowerSearchExpr(cx, e) : null, span: cx.span(n) });
        }
    }
    return out;
}

function lowerArg(cx: LowerContext, ctx: GenericArgContext): CommandArg | null {
    const kids = childrenOf(ctx);
    const first = kids[0];
    if (!first) return null;
    const span = cx.span(ctx);
    if (first instanceof OptionContext) return lowerOption(cx, first);
    if (first instanceof KeywordContext) {
        const raw = cx.source(first);
        return { kind: "KeywordArg", keyword: raw.toUpperCase(), raw, span };
    }
    if (first instanceof DirectiveContext) return { kind: "WordArg", text: cx.source(first), span };
    if (first instanceof SubsearchContext) return lowerSubsearch(cx, first);
    const tok = tokenOf(first);
    if (!tok) return null;
    switch (tok.type) {
        case SplParser.WORD:
            if (kids.length > 1) return { kind: "CallArg", name: cx.tokenText(tok), args: lowerArgs(cx, kids), span };
            return { kind: "WordArg", text: cx.tokenText(tok), span };
        case SplParser.EVAL_CALL: {
            // `eval(...)` among generic arguments: keep its text; the typed commands that
            // accept eval expressions have their own grammar rule.
            const e = kids.find((k) => k instanceof EvalExprContext);
            return { kind: "CallArg", name: "eval", args: e ? [{ kind: "WordArg", text: cx.source(e), span: cx.span(e) }] : [], span };
        }
        case SplParser.LPAREN:
            return { kind: "GroupArg", args: lowerArgs(cx, kids), span };
        case SplParser.QUOTED: {
            const s: StringArg = { kind: "StringArg", value: unquote(cx.tokenText(tok)), raw: cx.tokenText(tok), span };
            if (cx.gluedParens.has(span.end)) s.gluedParen = true;
            return s;
        }
        case SplParser.TEMPLATE:
            return { kind: "WordArg", text: cx.tokenText(tok), span };
        case SplParser.MACRO:
            return macroCall(cx, cx.tokenText(tok), span);
        default:
            if (PUNCT.has(tok.type)) return { kind: "PunctArg", text: cx.tokenText(tok), span };
            return null;
    }
}
