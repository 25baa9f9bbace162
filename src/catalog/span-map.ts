/**
 * Carries an analysis over to the formatted text of its search without parsing that text
 * again: the formatter guarantees that the formatted text parses to the same IR up to spans, so
 * walking both trees side by side pairs every source span with its formatted span.
 */
import type { Analysis, Indicator, Pipeline, Span } from "../index.js";

/** Keys the formatter may change (as `firstDifference` ignores them) or that hold no node. */
const SKIPPED = new Set(["span", "origin", "parenthesized", "raw"]);

function spanKey(s: Span): string {
    return `${s.start}:${s.end}`;
}

/** A node with `raw` text (a literal or keyword as written) in both trees. */
export interface RawPair {
    /** The node's `kind` (values of search predicates have none). */
    kind: string | undefined;
    /** Its span in the source. */
    span: Span;
    /** Its raw text in the source and in the formatted text. */
    from: string;
    to: string;
}

/** What {@link spanPairs} finds. */
export interface SpanPairs {
    /** Source span (`start:end`) -> formatted span; null when ambiguous. */
    pairs: Map<string, Span | null>;
    /** Every node with raw text, with its raw text before and after formatting. */
    raws: RawPair[];
}

/**
 * Pairs the spans of two pipelines equal up to spans: every node's source span with its
 * formatted span (a source span paired with two different formatted spans is ambiguous).
 */
export function spanPairs(source: Pipeline, formatted: Pipeline): SpanPairs {
    const pairs = new Map<string, Span | null>();
    const raws: RawPair[] = [];
    // Iterative: a left-deep expression chain is as deep as it is long.
    const stack: [unknown, unknown][] = [[source, formatted]];
    while (stack.length > 0) {
        const [x, y] = stack.pop() as [unknown, unknown];
        if (typeof x !== "object" || typeof y !== "object" || x === null || y === null) continue;
        if (Array.isArray(x)) {
            if (!Array.isArray(y)) continue;
            for (let i = 0; i < x.length && i < y.length; i++) stack.push([x[i], y[i]]);
            continue;
        }
        const rx = x as Record<string, unknown>;
        const ry = y as Record<string, unknown>;
        const sx = rx.span as Span | undefined;
        const sy = ry.span as Span | undefined;
        if (sx && sy && typeof sx.start === "number" && typeof sy.start === "number") {
            const k = spanKey(sx);
            const had = pairs.get(k);
            if (had === undefined) pairs.set(k, { start: sy.start, end: sy.end });
            else if (had !== null && (had.start !== sy.start || had.end !== sy.end)) pairs.set(k, null);
            if (typeof rx.raw === "string" && typeof ry.raw === "string") raws.push({ kind: typeof rx.kind === "string" ? rx.kind : undefined, span: sx, from: rx.raw, to: ry.raw });
        }
        for (const k of Object.keys(rx)) if (!SKIPPED.has(k)) stack.push([rx[k], ry[k]]);
    }
    return { pairs, raws };
}

/**
 * A copy of `analysis` with every span in the search moved onto the formatted text, or null
 * when a span has no (or no unambiguous) counterpart, e.g. a diagnostic on part of a node.
 * An indicator that quotes a literal the formatter re-escaped (`"C:\\Users"` printed as
 * `"C:\Users"`: the same value) gets the text the analysis of the formatted search gives it
 * (see {@link retext}); when that text cannot be rebuilt exactly, the result is null.
 */
export function mapAnalysisSpans(analysis: Analysis, found: SpanPairs): Analysis | null {
    const { pairs, raws } = found;
    const rewritten = raws.filter((r) => r.from !== r.to);
    const texts = new Map<number, string>();
    if (rewritten.length > 0) {
        const inside = (s: Span) => (r: RawPair) => s.start <= r.span.start && r.span.end <= s.end;
        for (const [i, ind] of analysis.indicators.entries()) {
            if (ind.origin || !rewritten.some(inside(ind.span))) continue;
            const text = retext(ind, raws.filter(inside(ind.span)).sort((a, b) => a.span.start - b.span.start));
            if (text === null) return null;
            texts.set(i, text);
        }
    }
    let missing = false;
    const copy = (v: unknown): unknown => {
        if (missing || typeof v !== "object" || v === null) return v;
        if (Array.isArray(v)) return v.map(copy);
        const out: Record<string, unknown> = {};
        for (const [k, x] of Object.entries(v)) {
            // An origin's span indexes the macro's definition, not the search.
            if (k === "origin") out[k] = x;
            else if (k === "span" && x && typeof x === "object" && typeof (x as Span).start === "number") {
                const to = pairs.get(spanKey(x as Span));
                if (!to) missing = true;
                out[k] = to ? { ...to } : x;
            } else out[k] = copy(x);
        }
        return out;
    };
    const mapped = copy(analysis) as Analysis;
    if (missing) return null;
    for (const [i, text] of texts) (mapped.indicators[i] as Indicator).text = text;
    return mapped;
}

/**
 * The text of a search-language indicator over the formatted search: the analysis writes it
 * from the literals as written (`field=raw`, `field IN (raw, raw)`), so swapping each literal's
 * source raw for its formatted raw gives what analysing the formatted search would. The swap is
 * made only when the source text is rebuilt exactly from those literals; otherwise null.
 */
function retext(ind: Indicator, raws: readonly RawPair[]): string | null {
    if (ind.syntax !== "search" || raws.some((r) => r.kind === "KeywordArg")) return null;
    if (ind.op === "IN") {
        const list = (side: "from" | "to"): string => `${ind.field} IN (${raws.map((r) => r[side]).join(", ")})`;
        return ind.text === list("from") ? list("to") : null;
    }
    const only = raws.length === 1 ? raws[0] : undefined;
    if (!only || !ind.text.startsWith(ind.field) || !ind.text.endsWith(only.from)) return null;
    return ind.text.slice(0, ind.text.length - only.from.length) + only.to;
}
