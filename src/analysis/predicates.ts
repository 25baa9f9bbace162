/**
 * The predicate collector: walks the filters of a stage (search expressions, where conditions,
 * tstats/mstats and inputlookup `WHERE`, `regex`) and builds their boolean trees, collecting the
 * indicators, terms and time bounds at the leaves. What counts as an indicator, and what does
 * not, is said in indicators.ts.
 */
import type { Binary, Call, Command, Expr, Pipeline, SearchExpr, SearchValue } from "../ir/nodes.js";
import type { ComputedView } from "./computed-fields.js";
import { fieldsText, indicatorKeys, safePrint, type Indicator, type IndicatorOp, type Level, type PredicateNode, type SearchTerm, type TimeBound } from "./indicators.js";
import { SKIP, walkNodes } from "../visit/visit.js";

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
        walkNodes(e, {
            Subsearch: (x) => {
                this.onSubsearch(x.pipeline);
                return SKIP;
            },
        });
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
