/**
 * Relations over a whole catalog: groups of equivalent rules, containments, and the pairs that
 * share a data source and overlap. Rules are bucketed by their data-source signature first:
 * two rules whose index/sourcetype/source/datamodel constraints cannot meet are disjoint without
 * further work, and only pairs that share a data source are related in full.
 */
import type { ParseResult } from "../ir/nodes.js";
import { SINGLE_VALUED, type Formula, type ModelEvent } from "./model.js";
import {
    answerMultivalue,
    answerWitness,
    DEFAULT_MAX_CHECKS,
    NO_EVENT,
    OVERLAP_REASON,
    prepareWith,
    relatePrepared,
    type Answer,
    type PairRelation,
    type PreparedFilter,
    type QuestionKind,
    type RelateOptions,
    type Relation,
} from "./relate.js";
import { newInterner } from "./solve.js";
import { solveValue } from "./values.js";

/** One rule of a catalog. */
export interface CatalogRule {
    /** Unique id (the rule's id, or name, or file#index). */
    id: string;
    /** Human name, when known. */
    name?: string | null;
    /** File the rule came from, when known (for locations in reports). */
    file?: string;
    /** The parsed search, macros expanded. */
    result: ParseResult;
}

/** Options of {@link overlapCatalog}. */
export interface OverlapOptions extends RelateOptions {
    /** Also relate pairs that share no data source (slower on big catalogs). Default false. */
    allPairs?: boolean;
}

/** A pair of rules and their relation, for the report. */
export interface PairFinding {
    a: string;
    b: string;
    relation: Relation;
    reason: string;
    /**
     * The witness event of the relation, when there is one. In the findings of
     * {@link overlapCatalog} it is built when read (each read gives a fresh copy) and included by
     * `JSON.stringify`; a spread copy (`{ ...finding }`) leaves it out.
     */
    witness?: ModelEvent | undefined;
    /** True when the witness needs a field with several values (an overlap only multivalue events show). */
    multivalue?: boolean;
    /** Whether the stages after the filters are the same. */
    laterStages: "same" | "different";
}

/** The result of {@link overlapCatalog}: JSON (`JSON.stringify` writes every witness). */
export interface OverlapReport {
    /** Per rule: whether its filter is modelled (else why not), its data-source signature, and later stages that drop results (see `EventFilter.laterFilters`). */
    rules: { id: string; name: string | null; file: string | null; modelled: boolean; reason: string | null; dataSources: string[]; laterFilters: string[] }[];
    /** Groups (two or more rules) whose event filters are equivalent. `laterStages` is `same` when every member also has the same later stages. */
    equivalent: { rules: string[]; laterStages: "same" | "different" }[];
    /** `inner` selects only events `outer` selects too, and not the other way round. */
    containments: PairFinding[];
    /** Pairs sharing a data source that overlap without containment. */
    overlaps: PairFinding[];
    /** Pairs sharing a data source whose relation is undecided. */
    unknown: PairFinding[];
    counts: {
        rules: number;
        modelled: number;
        /** All unordered pairs of rules. */
        pairs: number;
        /** Pairs proven disjoint by their data sources alone. */
        disjointBySource: number;
        /** Pairs that share a data source (both constrain one, and the constraints can meet). */
        sharingSource: number;
        /** Pairs related in full. */
        compared: number;
        equivalent: number;
        contained: number;
        overlap: number;
        disjoint: number;
        unknown: number;
    };
}

/** Data-source fields used for bucketing; `eventtype` is multivalue and only counts as shared. */
const SOURCE_FIELDS = ["index", "sourcetype", "source", "datamodel", "eventtype"];

type Signature = Map<string, string[]>;

/** Per field, patterns of which every selected event matches one (a necessary condition). */
function signature(f: Formula | null): Signature {
    const out: Signature = new Map();
    if (!f) return out;
    if (f.kind === "atom") {
        const a = f.atom;
        if (a.kind === "field" && !a.ne && a.pred.kind === "pattern" && !a.pred.caseSensitive && SOURCE_FIELDS.includes(a.field)) out.set(a.field, [a.pred.text.toLowerCase()]);
        return out;
    }
    if (f.kind === "and") {
        for (const o of f.operands) for (const [k, v] of signature(o)) if (!out.has(k)) out.set(k, v);
        return out;
    }
    if (f.kind === "or") {
        const parts = f.operands.map(signature);
        for (const [k] of parts[0] ?? new Map<string, string[]>()) {
            if (parts.every((p) => p.has(k))) out.set(k, [...new Set(parts.flatMap((p) => p.get(k)!))].sort());
        }
    }
    return out;
}

/** Can the two signatures select a common event? False only when proven. */
function compatible(x: Signature, y: Signature): boolean {
    for (const [field, xs] of x) {
        const ys = y.get(field);
        if (!ys || !SINGLE_VALUED.has(field)) continue;
        const meet = xs.some((p) =>
            ys.some(
                (q) =>
                    solveValue([
                        { pred: { kind: "pattern", text: p, caseSensitive: false }, positive: true },
                        { pred: { kind: "pattern", text: q, caseSensitive: false }, positive: true },
                    ]).status !== "unsat",
            ),
        );
        if (!meet) return false;
    }
    return true;
}

function shareSource(x: Signature, y: Signature): boolean {
    for (const field of x.keys()) if (y.has(field)) return true;
    return false;
}

function sigKey(s: Signature): string {
    return JSON.stringify([...s].sort(([a], [b]) => a.localeCompare(b)));
}

/** Indexes grouped by key, in first-seen order. */
function groupIndexes<K>(keys: readonly K[]): Map<K, number[]> {
    const out = new Map<K, number[]>();
    keys.forEach((k, i) => {
        const list = out.get(k);
        if (list) list.push(i);
        else out.set(k, [i]);
    });
    return out;
}

/** Two rules with the same filter are equivalent without asking. */
const UNASKED: Answer = { why: "the same event filter" };

const FILTER_A = Symbol("filter a");
const FILTER_B = Symbol("filter b");
const QUESTION = Symbol("question");
const ANSWER = Symbol("answer");

/**
 * A finding whose `witness` is built when read (a fresh copy each time) and written in place by
 * `toJSON`. A catalog of thousands of rules has hundreds of thousands of overlapping pairs and
 * most readers look at a few witnesses: the report stays small. Assigning `witness` stores a
 * plain value.
 */
class LazyFinding implements PairFinding {
    declare a: string;
    declare b: string;
    declare relation: Relation;
    declare reason: string;
    declare laterStages: "same" | "different";
    declare multivalue?: boolean;
    declare [FILTER_A]: PreparedFilter;
    declare [FILTER_B]: PreparedFilter;
    declare [QUESTION]: QuestionKind | null;
    declare [ANSWER]: Answer;

    /** `question`/`answer`: the witness of the pair `pa`, `pb` (in the order they were related), or null for none. */
    constructor(a: string, b: string, relation: Relation, reason: string, laterStages: "same" | "different", pa: PreparedFilter, pb: PreparedFilter, question: QuestionKind | null, answer: Answer) {
        this.a = a;
        this.b = b;
        this.relation = relation;
        this.reason = reason;
        this.laterStages = laterStages;
        this[FILTER_A] = pa;
        this[FILTER_B] = pb;
        this[QUESTION] = question;
        this[ANSWER] = answer;
    }

    get witness(): ModelEvent | undefined {
        const q = this[QUESTION];
        return q === null ? undefined : (answerWitness(q, this[ANSWER], this[FILTER_A], this[FILTER_B]) ?? undefined);
    }

    set witness(value: ModelEvent | undefined) {
        Object.defineProperty(this, "witness", { value, writable: true, enumerable: true, configurable: true });
    }

    toJSON(): PairFinding {
        const witness = this.witness;
        return { ...findingFields(this), ...(witness ? { witness } : {}), ...(this.multivalue !== undefined ? { multivalue: this.multivalue } : {}) };
    }
}

/** The fields of a finding that every written form has, in their order. @internal */
export function findingFields(f: PairFinding): Pick<PairFinding, "a" | "b" | "relation" | "reason" | "laterStages"> {
    return { a: f.a, b: f.b, relation: f.relation, reason: f.reason, laterStages: f.laterStages };
}

/** Relates every pair of rules of a catalog that shares a data source (or all pairs with `allPairs`). */
export function overlapCatalog(rules: readonly CatalogRule[], options: OverlapOptions = {}): OverlapReport {
    // Rules with the same filter share one prepared form, and a pair of them is decided once.
    const byFilter = new Map<string, PreparedFilter>();
    const interner = newInterner();
    const prepared: PreparedFilter[] = rules.map((r) => {
        const p = prepareWith(r.result, options, interner);
        const key = `${p.unsupported ?? ""}\u0000${p.filter.notes.join("\u0001")}\u0000${JSON.stringify(p.filter.formula)}`;
        const seen = byFilter.get(key);
        if (seen) return { ...seen, filter: { ...seen.filter, tailKey: p.filter.tailKey } };
        byFilter.set(key, p);
        return p;
    });
    const maxChecks = options.maxChecks ?? DEFAULT_MAX_CHECKS;
    const relatePair = (i: number, j: number, laterStages: "same" | "different"): PairRelation => {
        const pi = prepared[i]!;
        const pj = prepared[j]!;
        if (pi.dnf !== pj.dnf || pi.dnf === null) return relatePrepared(pi, pj, laterStages, maxChecks);
        // The same filter: equivalent without asking; only the later stages may differ.
        return {
            relation: "equivalent",
            reason: `the same event filter${laterStages === "different" ? "; the later stages differ (same events, different aggregation)" : ""}`,
            both: UNASKED,
            aOnly: UNASKED,
            bOnly: UNASKED,
            telling: null,
        };
    };
    const sigs = prepared.map((p) => signature(p.filter.formula));
    // Bucket by signature: compatibility is decided once per pair of distinct signatures.
    const buckets = groupIndexes(sigs.map(sigKey));
    const keys = [...buckets.keys()];
    const bucketSig = keys.map((k) => sigs[buckets.get(k)![0]!]!);
    const counts: OverlapReport["counts"] = {
        rules: rules.length,
        modelled: prepared.filter((p) => !p.unsupported).length,
        pairs: (rules.length * (rules.length - 1)) / 2,
        disjointBySource: 0,
        sharingSource: 0,
        compared: 0,
        equivalent: 0,
        contained: 0,
        overlap: 0,
        disjoint: 0,
        unknown: 0,
    };
    const containments: PairFinding[] = [];
    const overlaps: PairFinding[] = [];
    const unknown: PairFinding[] = [];
    const union = rules.map((_, i) => i);
    const find = (i: number): number => (union[i] === i ? i : (union[i] = find(union[i]!)));
    for (let bi = 0; bi < keys.length; bi++) {
        for (let bj = bi; bj < keys.length; bj++) {
            const xs = buckets.get(keys[bi]!)!;
            const ys = buckets.get(keys[bj]!)!;
            const n = bi === bj ? (xs.length * (xs.length - 1)) / 2 : xs.length * ys.length;
            if (!compatible(bucketSig[bi]!, bucketSig[bj]!)) {
                counts.disjointBySource += n;
                continue;
            }
            const shared = shareSource(bucketSig[bi]!, bucketSig[bj]!);
            if (shared) counts.sharingSource += n;
            if (!shared && !options.allPairs) continue;
            for (let x = 0; x < xs.length; x++) {
                for (let y = bi === bj ? x + 1 : 0; y < ys.length; y++) {
                    const i = xs[x]!;
                    const j = ys[y]!;
                    const laterStages: "same" | "different" = prepared[i]!.filter.tailKey === prepared[j]!.filter.tailKey ? "same" : "different";
                    const r = relatePair(i, j, laterStages);
                    counts.compared++;
                    switch (r.relation) {
                        case "equivalent":
                            counts.equivalent++;
                            union[find(i)] = find(j);
                            break;
                        case "a-within-b":
                        case "b-within-a": {
                            counts.contained++;
                            const inner = r.relation === "a-within-b" ? rules[i]!.id : rules[j]!.id;
                            const outer = r.relation === "a-within-b" ? rules[j]!.id : rules[i]!.id;
                            containments.push(new LazyFinding(inner, outer, "a-within-b", r.reason, laterStages, prepared[i]!, prepared[j]!, r.telling, r.telling ? r[r.telling] : NO_EVENT));
                            break;
                        }
                        case "overlap":
                            counts.overlap++;
                            if (shared) {
                                const f = new LazyFinding(rules[i]!.id, rules[j]!.id, "overlap", OVERLAP_REASON, laterStages, prepared[i]!, prepared[j]!, "both", r.both);
                                f.multivalue = answerMultivalue("both", r.both, prepared[i]!, prepared[j]!);
                                overlaps.push(f);
                            }
                            break;
                        case "disjoint":
                            counts.disjoint++;
                            break;
                        case "unknown":
                            counts.unknown++;
                            if (shared) unknown.push({ a: rules[i]!.id, b: rules[j]!.id, relation: r.relation, reason: r.reason, laterStages });
                    }
                }
            }
        }
    }
    const groups = groupIndexes(rules.map((_, i) => find(i)));
    const equivalent = [...groups.values()]
        .filter((g) => g.length > 1)
        .map((g) => ({ rules: g.map((i) => rules[i]!.id), laterStages: new Set(g.map((i) => prepared[i]!.filter.tailKey)).size === 1 ? ("same" as const) : ("different" as const) }));
    return {
        rules: rules.map((r, i) => ({
            id: r.id,
            name: r.name ?? null,
            file: r.file ?? null,
            modelled: !prepared[i]!.unsupported,
            reason: prepared[i]!.unsupported,
            dataSources: [...sigs[i]!].map(([k, v]) => `${k}=${v.join("|")}`),
            laterFilters: prepared[i]!.filter.laterFilters,
        })),
        equivalent,
        containments,
        overlaps,
        unknown,
        counts,
    };
}

/** Per rule, for catalog pages: rules it is equivalent to, is contained in, and contains. */
export interface RuleRelations {
    equivalent: string[];
    containedIn: string[];
    contains: string[];
}

/** Indexes a report by rule id (rules without relations are absent). */
export function ruleRelations(report: OverlapReport): Record<string, RuleRelations> {
    const out: Record<string, RuleRelations> = {};
    const entry = (id: string): RuleRelations => (out[id] ??= { equivalent: [], containedIn: [], contains: [] });
    for (const g of report.equivalent) for (const id of g.rules) entry(id).equivalent.push(...g.rules.filter((o) => o !== id));
    for (const c of report.containments) {
        entry(c.a).containedIn.push(c.b);
        entry(c.b).contains.push(c.a);
    }
    return out;
}
