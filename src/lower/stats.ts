/**
 * Lowering of the stats family (stats, eventstats, streamstats, chart, timechart, tstats,
 * mstats, si*): aggregations, BY/OVER fields, options, and tstats' FROM and WHERE clauses.
 */
import type { ParseTree } from "antlr4ng";
import {
    AggArgContext,
    AggCallContext,
    AggregationContext,
    DirectiveContext,
    EvalExprContext,
    ByItemContext,
    StatsByContext,
    StatsWhereContext,
    FieldNameContext,
    FromSpecContext,
    OptionContext,
    SearchExprContext,
    SplParser,
    StatsArgContext,
    StatsCommandContext,
} from "../generated/SplParser.js";
import type { Aggregation, Expr, MacroCall, OptionArg, SearchExpr, StatsCommand } from "../ir/nodes.js";
import { canonicalName } from "../commands/catalog.js";
import { childrenOf, tokenOf, type LowerContext } from "./context.js";
import { lowerOption } from "./args.js";
import { lowerExpr } from "./expr.js";
import { conjunction, fieldNameText, fieldRefOf, lowerSearchExpr, macroCall } from "./search.js";
import { unquote } from "./values.js";

/** Lowers a stats-family command. */
export function lowerStats(cx: LowerContext, ctx: StatsCommandContext): StatsCommand {
    const kids = childrenOf(ctx);
    const nameTok = tokenOf(kids[0]);
    const name = cx.tokenText(nameTok).toLowerCase();
    const node: StatsCommand = {
        kind: "StatsCommand",
        name,
        canonical: canonicalName(name),
        aggregations: [],
        by: [],
        over: null,
        options: [],
        datamodel: null,
        nodename: null,
        where: null,
        macros: [],
        span: cx.span(ctx),
    };
    for (const k of kids) {
        if (k instanceof StatsArgContext) statsArg(cx, node, k);
        else if (k instanceof StatsWhereContext) {
            const e = childrenOf(k).find((c) => c instanceof SearchExprContext) as SearchExprContext | undefined;
            const where = e ? lowerSearchExpr(cx, e) : null;
            if (where) node.where = node.where ? conjunction(node.where, where) : where;
        } else if (k instanceof StatsByContext) {
            const before = node.by.length;
            const items = childrenOf(k).filter((c): c is ByItemContext => c instanceof ByItemContext);
            items.forEach((item, i) => byItem(cx, node, item, items[i - 1]));
            if (node.by.length === before && node.over === null && !items.some(isMacroItem)) cx.report("SPL2005", "BY needs at least one field", cx.span(k));
        }
    }
    if (node.where && node.canonical === "tstats") node.nodename = findNodename(node.where);
    return node;
}

function statsArg(cx: LowerContext, node: StatsCommand, ctx: StatsArgContext): void {
    const kids = childrenOf(ctx);
    const first = kids[0];
    if (!first) return;
    if (first instanceof OptionContext) {
        node.options.push(lowerOption(cx, first));
        return;
    }
    if (first instanceof AggregationContext) {
        const agg = aggregation(cx, first);
        if (agg) node.aggregations.push(agg);
        return;
    }
    const tok = tokenOf(first);
    if (!tok) return;
    switch (tok.type) {
        case SplParser.OVER: {
            const f = kids.find((k) => k instanceof FieldNameContext) as FieldNameContext | undefined;
            if (f) node.over = fieldNameText(cx, f);
            return;
        }
        case SplParser.FROM: {
            const spec = kids.find((k) => k instanceof FromSpecContext);
            if (spec) fromSpec(cx, node, spec);
            return;
        }
        case SplParser.MACRO:
            node.macros.push(macroCall(cx, cx.tokenText(tok), cx.tokenSpan(tok)));
            return;
        default:
            return;
    }
}

function fromSpec(cx: LowerContext, node: StatsCommand, ctx: ParseTree): void {
    const first = childrenOf(ctx)[0];
    if (first instanceof OptionContext) {
        const o: OptionArg = lowerOption(cx, first);
        if (o.name.toLowerCase() === "datamodel") node.datamodel = o.value;
        else node.options.push(o);
        return;
    }
    const tok = tokenOf(first);
    if (!tok) return;
    if (tok.type === SplParser.MACRO) {
        node.macros.push(macroCall(cx, cx.tokenText(tok), cx.tokenSpan(tok)));
        return;
    }
    // `FROM datamodel:Endpoint.Processes` or `FROM Endpoint.Processes`
    const text = tok.type === SplParser.QUOTED ? unquote(cx.tokenText(tok)) : cx.tokenText(tok);
    node.datamodel = text.replace(/^datamodel:/i, "");
}

/** The `nodename=` comparison of a tstats WHERE clause (top-level AND operand). */
function findNodename(where: SearchExpr): string | null {
    const ops = where.kind === "SearchAnd" ? where.operands : [where];
    for (const o of ops) {
        if (o.kind === "Compare" && o.op === "=" && o.field.toLowerCase() === "nodename") return o.value.text;
    }
    return null;
}

function isMacroItem(ctx: ByItemContext): boolean {
    return tokenOf(childrenOf(ctx)[0])?.type === SplParser.MACRO;
}

/**
 * One item of a BY clause: a field, an option such as `span=1h`, chart's `OVER x`, or a macro.
 * A macro right after a field (no comma between) is glued after the command (reference §1.8);
 * after BY or a comma it stands for fields, and its text is kept in `by` as well.
 */
function byItem(cx: LowerContext, node: StatsCommand, ctx: ByItemContext, previous: ByItemContext | undefined): void {
    const kids = childrenOf(ctx);
    const first = kids[0];
    const tok = tokenOf(first);
    if (tok?.type === SplParser.MACRO) {
        const call = macroCall(cx, cx.tokenText(tok), cx.tokenSpan(tok));
        // Glued only after a field of the list: a BY that holds no field yet (`by y=1`h``) has
        // nothing for the macro to follow, and it stands in option position.
        const afterField = previous !== undefined && tokenOf(childrenOf(previous)[0])?.type !== SplParser.COMMA && node.by.length > 0;
        if (afterField) {
            call.glued = true;
            node.macros.push(call);
        } else node.by.push(call);
        return;
    }
    if (first instanceof OptionContext) node.options.push(lowerOption(cx, first));
    else if (first instanceof FieldNameContext) node.by.push(fieldRefOf(cx, first));
    else if (first instanceof DirectiveContext) node.by.push({ kind: "FieldRef", name: cx.source(first), quoted: false, span: cx.span(first) });
    else {
        const f = kids.find((k) => k instanceof FieldNameContext) as FieldNameContext | undefined;
        if (f) node.over = fieldNameText(cx, f);
    }
}

function aggregation(cx: LowerContext, ctx: AggregationContext): Aggregation | null {
    const kids = childrenOf(ctx);
    const call = kids.find((k) => k instanceof AggCallContext) as AggCallContext | undefined;
    if (!call) return null;
    const asCtx = kids.find((k) => k instanceof FieldNameContext) as FieldNameContext | undefined;
    const span = cx.span(ctx);
    const { fn, args } = aggCall(cx, call);
    if (fn === "") cx.report("SPL2003", "aggregation without a function name (write e.g. count(x) or values(x))", cx.span(call));
    const comma = kids.find((k) => tokenOf(k)?.type === SplParser.COMMA);
    if (comma && asCtx) cx.report("SPL1017", "comma between the aggregation and its AS; Splunk reads it as a separator, so the AS still names this aggregation", cx.span(comma));
    return { fn, args, as: asCtx ? fieldNameText(cx, asCtx) : null, span };
}

function aggCall(cx: LowerContext, ctx: AggCallContext | AggArgContext): { fn: string; args: Expr[] } {
    const kids = childrenOf(ctx);
    const tok = tokenOf(kids[0]);
    if (tok?.type === SplParser.EVAL_CALL) {
        const e = kids.find((k) => k instanceof EvalExprContext);
        const expr = e ? lowerExpr(cx, e) : null;
        return { fn: "eval", args: expr ? [expr] : [] };
    }
    const args: Expr[] = [];
    for (const k of kids) {
        if (k instanceof AggArgContext) {
            const a = aggArg(cx, k);
            if (a) args.push(a);
        }
    }
    if (tok?.type === SplParser.LPAREN) return { fn: "", args };
    return { fn: cx.tokenText(tok).toLowerCase(), args };
}

function aggArg(cx: LowerContext, ctx: AggArgContext): Expr | null {
    const kids = childrenOf(ctx);
    const tok = tokenOf(kids[0]);
    const span = cx.span(ctx);
    // tstats' PREFIX(x) names an indexed-term prefix; it stands where a field would.
    if (kids[0] instanceof DirectiveContext) return { kind: "Field", name: cx.source(ctx), quoted: false, span };
    if (!tok) return null;
    if (tok.type === SplParser.EVAL_CALL || kids.length > 1) {
        const { fn, args } = aggCall(cx, ctx);
        return { kind: "Call", name: fn, args, span };
    }
    switch (tok.type) {
        case SplParser.QUOTED:
            return { kind: "String", value: unquote(cx.tokenText(tok)), raw: cx.tokenText(tok), span };
        case SplParser.MACRO:
            return macroCall(cx, cx.tokenText(tok), span) satisfies MacroCall;
        default:
            return { kind: "Field", name: cx.tokenText(tok), quoted: false, span };
    }
}
