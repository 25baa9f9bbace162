/**
 * The event model that `relate` reasons about, and the exact meaning of its value predicates.
 *
 * An event is a set of fields, each with zero or more values (multivalue), plus `_raw` text.
 * The metadata fields in {@link SINGLE_VALUED} always carry exactly one value. Fields and raw
 * text are independent in this model: a rule on `user=bob` says nothing about the token `bob`.
 */

/** Metadata fields: every event has exactly one value for each. */
export const SINGLE_VALUED: ReadonlySet<string> = new Set(["index", "sourcetype", "source", "host", "datamodel"]);

/** A concrete event of the model: field values and raw text. Used for witnesses. */
export interface ModelEvent {
    /** Field name to its values; a missing or empty entry means the field is absent. */
    fields: Record<string, string[]>;
    /** The raw text (`_raw`), one constraint's text per line. */
    raw: string;
}

/** A predicate on one field value. */
export type ValuePred =
    /** Wildcard pattern (`*` = any run); case-insensitive unless `caseSensitive` (CASE()). */
    | { kind: "pattern"; text: string; caseSensitive: boolean }
    /** IPv4 CIDR range (inclusive numeric bounds). */
    | { kind: "cidr"; text: string; lo: number; hi: number }
    /** `< <= > >=` against a constant: numeric when both sides are numbers, else lexicographic. */
    | { kind: "compare"; op: "<" | "<=" | ">" | ">="; text: string };

/**
 * A constraint on the raw text. `token`: a term, phrase, TERM() or CASE() of letters, digits and
 * `*` only (one indexed token). Otherwise by how it was written: `word` (bare term with
 * breakers), `phrase` (quoted), `term` (TERM()), `case` (CASE()); these are kept apart.
 */
export interface RawConstraint {
    kind: "token" | "word" | "phrase" | "term" | "case";
    /** Pattern text (`*` wildcards); lower-cased unless case-sensitive. */
    text: string;
    caseSensitive: boolean;
}

/** An atomic condition of a filter. */
export type Atom =
    /** `field=pred` (`negated: false`: some value satisfies pred) or `field!=pred` (some value fails it). */
    | { kind: "field"; field: string; ne: boolean; pred: ValuePred }
    | { kind: "raw"; raw: RawConstraint }
    /** Something not modelled (unexpanded macro, subsearch, where condition...): a free boolean, same key = same truth. */
    | { kind: "opaque"; key: string; why: string };

/** A filter formula. */
export type Formula = { kind: "and" | "or"; operands: Formula[] } | { kind: "not"; operand: Formula } | { kind: "const"; value: boolean } | { kind: "atom"; atom: Atom };

const NUMERIC = /^[+-]?(\d+(?:\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** True when the text is a number in the sense of the search language's comparisons. */
export function isNumeric(text: string): boolean {
    return NUMERIC.test(text);
}

/** Parses dotted IPv4 to an unsigned number, or null. */
export function parseIPv4(text: string): number | null {
    const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
    if (!m) return null;
    let n = 0;
    for (let i = 1; i <= 4; i++) {
        const octet = Number(m[i]);
        if (octet > 255) return null;
        n = n * 256 + octet;
    }
    return n;
}

/** Dotted form of an unsigned IPv4 number. */
export function formatIPv4(n: number): string {
    return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join(".");
}

/** IPv4 CIDR text to its inclusive range, or null when it is not IPv4 CIDR. */
export function parseCidr(text: string): { lo: number; hi: number } | null {
    const m = /^([\d.]+)\/(\d{1,2})$/.exec(text);
    if (!m) return null;
    const base = parseIPv4(m[1]!);
    const bits = Number(m[2]);
    if (base === null || bits > 32) return null;
    const size = 2 ** (32 - bits);
    const lo = Math.floor(base / size) * size;
    return { lo, hi: lo + size - 1 };
}

/** Wildcard match of a whole string (`*` = any run, possibly empty). Inputs already case-folded as needed. */
export function globMatch(pattern: string, s: string): boolean {
    // Iterative matcher with backtracking to the last star: linear-ish, no regex compilation.
    let p = 0;
    let i = 0;
    let star = -1;
    let mark = 0;
    while (i < s.length) {
        if (p < pattern.length && pattern[p] !== "*" && pattern[p] === s[i]) {
            p++;
            i++;
        } else if (p < pattern.length && pattern[p] === "*") {
            star = p++;
            mark = i;
        } else if (star >= 0) {
            p = star + 1;
            i = ++mark;
        } else {
            return false;
        }
    }
    while (p < pattern.length && pattern[p] === "*") p++;
    return p === pattern.length;
}

const lowered = new WeakMap<ValuePred, string>();

function matchPattern(pattern: string, value: string): boolean {
    return pattern.includes("*") ? globMatch(pattern, value) : pattern === value;
}

/** Does the value satisfy the predicate? Exact (values are concrete strings). */
export function valueSatisfies(pred: ValuePred, value: string): boolean {
    switch (pred.kind) {
        case "pattern": {
            if (pred.caseSensitive) return matchPattern(pred.text, value);
            let p = lowered.get(pred);
            if (p === undefined) lowered.set(pred, (p = pred.text.toLowerCase()));
            return matchPattern(p, value.toLowerCase());
        }
        case "cidr": {
            const n = parseIPv4(value);
            return n !== null && n >= pred.lo && n <= pred.hi;
        }
        case "compare": {
            const c = compareValues(value, pred.text);
            return pred.op === "<" ? c < 0 : pred.op === "<=" ? c <= 0 : pred.op === ">" ? c > 0 : c >= 0;
        }
    }
}

/** Numeric comparison when both are numbers, otherwise lexicographic by UTF-16 code units. */
export function compareValues(a: string, b: string): number {
    if (isNumeric(a) && isNumeric(b)) return Math.sign(Number(a) - Number(b));
    return a < b ? -1 : a > b ? 1 : 0;
}

/** A raw constraint written back as search syntax. */
export function rawText(c: RawConstraint): string {
    return c.caseSensitive ? `CASE(${c.text})` : c.kind === "term" ? `TERM(${c.text})` : c.kind === "phrase" ? JSON.stringify(c.text) : c.text;
}
