/**
 * Lowering of search expressions (the search command, the leading search, tstats/inputlookup
 * `where`). The grammar already encodes Splunk's precedence (NOT, then OR, then AND); this pass
 * flattens same-kind operands, drops parentheses and recognises modifiers and directives.
 */
import type { ParseTree } from "antlr4ng";
import {
    DirectiveContext,
    FieldNameContext,
    SearchCommaContext,
    SearchCompareContext,
    SearchDirectiveContext,
    SearchExprContext,
    SearchGroupContext,
    SearchInContext,
    SearchInRefContext,
    InListContext,
    SearchMacroContext,
    SearchNotContext,
    SearchOrContext,
    SearchSubsearchContext,
    SearchTermContext,
    SearchValueContext,
    SubsearchContext,
    TermValueContext,
    CompareOpContext,
    PipelineContext,
    SplParser,
} from "../generated/SplParser.js";
import type { CompareOp, Directive, FieldRef, MacroCall, SearchExpr, SearchValue, Subsearch } from "../ir/nodes.js";
import { childrenOf, tokenOf, type LowerContext } from "./context.js";
import { parseCall } from "../macros/scan.js";
import { searchValue, unescapeSpl, unquote } from "./values.js";
import { lowerPipeline } from "./pipeline.js";

/** Time modifiers: name=value pairs that set the time range, not field predicates (§2.10). */
const TIME_MODIFIERS = new Set([
    "earliest",
    "latest",
    "_index_earliest",
    "_index_latest",
    "starttime",
    "endtime",
    "timeformat",
    "daysago",
    "hoursago",
    "minutesago",
    "monthsago",
    "startdaysago",
    "starthoursago",
    "startminutesago",
    "startmonthsago",
    "enddaysago",
    "endhoursago",
    "endminutesago",
    "endmonthsago",
    "searchtimespandays",
    "searchtimespanhours",
    "searchtimespanminutes",
    "searchtimespanmonths",
    "starttimeu",
    "endtimeu",
]);

/** Search modifiers (§2.9): kept as comparisons, marked. */
const MODIFIERS = new Set(["index", "sourcetype", "source", "host", "eventtype", "tag", "splunk_server", "splunk_server_group", "hosttag", "eventtypetag", "savedsearch", "savedsplunk"]);

/**
 * Whether a field of a search comparison is a search modifier (`index`, `tag::host`, ...).
 * Field names are case-sensitive: `eventType=` (Okta) and `EventType=` (Sysmon) are ordinary
 * fields, not the `eventtype` modifier; likewise `Host=`, `Source=`, `INDEX=`.
 */
export function isModifierField(field: string): boolean {
    return MODIFIERS.has(field) || field.startsWith("tag::");
}

/** Whether a name is a time modifier. */
export function isTimeModifier(field: string): boolean {
    return TIME_MODIFIERS.has(field.toLowerCase());
}

/** Lowers a searchExpr node; null when recovery left nothing. */
export function lowerSearchExpr(cx: LowerContext, ctx: SearchExprContext): SearchExpr | null {
    const operands: SearchExpr[] = [];
    for (const child of childrenOf(ctx)) {
        if (child instanceof SearchOrContext) {
            const e = lowerOr(cx, child);
            if (e) pushFlat(operands, e, "SearchAnd");
        }
    }
    return combine(operands, "SearchAnd");
}

function lowerOr(cx: LowerContext, ctx: SearchOrContext): SearchExpr | null {
    const lowered: SearchExpr[] = [];
    for (const child of childrenOf(ctx)) {
        if (child instanceof SearchNotContext) {
            const e = lowerNot(cx, child);
            if (e) lowered.push(e);
        }
    }
    // A lone operand stays as it is (a parenthesised OR keeps its `parenthesized` marker).
    if (lowered.length === 1) return lowered[0] as SearchExpr;
    const operands: SearchExpr[] = [];
    for (const e of lowered) pushFlat(operands, e, "SearchOr");
    return combine(operands, "SearchOr");
}

/** `a AND b`, flattened as the search language's own ANDs are (a clause written twice: stats' WHERE). */
export function conjunction(a: SearchExpr, b: SearchExpr): SearchExpr {
    const operands: SearchExpr[] = [];
    pushFlat(operands, a, "SearchAnd");
    pushFlat(operands, b, "SearchAnd");
    return combine(operands, "SearchAnd") as SearchExpr;
}

function pushFlat(into: SearchExpr[], e: SearchExpr, kind: "SearchAnd" | "SearchOr"): void {
    // An empty group `()` stays a node: it is no operand list to merge.
    if (e.kind === kind && !e.origin && e.operands.length > 0) for (const o of e.operands) into.push(o);
    else into.push(e);
}

function combine(operands: SearchExpr[], kind: "SearchAnd" | "SearchOr"): SearchExpr | null {
    if (operands.length === 0) return null;
    if (operands.length === 1) return operands[0] as SearchExpr;
    // The n-ary node covers its operands; a group's parentheses belong to no node.
    const start = Math.min(...operands.map((o) => o.span.start));
    const end = Math.max(...operands.map((o) => o.span.end));
    return { kind, operands, span: { start, end } };
}

function lowerNot(cx: LowerContext, ctx: SearchNotContext): SearchExpr | null {
    // NOT chains are iterative so that `NOT NOT ... x` cannot exhaust the stack.
    const nots: number[] = [];
    let cur: SearchNotContext | null = ctx;
    let primary: ParseTree | null = null;
    while (cur) {
        const kids = childrenOf(cur);
        const first = kids[0];
        const tok = tokenOf(first);
        if (tok && tok.type === SplParser.NOT) {
            nots.push(cx.tokenSpan(tok).start);
            const next = kids[1];
            cur = next instanceof SearchNotContext ? next : null;
        } else {
            primary = first ?? null;
            cur = null;
        }
    }
    let e = primary ? lowerPrimary(cx, primary) : null;
    if (!e) return null;
    for (let i = nots.length - 1; i >= 0; i--) {
        e = { kind: "SearchNot", operand: e, span: { start: nots[i] as number, end: e.span.end } };
    }
    return e;
}

function lowerPrimary(cx: LowerContext, node: ParseTree): SearchExpr | null {
    if (node instanceof SearchGroupContext) {
        const inner = childrenOf(node).find((c) => c instanceof SearchExprContext);
        // `()` matches everything (filter macros are often defined so): an empty conjunction.
        if (!inner) return { kind: "SearchAnd", operands: [], span: cx.span(node) };
        const e = lowerSearchExpr(cx, inner as SearchExprContext);
        // Remember the author's parentheses around an OR: `format` keeps them (see SearchOr).
        if (e?.kind === "SearchOr" && !e.origin) e.parenthesized = true;
        return e;
    }
    if (node instanceof SearchInRefContext) return lowerInRef(cx, node);
    if (node instanceof SearchCompareContext) return lowerCompare(cx, node);
    if (node instanceof SearchInContext) return lowerIn(cx, node);
    if (node instanceof SearchDirectiveContext) {
        const d = childrenOf(node)[0];
        return d instanceof DirectiveContext ? lowerDirective(cx, d) : null;
    }
    if (node instanceof SearchSubsearchContext) {
        const s = childrenOf(node)[0];
        return s instanceof SubsearchContext ? lowerSubsearch(cx, s) : null;
    }
    if (node instanceof SearchMacroContext) {
        const t = tokenOf(childrenOf(node)[0]);
        return t ? macroCall(cx, cx.tokenText(t), cx.tokenSpan(t)) : null;
    }
    if (node instanceof SearchCommaContext) {
        cx.report("SPL1013", "stray comma between search terms; Splunk ignores it as a separator (did you mean field=value?)", cx.span(node));
        return null;
    }
    if (node instanceof SearchTermContext) {
        const v = childrenOf(node)[0];
        if (!(v instanceof TermValueContext)) return null;
        const value = lowerValue(cx, v);
        return value ? { kind: "Term", value, span: { ...value.span } } : null;
    }
    return null;
}

/** The field name of a comparison, quotes removed. */
export function fieldNameText(cx: LowerContext, ctx: FieldNameContext): string {
    const raw = cx.source(ctx);
    return raw.startsWith('"') ? unquote(raw) : raw;
}

/** A field name of a command's field list as a {@link FieldRef} node. */
export function fieldRefOf(cx: LowerContext, ctx: FieldNameContext): FieldRef {
    const raw = cx.source(ctx);
    return { kind: "FieldRef", name: raw.startsWith('"') ? unquote(raw) : raw, quoted: raw.startsWith('"'), span: cx.span(ctx) };
}

function lowerCompare(cx: LowerContext, ctx: SearchCompareContext): SearchExpr | null {
    const kids = childrenOf(ctx);
    const f = kids.find((c) => c instanceof FieldNameContext) as FieldNameContext | undefined;
    const opCtx = kids.find((c) => c instanceof CompareOpContext);
    const v = kids.find((c) => c instanceof SearchValueContext) as SearchValueContext | undefined;
    const sub = kids.find((c) => c instanceof SubsearchContext) as SubsearchContext | undefined;
    if (!f || !opCtx) return null;
    const field = fieldNameText(cx, f);
    const span = cx.span(ctx);
    const opText = cx.source(opCtx);
    const op: CompareOp = opText === "==" ? "=" : (opText as CompareOp);
    if (sub) {
        const subsearch = lowerSubsearch(cx, sub);
        const raw = cx.source(sub);
        const value: SearchValue = { text: raw, raw, quoted: false, wildcard: false, type: "subsearch", subsearch, span: { ...subsearch.span } };
        return { kind: "Compare", field, op, value, modifier: isModifierField(field), span };
    }
    const lowered = v ? lowerValue(cx, v) : null;
    // Error recovery may skip a token between the operator and a value (`x=OR y=1`): that value
    // belongs to no comparison the text makes, so the comparison keeps an empty value.
    const value = lowered && blank(cx.text.slice(cx.span(opCtx).end, lowered.span.start)) ? lowered : null;
    if (!value) {
        // Recovery already reported the missing value; keep the predicate with an empty value.
        return { kind: "Compare", field, op, value: searchValue("", { start: span.end, end: span.end }), modifier: isModifierField(field), span };
    }
    if (op === "=" && isTimeModifier(field)) {
        return { kind: "TimeModifier", name: field.toLowerCase(), value: value.text, span };
    }
    return { kind: "Compare", field, op, value, modifier: isModifierField(field), span };
}

/** Whether `s` holds only white space and ``` comments (a comment is one space, reference §1.7). */
function blank(s: string): boolean {
    for (let i = 0; i < s.length;) {
        if (s.startsWith("```", i)) {
            const end = s.indexOf("```", i + 3);
            if (end < 0) return false;
            i = end + 3;
        } else if ((s[i] as string).trim() === "") i++;
        else return false;
    }
    return true;
}

function lowerIn(cx: LowerContext, ctx: SearchInContext): SearchExpr | null {
    const kids = childrenOf(ctx);
    const f = kids.find((c) => c instanceof FieldNameContext) as FieldNameContext | undefined;
    if (!f) return null;
    const field = fieldNameText(cx, f);
    const values: SearchValue[] = [];
    for (const k of kids) {
        if (k instanceof SearchValueContext) {
            const v = lowerValue(cx, k);
            if (v) values.push(v);
        }
    }
    if (values.length === 0) cx.report("SPL1016", `${field} IN () has no values: it matches nothing`, cx.span(ctx));
    return { kind: "In", field, values, modifier: isModifierField(field), span: cx.span(ctx) };
}

/** `field IN \`macro\`` or `field IN $token$`: one value of type macro/token stands for the list. */
function lowerInRef(cx: LowerContext, ctx: SearchInRefContext): SearchExpr | null {
    const kids = childrenOf(ctx);
    const f = kids.find((c) => c instanceof FieldNameContext) as FieldNameContext | undefined;
    const list = kids.find((c) => c instanceof InListContext);
    const tok = list ? tokenOf(childrenOf(list)[0]) : null;
    if (!f || !tok) return null;
    const span = cx.tokenSpan(tok);
    const value = searchValue(cx.tokenText(tok), span, { macro: tok.type === SplParser.MACRO });
    if (value.type !== "macro" && value.type !== "token") {
        const inTok = kids.map(tokenOf).find((t) => t?.type === SplParser.IN);
        cx.report("SPL1012", "IN needs a parenthesised list of values: field IN (a, b)", inTok ? cx.tokenSpan(inTok) : span);
    }
    const field = fieldNameText(cx, f);
    return { kind: "In", field, values: [value], modifier: isModifierField(field), span: cx.span(ctx) };
}

/** A searchValue/termValue node as a SearchValue. */
export function lowerValue(cx: LowerContext, ctx: SearchValueContext | TermValueContext): SearchValue | null {
    const kids = childrenOf(ctx);
    const first = kids[0];
    if (!first) return null;
    const span = cx.span(ctx);
    if (first instanceof DirectiveContext) {
        const d = lowerDirective(cx, first);
        return { text: d.text, raw: cx.text.slice(span.start, span.end), quoted: false, wildcard: d.text.includes("*"), type: d.text.includes("*") ? "wildcard" : "plain", directive: d.name, span };
    }
    const tok = tokenOf(first);
    if (tok && tok.type === SplParser.MACRO) return searchValue(cx.text.slice(span.start, span.end), span, { macro: true });
    return searchValue(cx.text.slice(span.start, span.end), span);
}

/** `TERM(...)` / `CASE(...)`: the text between the parentheses, escapes resolved. */
export function lowerDirective(cx: LowerContext, ctx: DirectiveContext): Directive {
    const span = cx.span(ctx);
    const raw = cx.text.slice(span.start, span.end);
    const name = raw.startsWith("CASE") ? "CASE" : raw.startsWith("PREFIX") ? "PREFIX" : "TERM";
    const open = name.length + 1;
    const closed = raw.endsWith(")") && raw.length > open;
    const inner = raw.slice(open, closed ? -1 : undefined);
    return { kind: "Directive", name, text: unescapeSpl(inner), span };
}

/** `[ ... ]` */
export function lowerSubsearch(cx: LowerContext, ctx: SubsearchContext): Subsearch {
    const span = cx.span(ctx);
    const inner = childrenOf(ctx).find((c) => c instanceof PipelineContext) as PipelineContext | undefined;
    const pipeline = inner ? lowerPipeline(cx, inner) : { kind: "Pipeline" as const, commands: [], span };
    // An empty pipeline of an unterminated `[ ` is placed at the next token, past the bracket:
    // kept inside the subsearch so that spans nest.
    if (pipeline.span.start < span.start || pipeline.span.end > span.end) {
        const start = Math.min(Math.max(pipeline.span.start, span.start), span.end);
        pipeline.span = { start, end: Math.min(Math.max(pipeline.span.end, start), span.end) };
    }
    return { kind: "Subsearch", pipeline, span };
}

/** A macro token as a MacroCall node; the call syntax is the expander's (one reading of `name(args)`). */
export function macroCall(cx: LowerContext, text: string, span: { start: number; end: number }): MacroCall {
    const inner = text.startsWith("`") ? text.slice(1, text.length > 1 && text.endsWith("`") ? -1 : undefined) : text;
    const call = parseCall(inner);
    if (!call) {
        cx.report("SPL4008", `malformed macro call \`${inner}\``, span);
        return { kind: "MacroCall", name: inner.trim(), args: [], span };
    }
    return { kind: "MacroCall", name: call.name, args: call.args, span };
}
