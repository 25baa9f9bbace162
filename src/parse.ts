/**
 * `parse(text, options)`: SPL text -> IR, never throwing. The steps run in one direction:
 * limits, (macro expansion), lexing, two-stage parsing, syntax diagnostics, lowering.
 */
import type { ParserRuleContext, Token } from "antlr4ng";
import { IR_VERSION, type Diagnostic, type Expr, type ParseResult, type Pipeline, type SearchExpr } from "./ir/nodes.js";
import { diagnostic } from "./diagnostics/diagnostic.js";
import { lex, parseTokens, type EntryRule } from "./parser/parse-tree.js";
import type { LexStart } from "./parser/modal-lexer.js";
import { balanceDiagnostics, lexicalDiagnostics, parserDiagnostics } from "./parser/syntax-errors.js";
import { EvalExprContext, PipelineContext, SearchExprContext, SplParser } from "./generated/SplParser.js";
import { lowerSearchExpr } from "./lower/search.js";
import { lowerExpr } from "./lower/expr.js";
import { LowerContext } from "./lower/context.js";
import { lowerPipeline } from "./lower/pipeline.js";
import { expandMacros, positiveLimit, type ExpandOptions } from "./macros/expand.js";
import type { MacroDefinition, MacroTable } from "./macros/definition.js";
import { mapDiagnostic, mapSpan, type ExpansionMap } from "./macros/map.js";
import { codePointOffsets, forEachSpanned } from "./ir/span.js";

/**
 * Limits that keep one pathological input from stalling a run. Each is a positive number;
 * undefined or null means the default, anything else (NaN, 0, a string) is a `TypeError`.
 * Values above {@link LIMIT_CAPS} are lowered to the cap.
 */
export interface ParseLimits {
    /** Longest input accepted, in UTF-16 units (default 1,000,000; at most 50,000,000). */
    maxLength?: number;
    /** Deepest nesting of parentheses and brackets (default 200; at most 1,000: the parser recurses). */
    maxDepth?: number;
    /** Most tokens accepted, not counting white space, comments and the end of input (default 250,000; at most 5,000,000). */
    maxTokens?: number;
}

/** Options of {@link parse}. */
export interface ParseOptions extends ParseLimits {
    /**
     * Macro definitions. When given (or when `expand.builtins` is set), macros are expanded
     * textually before parsing, as Splunk does, and every span is mapped back to `text`.
     */
    macros?: readonly MacroDefinition[] | MacroTable;
    /** Expansion options: limits, the policy for undefined macros, built-in CIM macros. */
    expand?: ExpandOptions;
    /**
     * The text is a dashboard post-process search: it runs on a base search's results and
     * starts with a command and no pipe (`stats count by host | sort - count`). Without this
     * option such a text reads as search terms, with the info hint SPL1015.
     */
    postProcess?: boolean;
    /**
     * Called once the parser has run, with how the parse went (for benchmarks and grammar
     * tests). Not called when a limit rejects the input before parsing (SPL1101-SPL1103). An
     * exception it throws propagates out of `parse`.
     */
    onStats?: (stats: ParseStats) => void;
}

/** Default limits. */
export const DEFAULT_LIMITS: Required<ParseLimits> = { maxLength: 1_000_000, maxDepth: 200, maxTokens: 250_000 };

/** The most a caller can raise each limit to. */
export const LIMIT_CAPS: Required<ParseLimits> = { maxLength: 50_000_000, maxDepth: 1_000, maxTokens: 5_000_000 };

/** How one parse went, given to {@link ParseOptions.onStats}. */
export interface ParseStats {
    /**
     * The fast pass (SLL prediction, stop at the first error) failed and the text was parsed
     * again with full LL prediction and error recovery: the text has a syntax error, or a spot
     * SLL cannot decide.
     */
    usedFallback: boolean;
    /** Tokens of the parsed text (after macro expansion), not counting white space, comments and the end of input. */
    tokens: number;
}

function emptyResult(text: string, diagnostics: Diagnostic[]): ParseResult {
    return { irVersion: IR_VERSION, pipeline: { kind: "Pipeline", commands: [], span: { start: 0, end: text.length } }, diagnostics, text };
}

/**
 * Parses SPL text into the IR. Never throws for string input: problems are diagnostics, and
 * the pipeline holds whatever could be recovered.
 */
export function parse(text: string, options: ParseOptions | null = {}): ParseResult {
    if (typeof text !== "string") throw new TypeError("parse(text): text must be a string");
    options ??= {};
    if (typeof options !== "object") throw new TypeError("parse(text, options): options must be an object");
    const limits = resolveLimits(options);
    if (options.macros !== undefined && (typeof options.macros !== "object" || options.macros === null)) {
        throw new TypeError("parse(text, options): options.macros must be an array of macro definitions or a MacroTable");
    }
    const onStats = options.onStats ?? undefined;
    if (onStats !== undefined && typeof onStats !== "function") throw new TypeError("parse(text, options): options.onStats must be a function");
    const long = tooLong(text, limits);
    if (long) return emptyResult(text, [long]);
    try {
        const start: LexStart = options.postProcess ? "postprocess" : "pipeline";
        if (options.macros === undefined && !options.expand?.builtins) return parseText(text, limits, start, onStats);
        return parseExpanded(text, limits, options.macros ?? [], options.expand ?? {}, start, onStats);
    } catch (e) {
        // The limits above keep recursion shallow; this is the last line of defence, so that a
        // pathological input costs a diagnostic, never an exception.
        if (e instanceof RangeError) {
            return emptyResult(text, [diagnostic("SPL1102", "input is nested too deeply to parse", { start: 0, end: text.length })]);
        }
        throw e;
    }
}

/**
 * Expands macros, parses the expanded text as one search (so precedence across the macro
 * boundary is Splunk's), then maps every span back to the original text and marks the nodes
 * that came from a macro with `origin`.
 */
function parseExpanded(text: string, limits: Required<ParseLimits>, macros: readonly MacroDefinition[] | MacroTable, expand: ExpandOptions, start: LexStart, onStats: StatsCallback): ParseResult {
    const expansion = expandMacros(text, macros, expand);
    const inner = parseText(expansion.text, { ...limits, maxLength: Math.max(limits.maxLength, expansion.text.length) }, start, onStats);
    if (!isIdentity(expansion.map)) remapSpans(inner.pipeline, expansion.map);
    const diagnostics = [...expansion.diagnostics, ...inner.diagnostics.map((d) => mapDiagnostic(expansion.map, d))];
    return { irVersion: IR_VERSION, pipeline: inner.pipeline, diagnostics: dedupe(diagnostics), text };
}

/**
 * Rewrites every `span` of a freshly lowered tree in place, each object once (the IR shares no
 * object, but a tree built by hand might).
 */
function remapSpans(root: Pipeline, map: ExpansionMap): void {
    forEachSpanned(root, (obj) => {
        const mapped = mapSpan(map, obj.span);
        obj.span = mapped.span;
        if (mapped.origin && typeof obj.kind === "string") obj.origin = mapped.origin;
    });
}

/**
 * True when the expansion changed nothing (no macro call in the text): every span of the parse
 * of the expanded text is already a span of the original, so remapping can be skipped.
 */
function isIdentity(map: ExpansionMap): boolean {
    if (map.frames.length > 0 || map.originalLength !== map.expandedLength) return false;
    return map.segments.every((seg) => seg.frame < 0 && seg.exact && seg.source.start === seg.start && seg.source.end === seg.end);
}

/** SPL1101 when the text is longer than `maxLength`. */
function tooLong(text: string, limits: Required<ParseLimits>): Diagnostic | null {
    if (text.length <= limits.maxLength) return null;
    return diagnostic("SPL1101", `input is ${text.length} characters long, more than maxLength (${limits.maxLength})`, { start: limits.maxLength, end: text.length });
}

/** `out.push(...items)` without spreading: 150,000 diagnostics would exceed the argument limit. */
function append<T>(out: T[], items: readonly T[]): void {
    for (const x of items) out.push(x);
}

/** The limits of an options object: defaults for undefined/null, validated, capped. */
function resolveLimits(o: ParseLimits | null | undefined): Required<ParseLimits> {
    const out = { ...DEFAULT_LIMITS };
    for (const key of ["maxLength", "maxDepth", "maxTokens"] as const) {
        const v = positiveLimit(key, o?.[key]);
        if (v !== undefined) out[key] = Math.min(v, LIMIT_CAPS[key]);
    }
    return out;
}

/** The front end shared by whole searches and fragments: limits, lexing, parsing, syntax diagnostics. */
interface FrontEnd<T extends ParserRuleContext> {
    tree: T | null;
    diagnostics: Diagnostic[];
    cx: LowerContext;
}

type StatsCallback = ((stats: ParseStats) => void) | undefined;

function frontEnd(text: string, limits: Required<ParseLimits>, start: LexStart, rule: EntryRule, onStats: StatsCallback): FrontEnd<ParserRuleContext> {
    const toOffset = codePointOffsets(text);
    const cx = new LowerContext(text, toOffset);
    const spanOf = (t: Token) => ({ start: toOffset(t.start), end: toOffset(t.stop + 1) });
    const { tokens } = lex(text, start);
    const all = tokens.getTokens();
    // Real tokens only: white space, comments and the end of input are not what the limit is for.
    let real = 0;
    for (const t of all) if (t.channel === 0 && t.type !== -1) real++;
    if (real > limits.maxTokens) {
        return { tree: null, cx, diagnostics: [diagnostic("SPL1103", `input has ${real} tokens, more than maxTokens (${limits.maxTokens})`, { start: 0, end: text.length })] };
    }
    const deep = tooDeep(all, limits.maxDepth);
    if (deep) return { tree: null, cx, diagnostics: [diagnostic("SPL1102", `nesting is deeper than maxDepth (${limits.maxDepth})`, spanOf(deep))] };
    const balance = balanceDiagnostics(tokens, spanOf);
    // A stray `)` or `]` would make the parser give up on the rest of the pipeline: hide it.
    for (const t of balance.strays) t.channel = STRAY_CHANNEL;
    for (const t of balance.gluedParens) cx.gluedParens.add(toOffset(t.start));
    const { tree, errors, usedFallback } = parseTokens(tokens, rule);
    onStats?.({ usedFallback, tokens: real });
    const diagnostics: Diagnostic[] = [...balance.diagnostics];
    if (usedFallback) {
        const lexical = lexicalDiagnostics(tokens, spanOf);
        append(diagnostics, lexical);
        // Only errors explain a parser error: SPL1014's glued `)` is hidden, so it explains none.
        const explained = [...lexical, ...balance.diagnostics].filter((d) => d.severity === "error");
        append(diagnostics, parserDiagnostics(errors, tokens, spanOf, explained));
    }
    return { tree, cx, diagnostics };
}

function parseText(text: string, limits: Required<ParseLimits>, start: LexStart, onStats: StatsCallback): ParseResult {
    const { tree, cx, diagnostics } = frontEnd(text, limits, start, "query", onStats);
    if (!tree) return emptyResult(text, diagnostics);
    const pipelineCtx = tree.children.find((c) => c instanceof PipelineContext) as PipelineContext | undefined;
    const pipeline: Pipeline = pipelineCtx ? lowerPipeline(cx, pipelineCtx) : { kind: "Pipeline", commands: [], span: { start: 0, end: 0 } };
    append(diagnostics, cx.diagnostics);
    return { irVersion: IR_VERSION, pipeline, diagnostics: dedupe(diagnostics), text };
}

/** What the fragment parsers return. */
export interface FragmentResult<T> {
    /** The expression, or null when the text is empty or nothing could be recovered. */
    expr: T | null;
    diagnostics: Diagnostic[];
    text: string;
}

function parseFragment<T>(text: string, options: ParseLimits, start: LexStart, rule: EntryRule, lower: (cx: LowerContext, tree: ParserRuleContext) => T | null): FragmentResult<T> {
    if (typeof text !== "string") throw new TypeError("text must be a string");
    const limits = resolveLimits(options);
    const long = tooLong(text, limits);
    if (long) return { expr: null, text, diagnostics: [long] };
    try {
        const { tree, cx, diagnostics } = frontEnd(text, limits, start, rule, undefined);
        const expr = tree ? lower(cx, tree) : null;
        append(diagnostics, cx.diagnostics);
        return { expr, diagnostics: dedupe(diagnostics), text };
    } catch (e) {
        if (e instanceof RangeError) return { expr: null, text, diagnostics: [diagnostic("SPL1102", "input is nested too deeply to parse", { start: 0, end: text.length })] };
        throw e;
    }
}

/**
 * Parses one search expression (what follows `search`, or a tstats `WHERE`), with search
 * precedence: `a OR b c` is `SearchAnd[SearchOr[a, b], c]`. Never throws for a string.
 */
export function parseSearchExpression(text: string, options: ParseLimits = {}): FragmentResult<SearchExpr> {
    return parseFragment(text, options, "search", "searchExpression", (cx, tree) => {
        const e = tree.children.find((c) => c instanceof SearchExprContext) as SearchExprContext | undefined;
        return e ? lowerSearchExpr(cx, e) : null;
    });
}

/**
 * Parses one eval/where expression, with eval precedence: `a OR b AND c` is
 * `Binary OR(a, Binary AND(b, c))`. Never throws for a string.
 */
export function parseEvalExpression(text: string, options: ParseLimits = {}): FragmentResult<Expr> {
    return parseFragment(text, options, "eval", "evalExpression", (cx, tree) => {
        const e = tree.children[0];
        return e instanceof EvalExprContext ? lowerExpr(cx, e) : null;
    });
}

/** The token channel stray closers are moved to (the parser reads channel 0 only). */
const STRAY_CHANNEL = 2;

/** The first token past the depth limit, or null. Checked before parsing: the parser recurses. */
function tooDeep(all: Token[], maxDepth: number): Token | null {
    let depth = 0;
    // Prefix operators nest too: `NOT NOT NOT ... x` recurses once per NOT.
    let prefixRun = 0;
    for (const t of all) {
        if (t.channel !== 0) continue;
        if (t.type === SplParser.NOT || t.type === SplParser.BANG || t.type === SplParser.MINUS) {
            if (++prefixRun > maxDepth) return t;
        } else prefixRun = 0;
        switch (t.type) {
            case SplParser.LPAREN:
            case SplParser.CALL_LPAREN:
            case SplParser.TERM_OPEN:
            case SplParser.CASE_OPEN:
            case SplParser.PREFIX_OPEN:
            case SplParser.LBRACKET:
                if (++depth > maxDepth) return t;
                break;
            case SplParser.RPAREN:
            case SplParser.RBRACKET:
                if (depth > 0) depth--;
                break;
            default:
                break;
        }
    }
    return null;
}

function dedupe(ds: Diagnostic[]): Diagnostic[] {
    const seen = new Set<string>();
    const out: Diagnostic[] = [];
    for (const d of ds) {
        const key = `${d.code}:${d.span.start}:${d.span.end}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push(d);
    }
    return out.sort((a, b) => a.span.start - b.span.start);
}
