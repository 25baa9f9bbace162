/**
 * Normal forms and satisfiability of conjunctions of literals over the event model.
 *
 * A literal is an atom or its negation. Negation is never pushed into an atom: `NOT x=v` and
 * `x!=v` stay different. Per multivalue field, a positive `x=p` asks for SOME value matching p,
 * `x!=p` for SOME value not matching it, `NOT x=p` for ALL values (possibly none) not matching
 * it, `NOT x!=p` for ALL values matching it. A single-valued metadata field has one value that
 * must satisfy everything.
 */
import { SINGLE_VALUED, atomText, valueSatisfies, type Atom, type Formula, type ModelEvent, type RawConstraint } from "./model.js";
import { rawMatch, solveRaw } from "./raw.js";
import { solveValue, type Solved, type ValueLit } from "./values.js";

/** An atom with a polarity, plus a key equal for equal atoms. */
export interface Literal {
    atom: Atom;
    positive: boolean;
    key: string;
}

/** A disjunction of conjunctions of literals. */
export type Dnf = Literal[][];

function atomKey(a: Atom): string {
    return a.kind === "opaque" ? `o:${a.key}` : JSON.stringify(a);
}

/** DNF of `f` (or of `NOT f` when `positive` is false), or null past `maxTerms` conjunctions. */
export function toDnf(f: Formula, positive: boolean, maxTerms: number): Dnf | null {
    switch (f.kind) {
        case "const":
            return f.value === positive ? [[]] : [];
        case "atom":
            return [[{ atom: f.atom, positive, key: atomKey(f.atom) }]];
        case "not":
            return toDnf(f.operand, !positive, maxTerms);
        case "and":
        case "or": {
            const parts: Dnf[] = [];
            for (const o of f.operands) {
                const d = toDnf(o, positive, maxTerms);
                if (d === null) return null;
                parts.push(d);
            }
            // De Morgan: a negated AND is an OR of negations, and the other way round.
            const disjunctive = (f.kind === "or") === positive;
            if (disjunctive) {
                const out = parts.flat();
                return out.length > maxTerms ? null : out;
            }
            let acc: Dnf = [[]];
            for (const d of parts) {
                if (acc.length * d.length > maxTerms) return null;
                const next: Dnf = [];
                for (const x of acc) for (const y of d) next.push(x.concat(y));
                acc = next;
                if (acc.length === 0) break;
            }
            return acc;
        }
    }
}

/** Satisfiability of one conjunction: proof, a witness event of the model, or undecided. */
export function checkConjunction(lits: readonly Literal[]): Solved<ModelEvent> {
    const byField = new Map<string, { some: ValueLit[]; all: ValueLit[] }>();
    const rawPos: RawConstraint[] = [];
    const rawNeg: RawConstraint[] = [];
    const opaque = new Map<string, boolean>();
    let undecided: string | null = null;
    for (const l of lits) {
        const a = l.atom;
        if (a.kind === "opaque") {
            const seen = opaque.get(l.key);
            if (seen !== undefined && seen !== l.positive) return { status: "unsat", why: `${a.key} and NOT ${a.key}` };
            opaque.set(l.key, l.positive);
            undecided ??= `${a.why}: ${a.key}`;
        } else if (a.kind === "raw") {
            (l.positive ? rawPos : rawNeg).push(a.raw);
        } else {
            let entry = byField.get(a.field);
            if (!entry) byField.set(a.field, (entry = { some: [], all: [] }));
            // x=p: some value p; x!=p: some value not p; NOT x=p: all values not p; NOT x!=p: all values p.
            const vl: ValueLit = { pred: a.pred, positive: l.positive !== a.ne };
            (l.positive ? entry.some : entry.all).push(vl);
        }
    }
    const fields: Record<string, string[]> = {};
    for (const [field, { some, all }] of byField) {
        if (SINGLE_VALUED.has(field)) {
            const r = solveValue([...some, ...all]);
            if (r.status === "unsat") return { status: "unsat", why: `${field}: ${r.why}` };
            if (r.status === "unknown") undecided ??= `${field}: ${r.why}`;
            else fields[field] = [r.value];
            continue;
        }
        if (some.length === 0) {
            fields[field] = [];
            continue;
        }
        // One value for everything if possible (a witness without multivalue fields reads better).
        const merged = some.length > 1 ? solveValue([...some, ...all]) : null;
        if (merged?.status === "sat") {
            fields[field] = [merged.value];
            continue;
        }
        const values: string[] = [];
        for (const s of some) {
            const r = solveValue([s, ...all]);
            if (r.status === "unsat") return { status: "unsat", why: `${field}: ${r.why}` };
            if (r.status === "unknown") undecided ??= `${field}: ${r.why}`;
            else if (!values.includes(r.value)) values.push(r.value);
        }
        fields[field] = values;
    }
    const raw = solveRaw(rawPos, rawNeg);
    if (raw.status === "unsat") return raw;
    if (raw.status === "unknown") undecided ??= raw.why;
    if (undecided !== null) return { status: "unknown", why: undecided };
    return { status: "sat", value: { fields, raw: raw.status === "sat" ? raw.value : "" } };
}

/** Kleene three-valued truth of a formula on a model event (`null`: cannot tell). */
export function evaluate(f: Formula, ev: ModelEvent): boolean | null {
    switch (f.kind) {
        case "const":
            return f.value;
        case "not": {
            const v = evaluate(f.operand, ev);
            return v === null ? null : !v;
        }
        case "and":
        case "or": {
            const stop = f.kind === "or";
            let unknown = false;
            for (const o of f.operands) {
                const v = evaluate(o, ev);
                if (v === stop) return stop;
                if (v === null) unknown = true;
            }
            return unknown ? null : !stop;
        }
        case "atom":
            return evaluateAtom(f.atom, ev);
    }
}

function evaluateAtom(a: Atom, ev: ModelEvent): boolean | null {
    if (a.kind === "opaque") return null;
    if (a.kind === "raw") return rawMatch(a.raw, ev.raw);
    const values = ev.fields[a.field];
    if (values === undefined) return SINGLE_VALUED.has(a.field) ? null : false;
    return values.some((v) => valueSatisfies(a.pred, v) !== a.ne);
}

/** A literal written back as search syntax. */
export function literalText(l: Literal): string {
    return `${l.positive ? "" : "NOT "}${atomText(l.atom)}`;
}
