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
    if (typeof root !== "object" || root === null) return;
    // Only objects are queued (a node's strings and numbers would be popped for nothing), and
    // keys are read with for-in, which allocates no key array: this walk remaps every span of
    // every search that calls a macro.
    const seen = new Set<object>();
    const todo: object[] = [root];
    while (todo.length > 0) {
        const x = todo.pop() as object;
        if (seen.has(x)) continue;
        seen.add(x);
        if (Array.isArray(x)) {
            for (let i = x.length - 1; i >= 0; i--) {
                const v: unknown = x[i];
                if (typeof v === "object" && v !== null) todo.push(v);
            }
            continue;
        }
        const o = x as Record<string, unknown>;
        // Children are queued in key order and popped in reverse, as before: callers see the same order.
        const start = todo.length;
        for (const k in o) {
            if (k === "span" || k === "origin") continue;
            const v = o[k];
            if (typeof v === "object" && v !== null) todo.push(v);
        }
        reverseFrom(todo, start);
        const s = o.span as Span | undefined;
        if (typeof s === "object" && s !== null) fn(o as Spanned);
    }
}

/** Reverses `a[start..]` in place: a pre-order walk pushes a node's children in order and reverses them, so the first comes off the stack first. */
export function reverseFrom(a: unknown[], start: number): void {
    for (let i = start, j = a.length - 1; i < j; i++, j--) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}
