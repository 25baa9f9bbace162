/**
 * Indicators: the field/operator/value predicates a search filters on, collected from `search`
 * expressions (the leading search, `| search`, tstats/mstats and inputlookup `WHERE`), `where`
 * conditions and the `regex` command, together with the boolean tree each filtering stage forms
 * over them. A detection catalog counts indicators across rules, so every one carries a
 * normalised form: values are lower-cased where Splunk compares case-insensitively (the search
 * language) and kept as written where it does not (eval/where, `CASE()`, regular expressions).
 *
 * What is NOT an indicator, on purpose:
 * - raw terms, quoted phrases and `TERM()`/`CASE()`/`PREFIX()` directives: they match the event
 *   text, not a field (`TERM(EventCode=4103)` is the raw token `EventCode=4103`; reference §2.8).
 *   They are {@link SearchTerm}s;
 * - time modifiers (`earliest=-24h`): {@link TimeBound}s;
 * - eval/where comparisons between two fields (`a=b`), or of a computed value (`len(x) > 5`),
 *   and `searchmatch(...)` (its argument is search text decided at run time): they stay in the
 *   predicate tree as `other` leaves;
 * - tstats' `nodename=` (a data-model node, reported as a data source).
 *
 * Negation: `negated` is true for a predicate under an odd number of `NOT`s (search `NOT`, eval
 * `NOT`/`!`). `!=` is an operator of its own and never folded into negation, because
 * `x!=v` and `NOT x=v` differ on events without `x` (reference §2.5); `NOT x!=v` is `op "!="`
 * with `negated: true`. Operands of `XOR` keep the negation of their context.
 */
import type { Expr, SearchExpr } from "../ir/nodes.js";
import type { Origin, Span } from "../ir/span.js";
import { print } from "../print/index.js";

/**
 * What the rows a predicate filters are: `event` (events as searched), `post-projection`
 * (still events, after a command that only projects them, such as `table`), or
 * `post-aggregation` (results of an aggregating command: stats, chart, top, tstats...).
 */
export type Level = "event" | "post-projection" | "post-aggregation";

/** Operators of {@link Indicator}. `==` of eval is reported as `=`. */
export type IndicatorOp = "=" | "!=" | "<" | "<=" | ">" | ">=" | "IN" | "LIKE" | "match" | "regex" | "cidrmatch" | "isnull" | "isnotnull";

/** Which language the predicate was written in; it decides case sensitivity. */
export type PredicateSyntax = "search" | "eval" | "regex";

/** One field predicate the search filters on. */
export interface Indicator {
    /** The field name as written (field names are case-sensitive in Splunk). */
    field: string;
    /**
     * `=`, `!=`, `<`, `<=`, `>`, `>=` (search or eval comparisons; with the literal on the left
     * the operator is mirrored so that the field is always on the left), `IN` (search `IN` and
     * eval `in()`/`IN`), `LIKE` (eval `like()`/`LIKE`), `match` (eval `match(f, re)`), `regex`
     * (the `regex` command), `cidrmatch` (eval `cidrmatch(cidr, f)`), `isnull`/`isnotnull`.
     */
    op: IndicatorOp;
    /** The values as written, quotes removed (`*$`, `0x18`, `10.0.0.0/8`); empty for isnull/isnotnull. */
    values: string[];
    /**
     * Eval predicates only: whether each value was written as a string (`"5"`) or a number (`5`)
     * literal. Eval tells them apart (`x=="5"` compares text, `x==5` numbers), so their keys do.
     */
    valueTypes?: ("string" | "number")[];
    /**
     * The values for counting: lower-cased when Splunk compares case-insensitively (search
     * language values, except `CASE()`; eval values under `lower()`/`upper()`), otherwise as
     * written. Wildcards stay patterns (`*$`), CIDR ranges stay ranges.
     */
    normalized: string[];
    /**
     * Under an odd number of NOTs. `!=` is not negation (see the module comment). For the
     * `regex` command, true for `regex field!="re"` (keep the results that do not match).
     */
    negated: boolean;
    /** Whether the value comparison is case-sensitive. */
    caseSensitive: boolean;
    /** The language the predicate was written in. */
    syntax: PredicateSyntax;
    /** Index of the top-level stage it belongs to (a subsearch's predicates: the stage holding the subsearch). */
    stage: number;
    /** Canonical name of the command that holds the predicate (`search`, `where`, `tstats`, `inputlookup`, `regex`). */
    command: string;
    /**
     * `event` before any transforming command of its pipeline (a `search`/`where` before `stats`,
     * tstats' `WHERE`), `post-aggregation` after an aggregating one (`| where count > 5`),
     * `post-projection` after `table` only (Splunk calls it transforming, but its rows are
     * still events).
     */
    level: Level;
    /** `computed` when an earlier stage of the same pipeline writes the field (eval, stats, rex, lookup, rename...); `raw` otherwise. */
    fieldSource: "raw" | "computed";
    /** The field is a search modifier (index, sourcetype, source, host, eventtype, ...). */
    modifier: boolean;
    /** Found inside a subsearch or a nested pipeline (join, append, multisearch...). */
    subsearch: boolean;
    /** The macro the predicate came from, when it was produced by macro expansion. */
    origin?: Origin;
    /** Source range (the macro call, for a predicate from a macro). */
    span: Span;
    /**
     * The counting keys of {@link indicatorKeys} (`EventCode=4771`; one per value of an `IN`).
     * A predicate inside a negated conjunction (`NOT (x=1 y=2)`) excludes nothing on its own:
     * its one key is the conjunction's (`NOT (x=1 AND y=2)`), shared by its members (see
     * `negatedGroup`). `NOT (a OR b)` distributes: each member keeps its own `NOT` key.
     */
    keys: string[];
    /** Set inside a negated conjunction: the conjunction's key, which is also `keys[0]`. */
    negatedGroup?: string;
    /**
     * The predicate on one line, as written for search predicates (quotes kept:
     * `TargetUserName!="*$"`, `x IN (a, "b c")`), canonically printed for eval ones
     * (`unique_accounts > 30`). Without the NOTs that negate it (see `negated`).
     */
    text: string;
}

/** A raw-text match: a bare term, a quoted phrase or a directive. */
export interface SearchTerm {
    /** `term` (bare word), `phrase` ("quoted"), or the directive name. */
    kind: "term" | "phrase" | "TERM" | "CASE" | "PREFIX";
    /** The text matched: quotes removed, escapes resolved; a directive's inner text. */
    text: string;
    /** For counting: lower-cased except for `CASE()` (raw-text search is case-insensitive). */
    normalized: string;
    /** Contains a `*` wildcard. */
    wildcard: boolean;
    /** Under an odd number of NOTs. */
    negated: boolean;
    /** Top-level stage index. */
    stage: number;
    /** Canonical name of the command holding it. */
    command: string;
    /** See {@link Indicator.level}. */
    level: Level;
    /** Found inside a subsearch or nested pipeline. */
    subsearch: boolean;
    /** Macro origin, when produced by macro expansion. */
    origin?: Origin;
    /** Source range (the macro call, for a term from a macro). */
    span: Span;
}

/** A time modifier (`earliest=-24h@h`): not a field predicate. */
export interface TimeBound {
    /** The modifier name as written (`earliest`, `latest`, `_index_earliest`, `starttime`, ...). */
    name: string;
    /** The value as written (`-24h@h`, `now`, `10/19/2018:00:00:00`). */
    value: string;
    /** Under an odd number of NOTs (unusual, kept for completeness). */
    negated: boolean;
    /** Top-level stage index. */
    stage: number;
    /** Found inside a subsearch or nested pipeline (which has its own time range). */
    subsearch: boolean;
    /** Macro origin, when produced by macro expansion. */
    origin?: Origin;
    /** Source range. */
    span: Span;
}

/**
 * The boolean structure of a stage's filter, with leaves referring into the analysis' arrays:
 * `indicator` and `term` are indexes into `indicators` and `searchTerms`, `time` into
 * `timeRange`. `not` has exactly one operand. `macro` is an unexpanded macro standing as an
 * operand, `subsearch` a `[...]` whose results become search text at run time, `other` a
 * condition that is no indicator (its text, e.g. `len(x) > 5`, `a=b` in where).
 */
export type PredicateNode = PredicateGroup<"and"> | PredicateGroup<"or"> | PredicateGroup<"xor"> | PredicateNot | PredicateLeaf;

/** `and`, `or` or eval's `xor` of two or more operands. */
export interface PredicateGroup<K extends "and" | "or" | "xor" = "and" | "or" | "xor"> {
    kind: K;
    operands: PredicateNode[];
}

/** The negation of one operand. */
export interface PredicateNot {
    kind: "not";
    operand: PredicateNode;
}

/** A leaf of the predicate tree (see {@link PredicateNode}). */
export type PredicateLeaf =
    | { kind: "indicator"; index: number }
    | { kind: "term"; index: number }
    | { kind: "time"; index: number }
    | { kind: "macro"; name: string }
    | { kind: "subsearch" }
    | { kind: "other"; text: string };

// ---------------------------------------------------------------------------------------------
// Text and counting keys

/** Prints a node with the library printer; never throws (falls back to a marker). */
export function safePrint(e: Expr | SearchExpr): string {
    try {
        return print(e);
    } catch {
        return `<${e.kind}>`;
    }
}

function quoteIfNeeded(v: string): string {
    return v === "" || /[\s,()|"=!<>[\]]/.test(v) ? `"${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"` : v;
}

/**
 * One-line text of an indicator: its `text` (as written: `TargetUserName!="*$"`), or, for an
 * object without it, one built from its fields (`x IN (a, b)`, `match(f, "re")`). Negation is
 * not printed (it is in `negated`), except for `regex f!="re"`, whose `!=` is its own.
 */
export function indicatorText(i: Indicator): string {
    return typeof i.text === "string" && i.text !== "" ? i.text : fieldsText(i);
}

/** The text of an indicator built from its fields. */
export function fieldsText(i: Omit<Indicator, "text">): string {
    const q = i.syntax === "search" ? quoteIfNeeded : (v: string): string => (/^-?[0-9.]+$/.test(v) ? v : `"${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`);
    const v0 = q(i.values[0] ?? "");
    const sp = i.syntax === "search" ? "" : " ";
    let text: string;
    switch (i.op) {
        case "IN":
            text = `${i.field} IN (${i.values.map(q).join(", ")})`;
            break;
        case "LIKE":
            text = `${i.field} LIKE ${v0}`;
            break;
        case "match":
            text = `match(${i.field}, ${v0})`;
            break;
        case "regex":
            return `regex ${i.field}${i.negated ? "!=" : "="}${v0}`;
        case "cidrmatch":
            text = `cidrmatch(${v0}, ${i.field})`;
            break;
        case "isnull":
        case "isnotnull":
            text = `${i.op}(${i.field})`;
            break;
        default:
            text = `${i.field}${sp}${i.op}${sp}${v0}`;
    }
    return text;
}

/** One-line text of a search term (`error`, `"a phrase"`, `TERM(x)`). */
export function termText(t: SearchTerm): string {
    switch (t.kind) {
        case "term":
            return t.text;
        case "phrase":
            return `"${t.text.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
        default:
            return `${t.kind}(${t.text})`;
    }
}

/**
 * The stable counting keys of an indicator, used by the corpus index: `EventCode=4771`,
 * `TargetUserName!=*$`, `NOT user=admin`, `count>5`, `process LIKE %x%`, `match(f, re)`,
 * `cidrmatch(10.0.0.0/8, ip)`, `isnull(f)`, `regex(_raw, re)`. Values are the normalised ones,
 * unquoted. An `IN` gives one `field=value` key per value, since `f IN (a, b)` is
 * `f=a OR f=b` (reference §2.7): a rule filtering on `EventCode IN (4624, 4625)` shares
 * `EventCode=4624` with one that writes `EventCode=4624`. A negated predicate is prefixed
 * with `NOT `. Eval comparisons (`where`) get keys of their own, since eval compares
 * case-sensitively, reads `*` literally and tells strings from numbers: `process=="*cmd*"`
 * (`==`, string values in quotes) never counts as the search predicate `process=*cmd*`.
 */
export function indicatorKeys(i: Pick<Indicator, "field" | "op" | "normalized" | "negated"> & Partial<Pick<Indicator, "syntax" | "valueTypes">>): string[] {
    const neg = i.negated && i.op !== "regex" ? "NOT " : "";
    const v0 = i.normalized[0] ?? "";
    if (i.syntax === "eval") {
        // A string literal keeps its quotes (`y=="5"`), a number does not (`y==5`); without types
        // (an indicator built by hand) a value that reads as a number is taken for one.
        const lit = (v: string, k: number): string => {
            const type = i.valueTypes?.[k] ?? (/^-?\d+(\.\d+)?$/.test(v) ? "number" : "string");
            return type === "number" ? v : JSON.stringify(v);
        };
        if (i.op === "IN") return [...new Set(i.normalized.map((v, k) => `${neg}${i.field}==${lit(v, k)}`))];
        if (i.op === "=" || i.op === "!=" || i.op === "<" || i.op === "<=" || i.op === ">" || i.op === ">=") {
            return [`${neg}${i.field}${i.op === "=" ? "==" : i.op}${lit(v0, 0)}`];
        }
    }
    switch (i.op) {
        case "IN":
            return [...new Set(i.normalized.map((v) => `${neg}${i.field}=${v}`))];
        case "LIKE":
            return [`${neg}${i.field} LIKE ${v0}`];
        case "match":
            return [`${neg}match(${i.field}, ${v0})`];
        case "regex":
            return [`${i.negated ? "NOT " : ""}regex(${i.field}, ${v0})`];
        case "cidrmatch":
            return [`${neg}cidrmatch(${v0}, ${i.field})`];
        case "isnull":
        case "isnotnull":
            return [`${neg}${i.op}(${i.field})`];
        default:
            return [`${neg}${i.field}${i.op}${v0}`];
    }
}

/**
 * One-line rendering of a predicate tree: `AND`/`OR`/`XOR` written out, parentheses around
 * every nested group, `NOT x`. Leaves print as their indicator, term or macro text.
 */
export function renderPredicates(node: PredicateNode, indicators: readonly Indicator[], terms: readonly SearchTerm[], times: readonly TimeBound[]): string {
    const go = (n: PredicateNode, nested: boolean): string => {
        switch (n.kind) {
            case "not":
                return `NOT ${go(n.operand, true)}`;
            case "and":
            case "or":
            case "xor": {
                const s = n.operands.map((o) => go(o, true)).join(` ${n.kind.toUpperCase()} `);
                return nested && n.operands.length > 1 ? `(${s})` : s;
            }
            case "indicator": {
                // The tree stores the negation in `not` nodes; the leaf prints positively.
                const i = indicators[n.index];
                return i ? indicatorText(i) : "?";
            }
            case "term": {
                const t = terms[n.index];
                return t ? termText(t) : "?";
            }
            case "time": {
                const t = times[n.index];
                return t ? `${t.name}=${t.value}` : "?";
            }
            case "macro":
                return `\`${n.name}\``;
            case "subsearch":
                return "[...]";
            case "other":
                return n.text;
        }
    };
    return go(node, false);
}
