/**
 * `relate(a, b)`: how the event-level filters of two searches relate. Containment A ⊆ B is
 * decided as the emptiness of A ∧ ¬B over the DNF of both; every "non-empty" answer carries a
 * witness event that was checked against both filters, every "empty" answer rests on the
 * proof rules of `solve.ts`, and anything else is `unknown`.
 */
import type { ParseResult } from "../ir/nodes.js";
import { extractFilter, type EventFilter } from "./extract.js";
import { SINGLE_VALUED, type Formula, type ModelEvent } from "./model.js";
import { checkStatus, group, toDnf, witnessMultivalue, witnessOf, type Conjunction, type Literal } from "./solve.js";

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
    const maxTerms = options.maxTerms ?? DEFAULTS.maxTerms;
    const filter = extractFilter(result);
    const errors = result.diagnostics.filter((d) => d.severity === "error");
    if (errors.length > 0) return { filter, dnf: null, negated: null, unsupported: `the search has syntax errors (${errors[0]!.code})`, metadata: [] };
    if (!filter.formula) return { filter, dnf: null, negated: null, unsupported: filter.unsupported, metadata: [] };
    const dnf = toDnf(filter.formula, true, maxTerms);
    const negated = toDnf(filter.formula, false, maxTerms);
    const unsupported = dnf && negated ? null : `the normal form exceeds ${maxTerms} conjunctions`;
    // Contradictory conjunctions select nothing: dropping them keeps the normal form small.
    const grouped = (d: Literal[][] | null): Conjunction[] | null => (d ? d.map(group).filter((c) => c.contradiction === null) : null);
    return { filter, dnf: grouped(dnf), negated: grouped(negated), unsupported, metadata: metadataFields(filter.formula) };
}

function metadataFields(f: Formula, out = new Set<string>()): string[] {
    if (f.kind === "atom") {
        if (f.atom.kind === "field" && SINGLE_VALUED.has(f.atom.field)) out.add(f.atom.field);
    } else if (f.kind === "not") metadataFields(f.operand, out);
    else if (f.kind !== "const") for (const o of f.operands) metadataFields(o, out);
    return [...out];
}

/** The answer to one question; a `yes` keeps the two conjunctions whose witness shows it, built on demand. @internal */
export type Question = { fact: "no" } | { fact: "yes"; x: Conjunction; y: Conjunction } | { fact: "unknown"; why: string };

const NO: Question = { fact: "no" };

/**
 * Is some event in X ∧ Y (DNFs)? `yes` as soon as one pair of conjunctions is satisfiable (its
 * witness is confirmed literal by literal, which implies the required truth of both filters: see
 * `checkStatus`), `no` when every pair is proven contradictory.
 */
function ask(x: readonly Conjunction[], y: readonly Conjunction[], maxChecks: number): Question {
    let why: string | null = null;
    let checks = 0;
    for (let i = 0; i < x.length; i++) {
        const cx = x[i]!;
        for (let j = 0; j < y.length; j++) {
            if (++checks > maxChecks) return { fact: "unknown", why: `more than ${maxChecks} conjunction checks` };
            const r = checkStatus(cx, y[j]!);
            if (r.status === "sat") return { fact: "yes", x: cx, y: y[j]! };
            if (r.status === "unknown") why ??= r.why;
        }
    }
    return why === null ? NO : { fact: "unknown", why };
}

/**
 * The witness of a `yes` question about two prepared filters (null for other answers), every
 * metadata field either mentions given a value (the model's metadata is never absent). @internal
 */
export function questionWitness(q: Question, pa: PreparedFilter, pb: PreparedFilter): ModelEvent | null {
    if (q.fact !== "yes") return null;
    const ev = witnessOf(q.x, q.y);
    const metadata = pb.metadata.length === 0 ? pa.metadata : [...new Set([...pa.metadata, ...pb.metadata])];
    for (const m of metadata) if (!ev.fields[m] || ev.fields[m]!.length === 0) ev.fields[m] = ["splc-other"];
    return ev;
}

/** Whether the witness of a `yes` question needs a field with several values. @internal */
export function questionMultivalue(q: Question): boolean {
    return q.fact === "yes" && witnessMultivalue(q.x, q.y);
}

/**
 * The relation of two prepared filters without its witnesses: what `overlapCatalog` asks of
 * every pair. {@link questionWitness} builds a witness on demand. @internal
 */
export interface PairRelation {
    relation: Relation;
    reason: string;
    both: Question;
    aOnly: Question;
    bOnly: Question;
    /** Which witness is the most telling one (see {@link RelateResult.witness}), or null. */
    telling: "both" | "aOnly" | "bOnly" | null;
}

const UNDECIDED: Question = { fact: "unknown", why: "not related" };

/** Why two prepared filters cannot be related at all, or null when both are modelled. @internal */
export function unrelatable(pa: PreparedFilter, pb: PreparedFilter): string | null {
    if (!pa.unsupported && !pb.unsupported && pa.dnf && pa.negated && pb.dnf && pb.negated) return null;
    return pa.unsupported ? `a: ${pa.unsupported}` : `b: ${pb.unsupported ?? "not modelled"}`;
}

/** Relates two prepared filters; `unknown` when {@link unrelatable}. @internal */
export function relatePrepared(pa: PreparedFilter, pb: PreparedFilter, laterStages: "same" | "different", maxChecks: number): PairRelation {
    const why = unrelatable(pa, pb);
    if (why !== null) return { relation: "unknown", reason: why, both: UNDECIDED, aOnly: UNDECIDED, bOnly: UNDECIDED, telling: null };
    const both = ask(pa.dnf!, pb.dnf!, maxChecks);
    const aOnly = ask(pa.dnf!, pb.negated!, maxChecks);
    const bOnly = ask(pb.dnf!, pa.negated!, maxChecks);
    const out = (relation: Relation, reason: string, telling: "both" | "aOnly" | "bOnly" | null): PairRelation => {
        const shown = telling === "both" ? both : telling === "aOnly" ? aOnly : telling === "bOnly" ? bOnly : null;
        return { relation, reason, both, aOnly, bOnly, telling: shown !== null && shown.fact === "yes" ? telling : null };
    };
    if (aOnly.fact === "no" && bOnly.fact === "no") return out("equivalent", `every event one selects, the other selects too${laterStages === "different" ? "; the later stages differ (same events, different aggregation)" : ""}`, null);
    if (both.fact === "no") {
        const empty = aOnly.fact === "no" ? "; a selects no event at all" : bOnly.fact === "no" ? "; b selects no event at all" : "";
        return out("disjoint", `no event is selected by both${empty}`, "aOnly");
    }
    const undecided = (q: Question, what: string): string => (q.fact === "unknown" ? `; whether ${what} is undecided (${q.why})` : "");
    if (aOnly.fact === "no") return out("a-within-b", `every event a selects, b selects too${undecided(bOnly, "b selects more")}`, "bOnly");
    if (bOnly.fact === "no") return out("b-within-a", `every event b selects, a selects too${undecided(aOnly, "a selects more")}`, "aOnly");
    if (both.fact === "yes" && aOnly.fact === "yes" && bOnly.fact === "yes") return out("overlap", "some events both select, and each selects events the other does not", "both");
    const open = [both.fact === "unknown" ? `common events: ${both.why}` : null, aOnly.fact === "unknown" ? `a outside b: ${aOnly.why}` : null, bOnly.fact === "unknown" ? `b outside a: ${bOnly.why}` : null].filter((s) => s !== null);
    return out("unknown", `undecided: ${open.join("; ")}`, null);
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
    const facts = { both: r.both.fact, aOnly: r.aOnly.fact, bOnly: r.bOnly.fact };
    const witnesses: RelateResult["witnesses"] = {};
    const shows = { both: "an event both searches select", aOnly: "an event a selects and b does not", bOnly: "an event b selects and a does not" };
    const selected = { both: { a: true, b: true }, aOnly: { a: true, b: false }, bOnly: { a: false, b: true } };
    for (const kind of ["both", "aOnly", "bOnly"] as const) {
        const event = questionWitness(r[kind], pa, pb);
        if (event) witnesses[kind] = { event, selectedBy: selected[kind], shows: shows[kind] };
    }
    return { ...base, relation: r.relation, reason: r.reason, facts, witnesses, ...(r.telling ? { witness: witnesses[r.telling]! } : {}) };
}
