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
import type { Binary, Call, Command, Expr, Pipeline, SearchExpr, SearchValue } from "../ir/nodes.js";
import type { Origin, Span } from "../ir/span.js";
import { print } from "../print/index.js";
import { globMatches } from "./glob.js";
import { exprOperands } from "./lineage/expr.js";

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

/** Where a filter stands: what every indicator found in it inherits. */
export interface FilterContext {
    /** Top-level stage index. */
    stage: number;
    /** Canonical name of the command holding the filter. */
    command: string;
    /** Level of the stage (see {@link Indicator.level}). */
    level: Level;
    /** Inside a subsearch or nested pipeline. */
    subsearch: boolean;
    /** Fields written by earlier stages of the same pipeline (patterns kept, `*` excluded). */
    computed: ComputedView;
    /** True inside tstats/mstats WHERE: `nodename=` is a data-model node there, not a field. */
    tstats: boolean;
}

/** Whether a field was written by an earlier stage, as seen from one stage. */
export interface ComputedView {
    has(field: string): boolean;
}

/**
 * The fields written so far in one pipeline, in order. It only grows, so the view of a stage is
 * the first `count` names: stages share one table instead of copying the list each (quadratic
 * over thousands of stages).
 */
export class ComputedFields {
    private readonly order = new Map<string, number>();
    private readonly patterns: { name: string; at: number }[] = [];
    private readonly list: string[] = [];

    constructor(initial: readonly string[] = []) {
        for (const n of initial) this.add(n);
    }

    add(name: string): void {
        if (this.order.has(name)) return;
        this.order.set(name, this.list.length);
        if (name.includes("*")) this.patterns.push({ name, at: this.list.length });
        this.list.push(name);
    }

    /** The names so far (a copy). */
    names(): string[] {
        return [...this.list];
    }

    /** What the fields written so far look like from now on, unaffected by later additions. */
    view(): ComputedView {
        const count = this.list.length;
        return {
            has: (field) => {
                const at = this.order.get(field);
                if (at !== undefined && at < count) return true;
                for (const p of this.patterns) if (p.at < count && globMatches(p.name, field)) return true;
                return false;
            },
        };
    }
}

/** Called for every subsearch met inside a filter; the analyzer walks it as a nested pipeline. */
export type SubsearchHandler = (pipeline: Pipeline) => void;

/** Collects indicators, terms and time bounds, and builds predicate trees pointing at them. */
export class PredicateCollector {
    /** Every indicator found, in source order of the walk. */
    readonly indicators: Indicator[] = [];
    /** Every raw term, phrase and directive found. */
    readonly searchTerms: SearchTerm[] = [];
    /** Every time modifier found. */
    readonly timeRange: TimeBound[] = [];
    /** The display text of the leaf being built (set just before `leaf()`). */
    private display: string | null = null;

    /** `onSubsearch` is called for each `[...]` met inside a filter, to walk it as a nested pipeline. */
    constructor(private readonly onSubsearch: SubsearchHandler) {}

    /** The predicate tree of one stage, or null when the stage does not filter. */
    stageTree(command: Command, cx: FilterContext): PredicateNode | null {
        switch (command.kind) {
            case "SearchCommand":
                return command.filter ? this.search(command.filter, cx, false) : null;
            case "WhereCommand":
                return this.expr(command.condition, cx, false);
            case "StatsCommand":
                return command.where ? this.search(command.where, { ...cx, tstats: true }, false) : null;
            case "InputlookupCommand":
                return command.where ? this.search(command.where, cx, false) : null;
            case "RegexCommand":
                if (command.pattern === null) return null;
                this.display = null;
                return this.leaf(
                    {
                        field: command.field,
                        op: "regex",
                        values: [command.pattern],
                        normalized: [command.pattern],
                        negated: command.negated,
                        caseSensitive: true,
                        syntax: "regex",
                        modifier: false,
                        span: command.span,
                        ...(command.origin ? { origin: command.origin } : {}),
                    },
                    cx,
                );
            case "MacroCall":
                // A macro stage may filter (the `*_filter` macros do); its contents are unknown.
                return { kind: "macro", name: command.name };
            default:
                return null;
        }
    }

    // -----------------------------------------------------------------------------------------
    // Search language

    private search(e: SearchExpr, cx: FilterContext, negated: boolean): PredicateNode {
        switch (e.kind) {
            case "SearchAnd":
            case "SearchOr": {
                const op = e.kind === "SearchAnd" ? "and" : "or";
                const first = this.indicators.length;
                const node: PredicateNode = { kind: op, operands: e.operands.map((o) => this.search(o, cx, negated)) };
                if (negated && op === "and" && e.operands.length > 1) this.groupNegated(node, first);
                return node;
            }
            case "SearchNot":
                return { kind: "not", operand: this.search(e.operand, cx, !negated) };
            case "Compare": {
                if (e.value.subsearch) {
                    this.onSubsearch(e.value.subsearch.pipeline);
                    return { kind: "subsearch" };
                }
                if (cx.tstats && e.field.toLowerCase() === "nodename") return { kind: "other", text: `nodename=${e.value.raw}` };
                // No literal value: a value lost to error recovery, or a `$token$` a dashboard
                // or `map` fills in at run time. Neither is an indicator nor an index key.
                if (e.value.raw === "" || e.value.type === "token") return { kind: "other", text: `${e.field}${e.op}${e.value.raw}` };
                const caseSensitive = e.value.directive === "CASE";
                this.display = `${e.field}${e.op}${e.value.raw}`;
                return this.leaf(
                    {
                        field: e.field,
                        op: e.op,
                        values: [e.value.text],
                        normalized: [searchNorm(e.value)],
                        negated,
                        caseSensitive,
                        syntax: "search",
                        modifier: e.modifier,
                        span: e.span,
                        ...(e.origin ? { origin: e.origin } : {}),
                    },
                    cx,
                );
            }
            case "In":
                this.display = `${e.field} IN (${e.values.map((v) => v.raw).join(", ")})`;
                return this.leaf(
                    {
                        field: e.field,
                        op: "IN",
                        values: e.values.map((v) => v.text),
                        normalized: e.values.map(searchNorm),
                        negated,
                        caseSensitive: false,
                        syntax: "search",
                        modifier: e.modifier,
                        span: e.span,
                        ...(e.origin ? { origin: e.origin } : {}),
                    },
                    cx,
                );
            case "Term":
                return this.term(
                    {
                        kind: e.value.quoted ? "phrase" : "term",
                        text: e.value.text,
                        normalized: e.value.text.toLowerCase(),
                        wildcard: e.value.wildcard,
                        negated,
                        span: e.span,
                        ...(e.origin ? { origin: e.origin } : {}),
                    },
                    cx,
                );
            case "Directive":
                return this.term(
                    {
                        kind: e.name,
                        text: e.text,
                        normalized: e.name === "CASE" ? e.text : e.text.toLowerCase(),
                        wildcard: e.text.includes("*"),
                        negated,
                        span: e.span,
                        ...(e.origin ? { origin: e.origin } : {}),
                    },
                    cx,
                );
            case "TimeModifier": {
                const bound: TimeBound = { name: e.name, value: e.value, negated, stage: cx.stage, subsearch: cx.subsearch, span: e.span };
                if (e.origin) bound.origin = e.origin;
                this.timeRange.push(bound);
                return { kind: "time", index: this.timeRange.length - 1 };
            }
            case "MacroCall":
                return { kind: "macro", name: e.name };
            case "Subsearch":
                this.onSubsearch(e.pipeline);
                return { kind: "subsearch" };
        }
    }

    // -----------------------------------------------------------------------------------------
    // eval / where language

    private expr(e: Expr, cx: FilterContext, negated: boolean): PredicateNode {
        switch (e.kind) {
            case "Binary": {
                const op = e.op.toUpperCase();
                if (op === "AND" || op === "OR" || op === "XOR") {
                    const lower = op.toLowerCase() as "and" | "or" | "xor";
                    const operands: PredicateNode[] = [];
                    // Flatten chains of the same operator: `a AND b AND c` is one `and` node.
                    // An explicit stack: a chain of thousands is a left-deep tree.
                    const todo: Expr[] = [e];
                    const first = this.indicators.length;
                    while (todo.length > 0) {
                        const x = todo.pop() as Expr;
                        if (x.kind === "Binary" && x.op.toUpperCase() === op) todo.push(x.right, x.left);
                        else operands.push(this.expr(x, cx, negated));
                    }
                    const node: PredicateNode = { kind: lower, operands };
                    if (negated && lower === "and" && operands.length > 1) this.groupNegated(node, first);
                    return node;
                }
                return this.comparison(e, cx, negated) ?? this.other(e);
            }
            case "Unary":
                if (e.op === "NOT") return { kind: "not", operand: this.expr(e.operand, cx, !negated) };
                return this.other(e);
            case "Call":
                return this.call(e, cx, negated) ?? this.other(e);
            case "MacroCall":
                return { kind: "macro", name: e.name };
            case "Subsearch":
                this.onSubsearch(e.pipeline);
                return { kind: "subsearch" };
            default:
                this.findSubsearches(e);
                return this.other(e);
        }
    }

    /** `field op literal` or `literal op field` (mirrored), and `field LIKE "pattern"`. */
    private comparison(e: Binary, cx: FilterContext, negated: boolean): PredicateNode | null {
        const op = e.op === "==" ? "=" : e.op.toUpperCase();
        if (!["=", "!=", "<", "<=", ">", ">=", "LIKE"].includes(op)) return null;
        let field = fieldOf(e.left);
        let lit = literalOf(e.right);
        let mirrored = false;
        if (!field || lit === null) {
            if (op === "LIKE") return null;
            field = fieldOf(e.right);
            lit = literalOf(e.left);
            mirrored = true;
        }
        if (!field || lit === null) return null;
        const finalOp = (mirrored ? (MIRROR[op] ?? op) : op) as IndicatorOp;
        return this.evalLeaf(e, field, finalOp, [lit], cx, negated);
    }

    /** like(), match(), cidrmatch(), in(), isnull(), isnotnull(). */
    private call(e: Call, cx: FilterContext, negated: boolean): PredicateNode | null {
        const [a0, a1] = e.args;
        switch (e.name) {
            case "like":
            case "match": {
                const field = a0 ? fieldOf(a0) : null;
                const lit = a1 ? literalOf(a1) : null;
                if (!field || lit === null || e.args.length !== 2) return null;
                return this.evalLeaf(e, field, e.name === "like" ? "LIKE" : "match", [lit], cx, negated);
            }
            case "cidrmatch": {
                const lit = a0 ? literalOf(a0) : null;
                const field = a1 ? fieldOf(a1) : null;
                if (!field || lit === null || e.args.length !== 2) return null;
                return this.evalLeaf(e, field, "cidrmatch", [lit], cx, negated);
            }
            case "in": {
                const field = a0 ? fieldOf(a0) : null;
                const lits = e.args.slice(1).map(literalOf);
                if (!field || lits.length === 0 || lits.some((l) => l === null)) return null;
                return this.evalLeaf(e, field, "IN", lits as Literal[], cx, negated);
            }
            case "isnull":
            case "isnotnull": {
                const field = a0 && e.args.length === 1 ? fieldOf(a0) : null;
                if (!field) return null;
                return this.evalLeaf(e, field, e.name, [], cx, negated);
            }
            default:
                this.findSubsearches(e);
                return null;
        }
    }

    private evalLeaf(e: Expr, field: FieldOf, op: IndicatorOp, literals: Literal[], cx: FilterContext, negated: boolean): PredicateNode {
        // match() regexes and cidrmatch() ranges are kept as written; other eval comparisons are
        // case-sensitive unless the field is wrapped in lower()/upper().
        const fold = field.folded && op !== "match" && op !== "cidrmatch";
        this.display = safePrint(e);
        const values = literals.map((l) => l.text);
        return this.leaf(
            {
                field: field.name,
                op,
                values,
                ...(literals.length > 0 ? { valueTypes: literals.map((l) => l.type) } : {}),
                normalized: values.map((v) => (fold ? v.toLowerCase() : v)),
                negated,
                caseSensitive: !fold,
                syntax: "eval",
                modifier: false,
                span: e.span,
                ...(e.origin ? { origin: e.origin } : {}),
            },
            cx,
        );
    }

    /**
     * The indicators from `first` on stand in one negated conjunction `node`: `NOT (x=1 y=2)`
     * excludes the pair, not `x=1` alone, so they share one key, the conjunction written with
     * the members' keys (`NOT (x=1 AND y=2)`). An inner group is folded into the outer one.
     */
    private groupNegated(node: PredicateNode, first: number): void {
        const members = this.indicators.slice(first);
        if (members.length === 0) return;
        const key = `NOT (${this.groupKey(node)})`;
        for (const i of members) {
            i.negatedGroup = key;
            i.keys = [key];
        }
    }

    /** A predicate subtree as key text, members written without their context's negation. */
    private groupKey(n: PredicateNode): string {
        switch (n.kind) {
            case "and":
            case "or":
            case "xor": {
                const joined = n.operands
                    .map((o) => this.groupKey(o))
                    .sort()
                    .join(` ${n.kind.toUpperCase()} `);
                return n.kind === "and" ? joined : `(${joined})`;
            }
            case "not":
                return `NOT ${this.groupKey(n.operand)}`;
            case "indicator": {
                const i = this.indicators[n.index] as Indicator;
                const keys = indicatorKeys({ ...i, negated: false });
                return keys.length === 1 ? (keys[0] as string) : `(${keys.join(" OR ")})`;
            }
            case "term":
                return `"${this.searchTerms[n.index]?.normalized ?? ""}"`;
            case "macro":
                return `\`${n.name}\``;
            case "other":
                return n.text;
            case "subsearch":
                return "[...]";
            case "time":
                return "time";
        }
    }

    private leaf(partial: Omit<Indicator, "stage" | "command" | "level" | "fieldSource" | "subsearch" | "keys" | "text">, cx: FilterContext): PredicateNode {
        const ind: Indicator = {
            field: partial.field,
            op: partial.op,
            values: partial.values,
            ...(partial.valueTypes ? { valueTypes: partial.valueTypes } : {}),
            normalized: partial.normalized,
            negated: partial.negated,
            caseSensitive: partial.caseSensitive,
            syntax: partial.syntax,
            stage: cx.stage,
            command: cx.command,
            level: cx.level,
            fieldSource: cx.computed.has(partial.field) ? "computed" : "raw",
            modifier: partial.modifier,
            subsearch: cx.subsearch,
            span: partial.span,
            keys: [],
            text: "",
        };
        if (partial.origin) ind.origin = partial.origin;
        ind.keys = indicatorKeys(ind);
        ind.text = this.display ?? fieldsText(ind);
        this.display = null;
        this.indicators.push(ind);
        return { kind: "indicator", index: this.indicators.length - 1 };
    }

    private term(partial: Omit<SearchTerm, "stage" | "command" | "level" | "subsearch">, cx: FilterContext): PredicateNode {
        const t: SearchTerm = {
            kind: partial.kind,
            text: partial.text,
            normalized: partial.normalized,
            wildcard: partial.wildcard,
            negated: partial.negated,
            stage: cx.stage,
            command: cx.command,
            level: cx.level,
            subsearch: cx.subsearch,
            span: partial.span,
        };
        if (partial.origin) t.origin = partial.origin;
        this.searchTerms.push(t);
        return { kind: "term", index: this.searchTerms.length - 1 };
    }

    private other(e: Expr): PredicateNode {
        return { kind: "other", text: safePrint(e) };
    }

    /** Subsearches nested in an expression that is not an indicator (`searchmatch([...])` is rare but legal). */
    private findSubsearches(e: Expr): void {
        const todo: Expr[] = [e];
        while (todo.length > 0) {
            const x = todo.pop() as Expr;
            if (x.kind === "Subsearch") this.onSubsearch(x.pipeline);
            const operands = exprOperands(x);
            for (let i = operands.length - 1; i >= 0; i--) todo.push(operands[i] as Expr);
        }
    }
}

const MIRROR: Record<string, string> = { "<": ">", "<=": ">=", ">": "<", ">=": "<=" };

interface FieldOf {
    name: string;
    /** Wrapped in lower()/upper(): the comparison is effectively case-insensitive. */
    folded: boolean;
}

/** A field reference, possibly wrapped in one `lower()`/`upper()`. */
function fieldOf(e: Expr): FieldOf | null {
    if (e.kind === "Field") return { name: e.name, folded: false };
    if (e.kind === "Call" && (e.name === "lower" || e.name === "upper") && e.args.length === 1 && e.args[0]?.kind === "Field") {
        return { name: e.args[0].name, folded: true };
    }
    return null;
}

/** An eval literal: its text (numbers as written) and whether it was a string or a number. */
interface Literal {
    text: string;
    type: "string" | "number";
}

/** A literal value: strings, numbers (as written), negative numbers. */
function literalOf(e: Expr): Literal | null {
    if (e.kind === "String") return { text: e.value, type: "string" };
    if (e.kind === "Number") return { text: e.raw, type: "number" };
    if (e.kind === "Unary" && e.op === "-" && e.operand.kind === "Number") return { text: `-${e.operand.raw}`, type: "number" };
    return null;
}

/** Search-language value for counting: case-insensitive unless written as `CASE(x)`. */
function searchNorm(v: SearchValue): string {
    return v.directive === "CASE" ? v.text : v.text.toLowerCase();
}

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
function fieldsText(i: Omit<Indicator, "text">): string {
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
