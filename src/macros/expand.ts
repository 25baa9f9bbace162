/**
 * Textual macro expansion, as Splunk does it before parsing a search (reference §1.8): each
 * `` `name(args)` `` outside quoted strings and ```` ``` ```` comments is replaced by the body of
 * the definition `name(N)` (N = number of arguments) with `$arg$` substituted everywhere, quotes
 * included, and the result is scanned again for calls, recursively.
 *
 * Alongside the text it builds an {@link ExpansionMap}, so that spans of the parse of the
 * expanded text can be mapped back onto the text the user wrote.
 */
import { diagnostic } from "../diagnostics/diagnostic.js";
import type { DiagnosticCode } from "../diagnostics/codes.js";
import type { Diagnostic } from "../ir/nodes.js";
import type { Origin, Span } from "../ir/span.js";
import { BUILTIN_MACROS } from "./builtin.js";
import { addToTable, isMacroTable, macroKey, normalizeMacro, normalizeMacros, type MacroDefinition, type MacroTable, type NormalizedMacro } from "./definition.js";
import { identityMap, type ExpansionMap, type MacroFrame, type MapSegment } from "./map.js";
import { bindArguments, findMacroCalls, parseCall, skipString, stripQuotes, type MacroCallSite } from "./scan.js";

/**
 * The most a caller can raise the expansion limits to: larger values are lowered to these
 * (a `maxOutput` of 1e12 would let one search exhaust memory before the limit is met).
 */
export const EXPAND_CAPS = { maxDepth: 1_000, maxOutput: 50_000_000 } as const;

/**
 * A limit option: undefined or null for the default, else a positive number (`TypeError`
 * otherwise: NaN or a negative limit would reject or accept everything silently).
 */
export function positiveLimit(name: string, value: unknown): number | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "number" || Number.isNaN(value) || value <= 0) throw new TypeError(`${name} must be a positive number, not ${String(value)}`);
    return value;
}

/** Options of {@link expandMacros}. */
export interface ExpandOptions {
    /** Deepest nesting of macro invocations (an outermost call is level 1). Default 32. */
    maxDepth?: number;
    /**
     * Largest expanded text, in UTF-16 units; each macro invocation also counts as one unit, so
     * that expansions producing nothing cannot run unbounded. Default max(1,000,000, 20 × input
     * length). Checked before an outermost call is expanded (its size is computed first, memoised
     * per macro and arguments), so an exponential macro fails at once (SPL4005).
     */
    maxOutput?: number;
    /**
     * What to do with a call of a macro that has no definition under any arity (SPL4001):
     * `'keep'` (default) leaves the call text as it is; `'empty'` removes it — when the call is a
     * whole pipeline stage (`| `foo`` followed by `|`, `]` or the end) together with its `|`, so
     * the pipeline stays valid.
     */
    undefined?: "keep" | "empty";
    /** Also use splc's built-in macros (CIM fallbacks such as `drop_dm_object_name(1)`). Default false. */
    builtins?: boolean;
    /**
     * How an argument written as one double-quoted string is substituted. `'strip'` (default):
     * without its quotes (`cs_filter("Windows AD")` into `eval products="$name$"` gives
     * `"Windows AD"`). `'keep'`: with them, as written. See the note in expand.ts.
     */
    quotedArguments?: "keep" | "strip";
}

/** A macro invocation that was expanded. */
export interface MacroUse {
    /** The bare name. */
    name: string;
    arity: number;
    /** The outermost call it belongs to, in the original text. */
    span: Span;
    /** For a call nested in another macro's definition: that macro and the call's span in its definition text. */
    origin?: Origin;
}

/** What {@link expandMacros} returns. */
export interface ExpansionResult {
    /** The expanded text (the input itself when nothing was expanded or expansion was abandoned). */
    text: string;
    /** Where each part of `text` came from; see {@link mapSpan}. */
    map: ExpansionMap;
    /** Spans index the original text; problems inside definitions also carry `origin`. */
    diagnostics: Diagnostic[];
    /** Every invocation expanded, in the order of the expanded text (outer before nested). */
    macrosUsed: MacroUse[];
}

/*
 * Quoted call arguments (not confirmed by Splunk's documentation): the surrounding quotes are
 * stripped on substitution. Evidence (reference §1.8): a maintained public app ships dozens of
 * calls such as `cs_filter_savedsearches("Authentication")` whose bodies quote the argument
 * themselves (`eval products="$name$"`); keeping the quotes would make that a syntax error.
 * The unquoted form also suits the CIM body `rename $object$.* AS *`. Option
 * `quotedArguments: 'keep'` substitutes the text as written.
 */

/** A piece of a text being scanned and where it came from (see {@link MapSegment}). */
interface Piece {
    start: number;
    end: number;
    source: Span;
    exact: boolean;
}

/** A text to scan for calls: the original text (frame -1) or a substituted macro body. */
interface Source {
    text: string;
    frame: number;
    pieces: Piece[];
}

const builtinTables = new WeakMap<MacroTable, MacroTable>();

function withBuiltins(table: MacroTable): MacroTable {
    const cached = builtinTables.get(table);
    if (cached) return cached;
    const copy: MacroTable = {
        byKey: new Map(table.byKey),
        arities: new Map([...table.arities].map(([k, v]) => [k, [...v]])),
        diagnostics: [...table.diagnostics],
    };
    for (const def of BUILTIN_MACROS) {
        const { macro } = normalizeMacro(def);
        if (macro) addToTable(copy, macro, false);
    }
    builtinTables.set(table, copy);
    return copy;
}

/** Substitutes `$arg$` references; the result maps body text 1:1 and argument text onto its reference. */
function substitute(def: NormalizedMacro, bound: ReadonlyMap<string, string>, frame: number): Source {
    const body = def.definition;
    if (bound.size === 0) {
        return { text: body, frame, pieces: body.length > 0 ? [{ start: 0, end: body.length, source: { start: 0, end: body.length }, exact: true }] : [] };
    }
    const parts: string[] = [];
    const pieces: Piece[] = [];
    let len = 0;
    const push = (text: string, source: Span, exact: boolean) => {
        if (text === "") return;
        parts.push(text);
        pieces.push({ start: len, end: len + text.length, source, exact });
        len += text.length;
    };
    let literal = 0;
    let i = 0;
    for (;;) {
        const open = body.indexOf("$", i);
        if (open < 0) break;
        const close = body.indexOf("$", open + 1);
        if (close < 0) break;
        const value = bound.get(body.slice(open + 1, close));
        if (value === undefined) {
            // Not an argument (a dashboard token such as $dest$): keep scanning from the next '$'.
            i = open + 1;
            continue;
        }
        push(body.slice(literal, open), { start: literal, end: open }, true);
        push(value, { start: open, end: close + 1 }, false);
        literal = i = close + 1;
    }
    push(body.slice(literal), { start: literal, end: body.length }, true);
    return { text: parts.join(""), frame, pieces };
}

/** The hull of the images of `[a, b)` of `src` in its own coordinates. */
function rangeImage(src: Source, a: number, b: number): Span {
    let start = -1;
    let end = -1;
    for (const p of src.pieces) {
        if (p.end <= a || p.start >= b) continue;
        const x = Math.max(a, p.start);
        const y = Math.min(b, p.end);
        const img = p.exact ? { start: p.source.start + (x - p.start), end: p.source.start + (y - p.start) } : p.source;
        if (start < 0) start = img.start;
        end = Math.max(end, img.end);
    }
    return start < 0 ? { start: 0, end: 0 } : { start, end };
}

/** `[a, b)` of `src` as a source of its own, pieces rebased. */
function sliceSource(src: Source, a: number, b: number): Source {
    const pieces: Piece[] = [];
    for (const p of src.pieces) {
        if (p.end <= a || p.start >= b) continue;
        const x = Math.max(a, p.start);
        const y = Math.min(b, p.end);
        const source = p.exact ? { start: p.source.start + (x - p.start), end: p.source.start + (y - p.start) } : p.source;
        pieces.push({ start: x - a, end: y - a, source, exact: p.exact });
    }
    return { text: src.text.slice(a, b), frame: src.frame, pieces };
}

/**
 * For an `iseval` macro: the expansion when the body is one double-quoted string literal, else
 * null (evaluating eval expressions is out of scope). Escapes `\"` and `\\` are decoded; text
 * with escapes maps as a whole onto the literal.
 */
function evalLiteral(body: Source): Source | null {
    const t = body.text;
    const a = t.length - t.trimStart().length;
    const b = t.trimEnd().length;
    if (b - a < 2 || t[a] !== '"' || skipString(t, a) !== b || t[b - 1] !== '"') return null;
    const raw = t.slice(a + 1, b - 1);
    const decoded = raw.replace(/\\(["\\])/g, "$1");
    if (decoded === raw) return sliceSource(body, a + 1, b - 1);
    return { text: decoded, frame: body.frame, pieces: decoded ? [{ start: 0, end: decoded.length, source: rangeImage(body, a, b), exact: false }] : [] };
}

class AbortExpansion {
    constructor(readonly span: Span) {}
}

/** One run of {@link expandMacros}. */
class Expander {
    readonly parts: string[] = [];
    readonly segments: MapSegment[] = [];
    readonly frames: MacroFrame[] = [];
    readonly diagnostics: Diagnostic[] = [];
    readonly used: MacroUse[] = [];
    private readonly seen = new Set<string>();
    private readonly measured = new Map<string, number>();
    private length = 0;
    /** Output units plus one per invocation: bounds the time spent even when bodies are empty. */
    private work = 0;

    constructor(
        private readonly table: MacroTable,
        private readonly maxDepth: number,
        private readonly maxOutput: number,
        private readonly undefinedPolicy: "keep" | "empty",
        private readonly stripArgQuotes: boolean,
    ) {}

    private report(code: DiagnosticCode, message: string, span: Span, origin?: Origin): void {
        const key = `${code}\u0000${span.start}\u0000${span.end}\u0000${message}\u0000${origin?.macro ?? ""}\u0000${origin?.span.start ?? ""}`;
        if (this.seen.has(key)) return;
        this.seen.add(key);
        const d = diagnostic(code, message, span);
        if (origin) d.origin = { macro: origin.macro, arity: origin.arity, span: { ...origin.span } };
        this.diagnostics.push(d);
    }

    private emit(src: Source, a: number, b: number, outerSpan: Span): void {
        if (b <= a) return;
        this.work += b - a;
        if (this.work > this.maxOutput) throw new AbortExpansion(outerSpan);
        this.parts.push(src.text.slice(a, b));
        for (const p of src.pieces) {
            if (p.end <= a) continue;
            if (p.start >= b) break;
            const x = Math.max(a, p.start);
            const y = Math.min(b, p.end);
            const start = this.length + (x - a);
            const end = this.length + (y - a);
            const source = p.exact ? { start: p.source.start + (x - p.start), end: p.source.start + (y - p.start) } : p.source;
            const last = this.segments[this.segments.length - 1];
            if (
                last !== undefined &&
                last.frame === src.frame &&
                last.exact === p.exact &&
                last.end === start &&
                (p.exact ? last.source.end === source.start : last.source.start === source.start && last.source.end === source.end)
            ) {
                last.end = end;
                if (p.exact) last.source = { start: last.source.start, end: source.end };
            } else {
                this.segments.push({ start, end, frame: src.frame, source: { start: source.start, end: source.end }, exact: p.exact });
            }
        }
        this.length += b - a;
    }

    /** Resolves a call to a definition and its bound arguments, or null with the reason. */
    private resolve(name: string, args: string[]): { def: NormalizedMacro; bound: Map<string, string> } | { problem: "unknown" | "arity"; arities: number[] } {
        const def = this.table.byKey.get(macroKey(name, args.length));
        if (!def) {
            const arities = this.table.arities.get(name);
            return arities ? { problem: "arity", arities } : { problem: "unknown", arities: [] };
        }
        const bound = bindArguments(def.args, args);
        if (this.stripArgQuotes) for (const [k, v] of bound) bound.set(k, stripQuotes(v));
        return { def, bound };
    }

    /**
     * Upper bound of the work of expanding `def` with `bound` (units of output + invocations),
     * memoised per definition and arguments: this is what makes a self-doubling macro chain fail
     * in microseconds instead of building its output first.
     */
    private measure(def: NormalizedMacro, bound: Map<string, string>, stack: Set<string>, depth: number): number {
        const memoKey = `${def.key}\u0000${[...bound.values()].join("\u0001")}`;
        const memo = this.measured.get(memoKey);
        if (memo !== undefined) return memo;
        let body: Source | null = substitute(def, bound, -1);
        if (def.iseval) body = evalLiteral(body);
        let total = 1;
        if (body) {
            total += body.text.length;
            stack.add(def.key);
            for (const call of findMacroCalls(body.text)) {
                if (total > this.maxOutput) break;
                const parsed = parseCall(call.inner);
                if (!parsed || depth + 1 >= this.maxDepth) continue;
                const r = this.resolve(parsed.name, parsed.args);
                if ("problem" in r || stack.has(r.def.key)) continue;
                total += this.measure(r.def, r.bound, stack, depth + 1) - (call.end - call.start);
            }
            stack.delete(def.key);
        }
        this.measured.set(memoKey, total);
        return total;
    }

    /** Keys of the invocations being expanded, outermost first, for cycle detection. */
    private readonly stack: NormalizedMacro[] = [];
    private readonly active = new Set<string>();

    /** Scans `src` and emits it with its calls expanded. */
    expand(src: Source, depth: number): void {
        const outer = src.frame >= 0 ? (this.frames[src.frame] as MacroFrame) : null;
        const text = src.text;
        const calls = findMacroCalls(text);
        let cursor = 0;
        for (let c = 0; c < calls.length; c++) {
            const call = calls[c] as MacroCallSite;
            const span = outer ? outer.span : { start: call.start, end: call.end };
            // Where the call sits in the text being scanned: the original text, or the enclosing definition.
            const callSpan = outer ? rangeImage(src, call.start, call.end) : span;
            const origin: Origin | undefined = outer ? { macro: outer.name, arity: outer.arity, span: callSpan } : undefined;
            const parsed = parseCall(call.inner);
            if (!parsed) {
                this.report("SPL4008", `malformed macro call \`${call.inner}\``, span, origin);
                continue;
            }
            const r = this.resolve(parsed.name, parsed.args);
            const n = parsed.args.length;
            if ("problem" in r) {
                if (r.problem === "arity") {
                    const list = r.arities.map((a) => `${a}`).join(", ");
                    this.report("SPL4002", `macro '${parsed.name}' is called with ${n} argument(s) but is defined only with ${list}`, span, origin);
                } else {
                    this.report("SPL4001", `unknown macro '${macroKey(parsed.name, n)}'`, span, origin);
                    if (this.undefinedPolicy === "empty") {
                        const [from, to] = removalRange(text, call, cursor);
                        this.emit(src, cursor, from, span);
                        cursor = to;
                    }
                }
                continue;
            }
            const { def, bound } = r;
            if (this.active.has(def.key)) {
                const from = this.stack.findIndex((m) => m.key === def.key);
                const chain = [...this.stack.slice(from), def].map((m) => m.key).join(" -> ");
                this.report("SPL4003", `macro recursion cycle: ${chain}`, span, origin);
                continue;
            }
            if (depth >= this.maxDepth) {
                this.report("SPL4004", `macro expansion deeper than ${this.maxDepth} levels at '${def.key}'`, span, origin);
                continue;
            }
            let body: Source | null = substitute(def, bound, this.frames.length);
            if (def.iseval) {
                body = evalLiteral(body);
                if (!body) {
                    this.report("SPL4006", `macro '${def.key}' is an eval-based (iseval) macro and cannot be expanded without evaluating it`, span, origin);
                    continue;
                }
            }
            if (!outer) {
                const cost = this.measure(def, bound, new Set(), depth);
                if (this.work + cost > this.maxOutput) throw new AbortExpansion(span);
            }
            this.work += 1;
            // Span objects are shared between frames and uses of one outermost call: they are
            // never mutated, and sharing keeps deep expansions cheap.
            this.frames.push({
                macro: def.key,
                name: def.name,
                arity: def.arity,
                parent: src.frame,
                callSpan,
                span,
                root: outer ? outer.root : this.frames.length,
                depth,
            });
            const use: MacroUse = { name: def.name, arity: def.arity, span };
            if (origin) use.origin = origin;
            this.used.push(use);
            this.emit(src, cursor, call.start, span);
            cursor = call.end;
            this.stack.push(def);
            this.active.add(def.key);
            this.expand(body, depth + 1);
            this.stack.pop();
            this.active.delete(def.key);
        }
        this.emit(src, cursor, text.length, outer ? outer.span : { start: cursor, end: text.length });
    }

    result(originalLength: number): ExpansionMap {
        return { originalLength, expandedLength: this.length, segments: this.segments, frames: this.frames };
    }
}

function isSpace(c: string | undefined): boolean {
    return c === " " || c === "\t" || c === "\n" || c === "\r";
}

/**
 * The range removed for an unknown call under `undefined: 'empty'`. A whole stage goes with its
 * pipe: `x | `f` | y` loses `| `f`` and `x | `f`` loses `| `f``; a first stage (`` `f` | y ``,
 * `` [`f` | y] ``) loses the pipe after it instead. Elsewhere only the call goes.
 */
function removalRange(text: string, call: MacroCallSite, cursor: number): [number, number] {
    let p = call.start - 1;
    while (p >= cursor && isSpace(text[p])) p--;
    let q = call.end;
    while (q < text.length && isSpace(text[q])) q++;
    const after = text[q];
    const before = p >= cursor ? text[p] : p < 0 ? "start" : "other";
    if (before === "|" && (after === undefined || after === "|" || after === "]")) return [p, call.end];
    if ((before === "start" || before === "[") && after === "|") return [call.start, q + 1];
    return [call.start, call.end];
}

/**
 * Expands the macros of `text`. Never throws: problems are diagnostics, and when a limit makes
 * expansion impossible the input comes back unexpanded with an identity map and the error.
 *
 * Diagnostics of the definitions themselves (SPL4007) are included when `macros` is a list;
 * a {@link MacroTable} carries its own in `table.diagnostics`.
 */
export function expandMacros(text: string, macros: readonly MacroDefinition[] | MacroTable, options: ExpandOptions = {}): ExpansionResult {
    if (typeof macros !== "object" || macros === null) throw new TypeError("macros must be an array of macro definitions or a MacroTable");
    const given = isMacroTable(macros) ? macros : normalizeMacros(macros);
    const table = options.builtins ? withBuiltins(given) : given;
    const definitionDiagnostics = isMacroTable(macros) ? [] : given.diagnostics;
    const maxDepth = Math.min(positiveLimit("expand.maxDepth", options.maxDepth) ?? 32, EXPAND_CAPS.maxDepth);
    const maxOutput = Math.min(positiveLimit("expand.maxOutput", options.maxOutput) ?? Math.max(1_000_000, 20 * text.length), EXPAND_CAPS.maxOutput);
    const ex = new Expander(table, maxDepth, maxOutput, options.undefined ?? "keep", options.quotedArguments !== "keep");
    const original: Source = {
        text,
        frame: -1,
        pieces: text.length > 0 ? [{ start: 0, end: text.length, source: { start: 0, end: text.length }, exact: true }] : [],
    };
    try {
        ex.expand(original, 0);
    } catch (e) {
        if (!(e instanceof AbortExpansion)) throw e;
        const d = diagnostic("SPL4005", `macro expansion would exceed ${maxOutput} characters (maxOutput); macros were not expanded`, e.span);
        return { text, map: identityMap(text.length), diagnostics: [...definitionDiagnostics, d], macrosUsed: [] };
    }
    const expanded = ex.parts.join("");
    const diagnostics = [...definitionDiagnostics, ...ex.diagnostics];
    if (ex.frames.length === 0 && expanded === text) return { text, map: identityMap(text.length), diagnostics, macrosUsed: [] };
    return { text: expanded, map: ex.result(text.length), diagnostics, macrosUsed: ex.used };
}
