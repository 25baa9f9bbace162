/**
 * `relate(a, b)`: how the event-level filters of two searches relate. Containment A ⊆ B is
 * decided as the emptiness of A ∧ ¬B over the DNF of both; every "non-empty" answer carries a
 * witness event that was checked against both filters, every "empty" answer rests on the
 * proof rules of `solve.ts`, and anything else is `unknown`.
 */
import type { ParseResult } from "../ir/nodes.js";
import { extractFilter, type EventFilter } from "./extract.js";
import { SINGLE_VALUED, type Formula, type ModelEvent } from "./model.js";
import { checkCode, group, toDnf, type Interner, UNDECIDED, whyUndecided, witnessMultivalue, witnessOf, YES, type Conjunction, type Literal } from "./solve.js";

/** The answer of {@link relate}. */
export type Relation = "equivalent" | "a-within-b" | "b-within-a" | "overlap" | "disjoint" | "unknown";

/** Limits that keep one large rule from stalling a batch. */
export interface RelateOptions {
    /** Largest DNF (number of conjunctions) of a filter or its negation; past it the answer is `unknown`. Default 2000. */
    maxTerms?: number;
    /** Most conjunction checks per question (A∧B, A∧¬B, B∧¬A); past it that question is undecided. Default 20000. */
    maxChecks?: number;
}

/** Whether some event of the model lies in a region: `yes` (with a witness), `no` (proven), `unknown`. */
export type Fact = "yes" | "no" | "unknown";

/** A witness event and what it shows. */
export interface Witness {
    /** Field values (a field listed with no values is absent) and raw text. */
    event: ModelEvent;
    /**
     * Whether `a` and `b` select it: every value of it is checked against the literals of one
     * conjunction of each side's normal form, which fixes the value of both filters.
     */
    selectedBy: { a: boolean; b: boolean };
    /** What it shows, in words. */
    shows: string;
}

/** The relation of two event filters, with the facts behind it. */
export interface RelateResult {
    relation: Relation;
    /** Why, in words. */
    reason: string;
    /** The most telling witness: an event both select for `overlap`, one only `a` selects for `disjoint` or `b-within-a`, one only `b` selects for `a-within-b`. */
    witness?: Witness;
    /** Is there an event both select / only a selects / only b selects? */
    facts: { both: Fact; aOnly: Fact; bOnly: Fact };
    /** Witnesses for every `yes` fact. */
    witnesses: { both?: Witness; aOnly?: Witness; bOnly?: Witness };
    /**
     * Comparison of what follows the event filters (aggregation, later stages): `same` or
     * `different`. Equivalent filters with `different` later stages are "same events, different
     * aggregation".
     */
    laterStages: "same" | "different";
    /** What the model left out or kept opaque, for both searches. */
    notes: string[];
}

/** A search prepared for many `relate` calls: its filter and the normal forms of it and its negation. */
export interface PreparedFilter {
    filter: EventFilter;
    /** DNF of the filter, or null when too large or not modelled (a working form, not a stable API). @internal */
    dnf: Conjunction[] | null;
    /** DNF of its negation, or null (a working form, not a stable API). @internal */
    negated: Conjunction[] | null;
    /** Why the filter cannot be related, or null. */
    unsupported: string | null;
    /** Single-valued fields the filter mentions (witnesses give them a value). */
    metadata: string[];
}

const DEFAULTS = { maxTerms: 2000, maxChecks: 20000 };

/** Default of {@link RelateOptions.maxChecks}. @internal */
export const DEFAULT_MAX_CHECKS = DEFAULTS.maxChecks;

/** Prepares a parse result (macros expanded by `parse`) for {@link relate}. */
export function prepareFilter(result: ParseResult, options: RelateOptions = {}): PreparedFilter {
    return prepareWith(result, options);
}

/** {@link prepareFilter} with the interner the groups go to (a catalog's own). @internal */
export function prepareWith(result: ParseResult, options: RelateOptions, interner?: Interner): PreparedFilter {
    const maxTerms = options.maxTerms ?? DEFAULTS.maxTerms;
    const filter = extractFilter(result);
    const errors = result.diagnostics.filter((d) => d.severity === "error");
    if (errors.length > 0) return { filter, dnf: null, negated: null, unsupported: `the search has syntax errors (${errors[0]!.code})`, metadata: [] };
    if (!filter.formula) return { filter, dnf: null, negated: null, unsupported: filter.unsupported, metadata: [] };
    const dnf = toDnf(filter.formula, true, maxTerms);
    const negated = toDnf(filter.formula, false, maxTerms);
    const unsupported = dnf && negated ? null : `the normal form exceeds ${maxTerms} conjunctions`;
    // Contradictory conjunctions select nothing: dropping them keeps the normal form small.
    const grouped = (d: Literal[][] | null): Conjunction[] | null => (d ? d.map((lits) => group(lits, interner)).filter((c) => c.contradiction === null) : null);
    return { filter, dnf: grouped(dnf), negated: grouped(negated), unsupported, metadata: metadataFields(filter.formula) };
}

function metadataFields(f: Formula, out = new Set<string>()): string[] {
    if (f.kind === "atom") {
        if (f.atom.kind === "field" && SINGLE_VALUED.has(f.atom.field)) out.add(f.atom.field);
    } else if (f.kind === "not") metadataFields(f.operand, out);
    else if (f.kind !== "const") for (const o of f.operands) metadataFields(o, out);
    return [...out];
}

/**
 * The answer to one question "is there an event in X ∧ Y?" (X, Y normal forms): {@link NO_EVENT},
 * the index `i * Y.length + j` of the first pair of conjunctions with a witness (built on demand
 * by {@link answerWitness}), or why it is undecided. Numbers, so that relating a pair of rules
 * keeps nothing alive. @internal
 */
export type Answer = number | { why: string };

/** No event: every pair of conjunctions is proven contradictory. @internal */
export const NO_EVENT = -1;

/** The three questions about a pair, by name. @internal */
export type QuestionKind = "both" | "aOnly" | "bOnly";

/** The fact an answer states. @internal */
export function answerFact(a: Answer): Fact {
    return typeof a === "number" ? (a === NO_EVENT ? "no" : "yes") : "unknown";
}

/** The reason of every `overlap`. @internal */
export const OVERLAP_REASON = "some events both select, and each selects events the other does not";

/**
 * Is some event in X ∧ Y? Yes as soon as one pair of conjunctions is satisfiable (its witness is
 * confirmed literal by literal, which implies the required truth of both filters: see
 * `checkCode`), no when every pair is proven contradictory.
 */
function ask(x: readonly Conjunction[], y: readonly Conjunction[], maxChecks: number): Answer {
    let why: string | null = null;
    let checks = 0;
    for (let i = 0; i < x.length; i++) {
        const cx = x[i]!;
        for (let j = 0; j < y.length; j++) {
            if (++checks > maxChecks) return { why: `more than ${maxChecks} conjunction checks` };
            const code = checkCode(cx, y[j]!);
            if (code === YES) return i * y.length + j;
            if (code === UNDECIDED) why ??= whyUndecided(cx, y[j]!);
        }
    }
    return why === null ? NO_EVENT : { why };
}

/** The two normal forms a question is asked over. */
function operands(kind: QuestionKind, pa: PreparedFilter, pb: PreparedFilter): [Conjunction[], Conjunction[]] {
    return kind === "both" ? [pa.dnf!, pb.dnf!] : kind === "aOnly" ? [pa.dnf!, pb.negated!] : [pb.dnf!, pa.negated!];
}

/**
 * The witness of a yes answer about two prepared filters (null for other answers), every
 * metadata field either mentions given a value (the model's metadata is never absent). @internal
 */
export function answerWitness(kind: QuestionKind, answer: Answer, pa: PreparedFilter, pb: PreparedFilter): ModelEvent | null {
    if (typeof answer !== "number" || answer === NO_EVENT) return null;
    const [x, y] = operands(kind, pa, pb);
    const ev = witnessOf(x[Math.floor(answer / y.length)]!, y[answer % y.length]!);
    // Metadata both filters leave open gets a value (a field named by both is filled once).
    for (const metadata of [pa.metadata, pb.metadata]) for (const m of metadata) if (!ev.fields[m] || ev.fields[m]!.length === 0) ev.fields[m] = ["splc-other"];
    return ev;
}

/** Whether the witness of a yes answer needs a field with several values. @internal */
export function answerMultivalue(kind: QuestionKind, answer: Answer, pa: PreparedFilter, pb: PreparedFilter): boolean {
    if (typeof answer !== "number" || answer === NO_EVENT) return false;
    const [x, y] = operands(kind, pa, pb);
    return witnessMultivalue(x[Math.floor(answer / y.length)]!, y[answer % y.length]!);
}

/**
 * The relation of two prepared filters without its witnesses: what `overlapCatalog` asks of
 * every pair. {@link answerWitness} builds a witness on demand. @internal
 */
export interface PairRelation {
    relation: Relation;
    reason: string;
    both: Answer;
    aOnly: Answer;
    bOnly: Answer;
    /** Which witness is the most telling one (see {@link RelateResult.witness}), or null. */
    telling: QuestionKind | null;
}

const NOT_ASKED: Answer = { why: "not related" };

/** Why two prepared filters cannot be related at all, or null when both are modelled. @internal */
export function unrelatable(pa: PreparedFilter, pb: PreparedFilter): string | null {
    if (!pa.unsupported && !pb.unsupported && pa.dnf && pa.negated && pb.dnf && pb.negated) return null;
    return pa.unsupported ? `a: ${pa.unsupported}` : `b: ${pb.unsupported ?? "not modelled"}`;
}

/** Relates two prepared filters; `unknown` when {@link unrelatable}. @internal */
export function relatePrepared(pa: PreparedFilter, pb: PreparedFilter, laterStages: "same" | "different", maxChecks: number): PairRelation {
    const why = unrelatable(pa, pb);
    if (why !== null) return { relation: "unknown", reason: why, both: NOT_ASKED, aOnly: NOT_ASKED, bOnly: NOT_ASKED, telling: null };
    const both = ask(pa.dnf!, pb.dnf!, maxChecks);
    const aOnly = ask(pa.dnf!, pb.negated!, maxChecks);
    const bOnly = ask(pb.dnf!, pa.negated!, maxChecks);
    const fBoth = answerFact(both);
    const fA = answerFact(aOnly);
    const fB = answerFact(bOnly);
    let relation: Relation;
    let reason: string;
    let telling: PairRelation["telling"] = null;
    if (fA === "no" && fB === "no") {
        relation = "equivalent";
        reason = `every event one selects, the other selects too${laterStages === "different" ? "; the later stages differ (same events, different aggregation)" : ""}`;
    } else if (fBoth === "no") {
        relation = "disjoint";
        reason = `no event is selected by both${fA === "no" ? "; a selects no event at all" : fB === "no" ? "; b selects no event at all" : ""}`;
        if (fA === "yes") telling = "aOnly";
    } else if (fA === "no") {
        relation = "a-within-b";
        reason = `every event a selects, b selects too${undecided(bOnly, "b selects more")}`;
        if (fB === "yes") telling = "bOnly";
    } else if (fB === "no") {
        relation = "b-within-a";
        reason = `every event b selects, a selects too${undecided(aOnly, "a selects more")}`;
        if (fA === "yes") telling = "aOnly";
    } else if (fBoth === "yes" && fA === "yes" && fB === "yes") {
        relation = "overlap";
        reason = OVERLAP_REASON;
        telling = "both";
    } else {
        relation = "unknown";
        const open = [
            typeof both === "object" ? `common events: ${both.why}` : null,
            typeof aOnly === "object" ? `a outside b: ${aOnly.why}` : null,
            typeof bOnly === "object" ? `b outside a: ${bOnly.why}` : null,
        ].filter((s) => s !== null);
        reason = `undecided: ${open.join("; ")}`;
    }
    return { relation, reason, both, aOnly, bOnly, telling };
}

function undecided(a: Answer, what: string): string {
    return typeof a === "object" ? `; whether ${what} is undecided (${a.why})` : "";
}

function isPrepared(x: ParseResult | PreparedFilter): x is PreparedFilter {
    return "filter" in x && "dnf" in x;
}

/**
 * Relates the event-level filters of two searches (parse results with macros expanded, or
 * {@link prepareFilter} results). Never throws; past the limits of `options` it answers `unknown`.
 */
export function relate(a: ParseResult | PreparedFilter, b: ParseResult | PreparedFilter, options: RelateOptions = {}): RelateResult {
    const pa = isPrepared(a) ? a : prepareFilter(a, options);
    const pb = isPrepared(b) ? b : prepareFilter(b, options);
    const maxChecks = options.maxChecks ?? DEFAULTS.maxChecks;
    const notes = pa.filter.notes.length + pb.filter.notes.length === 0 ? [] : [...pa.filter.notes.map((n) => `a: ${n}`), ...pb.filter.notes.map((n) => `b: ${n}`)];
    const laterStages = pa.filter.tailKey === pb.filter.tailKey ? "same" : "different";
    const base = { laterStages, notes } as const;
    const r = relatePrepared(pa, pb, laterStages, maxChecks);
    const facts = { both: answerFact(r.both), aOnly: answerFact(r.aOnly), bOnly: answerFact(r.bOnly) };
    const witnesses: RelateResult["witnesses"] = {};
    const shows = { both: "an event both searches select", aOnly: "an event a selects and b does not", bOnly: "an event b selects and a does not" };
    const selected = { both: { a: true, b: true }, aOnly: { a: true, b: false }, bOnly: { a: false, b: true } };
    for (const kind of ["both", "aOnly", "bOnly"] as const) {
        const event = answerWitness(kind, r[kind], pa, pb);
        if (event) witnesses[kind] = { event, selectedBy: selected[kind], shows: shows[kind] };
    }
    return { ...base, relation: r.relation, reason: r.reason, facts, witnesses, ...(r.telling ? { witness: witnesses[r.telling]! } : {}) };
}
