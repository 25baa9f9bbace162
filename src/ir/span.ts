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
