/**
 * `relate(a, b)`: how the event-level filters of two searches relate. Containment A ⊆ B is
 * decided as the emptiness of A ∧ ¬B over the DNF of both; every "non-empty" answer carries a
 * witness event that was checked against both filters, every "empty" answer rests on the
 * proof rules of `solve.ts`, and anything else is `unknown`.
 */
import type { ParseResult } from "../ir/nodes.js";
import { extractFilter, type EventFilter } from "./extract.js";
import { SINGLE_VALUED, type Formula, type ModelEvent } from "./model.js";
import { checkPair, evaluate, group, toDnf, type Conjunction, type Literal } from "./solve.js";

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
    /** Whether `a` and `b` select it (checked by evaluating both filters on it). */
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

type Question = { fact: "no" } | { fact: "yes"; event: ModelEvent } | { fact: "unknown"; why: string };

/** Is some event in X ∧ Y (DNFs), with `want` the required truth of a and b on the witness? */
function ask(x: Conjunction[], y: Conjunction[], a: PreparedFilter, b: PreparedFilter, want: { a: boolean; b: boolean }, maxChecks: number, metadata: readonly string[]): Question {
    let why: string | null = null;
    let checks = 0;
    for (const cx of x) {
        for (const cy of y) {
            if (++checks > maxChecks) return { fact: "unknown", why: `more than ${maxChecks} conjunction checks` };
            const r = checkPair(cx, cy);
            if (r.status === "unsat") continue;
            if (r.status === "unknown") {
                why ??= r.why;
                continue;
            }
            const event = complete(r.value, metadata);
            if (evaluate(a.filter.formula!, event) === want.a && evaluate(b.filter.formula!, event) === want.b) return { fact: "yes", event };
            why ??= "a candidate witness could not be confirmed";
        }
    }
    return why === null ? { fact: "no" } : { fact: "unknown", why };
}

/** Gives every mentioned metadata field a value (the model's metadata is never absent). */
function complete(ev: ModelEvent, metadata: readonly string[]): ModelEvent {
    const fields = { ...ev.fields };
    for (const m of metadata) if (!fields[m] || fields[m]!.length === 0) fields[m] = ["splc-other"];
    return { fields, raw: ev.raw };
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
    if (pa.unsupported || pb.unsupported || !pa.dnf || !pa.negated || !pb.dnf || !pb.negated) {
        const why = pa.unsupported ? `a: ${pa.unsupported}` : `b: ${pb.unsupported ?? "not modelled"}`;
        return { ...base, relation: "unknown", reason: why, facts: { both: "unknown", aOnly: "unknown", bOnly: "unknown" }, witnesses: {} };
    }
    const metadata = pb.metadata.length === 0 ? pa.metadata : [...new Set([...pa.metadata, ...pb.metadata])];
    const both = ask(pa.dnf, pb.dnf, pa, pb, { a: true, b: true }, maxChecks, metadata);
    const aOnly = ask(pa.dnf, pb.negated, pa, pb, { a: true, b: false }, maxChecks, metadata);
    const bOnly = ask(pb.dnf, pa.negated, pa, pb, { a: false, b: true }, maxChecks, metadata);
    const witnesses: RelateResult["witnesses"] = {};
    if (both.fact === "yes") witnesses.both = { event: both.event, selectedBy: { a: true, b: true }, shows: "an event both searches select" };
    if (aOnly.fact === "yes") witnesses.aOnly = { event: aOnly.event, selectedBy: { a: true, b: false }, shows: "an event a selects and b does not" };
    if (bOnly.fact === "yes") witnesses.bOnly = { event: bOnly.event, selectedBy: { a: false, b: true }, shows: "an event b selects and a does not" };
    const facts = { both: both.fact, aOnly: aOnly.fact, bOnly: bOnly.fact };
    const undecided = (q: Question, what: string): string => (q.fact === "unknown" ? `; whether ${what} is undecided (${q.why})` : "");
    const agg = laterStages === "different" ? "; the later stages differ (same events, different aggregation)" : "";
    if (aOnly.fact === "no" && bOnly.fact === "no") {
        return { ...base, relation: "equivalent", reason: `every event one selects, the other selects too${agg}`, facts, witnesses };
    }
    if (both.fact === "no") {
        const empty = aOnly.fact === "no" ? "; a selects no event at all" : bOnly.fact === "no" ? "; b selects no event at all" : "";
        return { ...base, relation: "disjoint", reason: `no event is selected by both${empty}`, facts, witnesses, ...(witnesses.aOnly ? { witness: witnesses.aOnly } : {}) };
    }
    if (aOnly.fact === "no") {
        return { ...base, relation: "a-within-b", reason: `every event a selects, b selects too${undecided(bOnly, "b selects more")}`, facts, witnesses, ...(witnesses.bOnly ? { witness: witnesses.bOnly } : {}) };
    }
    if (bOnly.fact === "no") {
        return { ...base, relation: "b-within-a", reason: `every event b selects, a selects too${undecided(aOnly, "a selects more")}`, facts, witnesses, ...(witnesses.aOnly ? { witness: witnesses.aOnly } : {}) };
    }
    if (both.fact === "yes" && aOnly.fact === "yes" && bOnly.fact === "yes") {
        return { ...base, relation: "overlap", reason: "some events both select, and each selects events the other does not", facts, witnesses, witness: witnesses.both! };
    }
    const open = [both.fact === "unknown" ? `common events: ${both.why}` : null, aOnly.fact === "unknown" ? `a outside b: ${aOnly.why}` : null, bOnly.fact === "unknown" ? `b outside a: ${bOnly.why}` : null].filter((s) => s !== null);
    return { ...base, relation: "unknown", reason: `undecided: ${open.join("; ")}`, facts, witnesses };
}
