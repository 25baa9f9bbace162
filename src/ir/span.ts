/**
 * A half-open range of the source text, in JavaScript string offsets (UTF-16 code units):
 * `text.slice(span.start, span.end)` is the node's source. `end` is exclusive.
 */
export interface Span {
    start: number;
    end: number;
}

/**
 * Where a node came from when it was produced by macro expansion. `span` indexes the
 * definition text of `macro` (the innermost macro, for nested ones).
 */
export interface Origin {
    /** The macro's name as called (`security_content_ctime`, without the `(N)` arity suffix). */
    macro: string;
    /** The number of arguments of the call, which selects among overloads (`name(N)` stanzas). */
    arity: number;
    span: Span;
}

/** Builds a span; a small helper so that call sites read as intent. */
export function span(start: number, end: number): Span {
    return { start, end };
}

/** The smallest span that covers both. */
export function cover(a: Span, b: Span): Span {
    return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}

/** Maps code point indices to UTF-16 offsets; the identity when the text has no astral characters. */
export function codePointOffsets(text: string): (cp: number) => number {
    if (!/[\uD800-\uDFFF]/.test(text)) return (cp) => cp;
    const table: number[] = [];
    let u = 0;
    for (const ch of text) {
        table.push(u);
        u += ch.length;
    }
    table.push(u);
    return (cp) => (cp < table.length ? (table[cp] as number) : u);
}

/** An object of the IR that has a span: a node, or a part of one (a search value, an aggregation, a rename pair...). */
export interface Spanned {
    span: Span;
    kind?: unknown;
    origin?: Origin;
    [key: string]: unknown;
}

/**
 * Calls `fn` on every object of a tree that has a span, nodes and their parts alike, each object
 * once; `span` and `origin` values are not walked into. Iterative: a long expression chain is a
 * tree as deep as it is long. For walks over nodes only, `visit` (src/visit) is the tool; this
 * one is for the layers before it (parse) and for rewriting every span in place.
 */
export function forEachSpanned(root: unknown, fn: (o: Spanned) => void): void {
    const seen = new Set<object>();
    const todo: unknown[] = [root];
    while (todo.length > 0) {
        const x = todo.pop();
        if (typeof x !== "object" || x === null || seen.has(x)) continue;
        seen.add(x);
        if (Array.isArray(x)) {
            for (let i = x.length - 1; i >= 0; i--) todo.push(x[i]);
            continue;
        }
        const o = x as Record<string, unknown>;
        const keys = Object.keys(o);
        for (let i = keys.length - 1; i >= 0; i--) {
            const k = keys[i] as string;
            if (k !== "span" && k !== "origin") todo.push(o[k]);
        }
        const s = o.span as Span | undefined;
        if (typeof s === "object" && s !== null) fn(o as Spanned);
    }
}
