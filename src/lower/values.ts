/**
 * Values of the search language: quote removal, SPL escapes and value classification.
 * Reference §1.3: `\"`, `\\` and `\|` resolve; any other backslash sequence stays as written;
 * `*` cannot be escaped, so every `*` is a wildcard, inside quotes too (§1.5).
 */
import type { SearchValue } from "../ir/nodes.js";
import type { Span } from "../ir/span.js";
import { unescapeSpl } from "../ir/escapes.js";

export { unescapeSpl };

/** Removes the surrounding double quotes of a QUOTED token and resolves escapes. */
export function unquote(raw: string): string {
    if (raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"')) return unescapeSpl(raw.slice(1, -1));
    return unescapeSpl(raw);
}

/** Whether a double-quoted token. */
export function isQuoted(raw: string): boolean {
    return raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"');
}

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$|^0[xX][0-9a-fA-F]+$/;
const IPV4_CIDR = /^(?:\d{1,3}\.){3}\d{1,3}\/\d{1,2}$/;
// The first `:` comes before any `.`; the leading class excludes `:` so the match cannot backtrack.
const IPV6_CIDR = /^[0-9a-fA-F]*:[0-9a-fA-F:.]*\/\d{1,3}$/;
const TOKEN = /^\$[^$\s]+\$$/;

/** What a value looks like, for analysis. */
export function classifyValue(text: string, macro: boolean): SearchValue["type"] {
    if (macro) return "macro";
    if (text.includes("*")) return "wildcard";
    if (NUMBER.test(text)) return "number";
    if (IPV4_CIDR.test(text) || IPV6_CIDR.test(text)) return "cidr";
    if (TOKEN.test(text)) return "token";
    return "plain";
}

/** Builds a SearchValue from its source text; its span is its own object (no node shares one). */
export function searchValue(raw: string, span: Span, opts: { macro?: boolean } = {}): SearchValue {
    const quoted = isQuoted(raw);
    const text = opts.macro ? raw : quoted ? unquote(raw) : unescapeSpl(raw);
    return { text, raw, quoted, wildcard: !opts.macro && text.includes("*"), type: classifyValue(text, !!opts.macro), span: { start: span.start, end: span.end } };
}
