/**
 * Carries an analysis over to the formatted text of its search without parsing that text
 * again: the formatter guarantees that the formatted text parses to the same IR up to spans, so
 * walking both trees side by side pairs every source span with its formatted span.
 */
import type { Analysis, Pipeline, Span } from "../index.js";

/** Keys the formatter may change (as `firstDifference` ignores them) or that hold no node. */
const SKIPPED = new Set(["span", "origin", "parenthesized", "raw"]);

function spanKey(s: Span): string {
    return `${s.start}:${s.end}`;
}

/** What {@link spanPairs} finds. */
export interface SpanPairs {
    /** Source span (`start:end`) -> formatted span; null when ambiguous. */
    pairs: Map<string, Span | null>;
    /** Source spans of the literals whose `raw` text the formatter changed (re-escaped). */
    rewritten: Span[];
}

/**
 * Pairs the spans of two pipelines equal up to spans: every node's source span with its
 * formatted span (a source span paired with two different formatted spans is ambiguous).
 */
export function spanPairs(source: Pipeline, formatted: Pipeline): SpanPairs {
    const pairs = new Map<string, Span | null>();
    const rewritten: Span[] = [];
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
            if (typeof rx.raw === "string" && rx.raw !== ry.raw) rewritten.push(sx);
        }
        for (const k of Object.keys(rx)) if (!SKIPPED.has(k)) stack.push([rx[k], ry[k]]);
    }
    return { pairs, rewritten };
}

/**
 * A copy of `analysis` with every span in the search moved onto the formatted text, or null
 * when a span has no (or no unambiguous) counterpart, e.g. a diagnostic on part of a node, or
 * when an indicator covers a literal the formatter re-escaped (its text quotes the raw literal,
 * so it would read differently in the formatted search).
 */
export function mapAnalysisSpans(analysis: Analysis, found: SpanPairs): Analysis | null {
    const { pairs, rewritten } = found;
    const quotesRewritten = (s: Span): boolean => rewritten.some((r) => s.start <= r.start && r.end <= s.end);
    if (rewritten.length > 0 && analysis.indicators.some((i) => !i.origin && quotesRewritten(i.span))) return null;
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
    return missing ? null : mapped;
}
