/**
 * Normal forms and satisfiability of conjunctions of literals over the event model.
 *
 * A literal is an atom or its negation. Negation is never pushed into an atom: `NOT x=v` and
 * `x!=v` stay different. Per multivalue field, a positive `x=p` asks for SOME value matching p,
 * `x!=p` for SOME value not matching it, `NOT x=p` for ALL values (possibly none) not matching
 * it, `NOT x!=p` for ALL values matching it. A single-valued metadata field has one value that
 * must satisfy everything.
 */
import { SINGLE_VALUED, valueSatisfies, type Atom, type Formula, type ModelEvent, type RawConstraint } from "./model.js";
import { rawMatch, solveRaw } from "./raw.js";
import { solveValue, valueOk, type Solved, type ValueLit } from "./values.js";

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

type FieldLits = { some: ValueLit[]; all: ValueLit[] };
type FieldSolved = Solved<string[]>;

/**
 * A conjunction grouped for checking: literals per field, raw and opaque literals, and the
 * answers for each part alone (computed once; a pair of conjunctions only re-solves the parts
 * both constrain).
 */
export interface Conjunction {
    fields: Map<string, FieldLits & { solved: FieldSolved }>;
    rawPos: RawConstraint[];
    rawNeg: RawConstraint[];
    raw: Solved<string>;
    opaque: Map<string, boolean>;
    /** The first opaque literal's description, or null. */
    opaqueWhy: string | null;
    /** Set when the conjunction alone is contradictory. */
    contradiction: string | null;
}

/** Groups a conjunction of literals for {@link checkPair}. */
export function group(lits: readonly Literal[]): Conjunction {
    const fields = new Map<string, FieldLits>();
    const rawPos: RawConstraint[] = [];
    const rawNeg: RawConstraint[] = [];
    const opaque = new Map<string, boolean>();
    let opaqueWhy: string | null = null;
    let contradiction: string | null = null;
    for (const l of lits) {
        const a = l.atom;
        if (a.kind === "opaque") {
            const seen = opaque.get(l.key);
            if (seen !== undefined && seen !== l.positive) contradiction ??= `${a.key} and NOT ${a.key}`;
            opaque.set(l.key, l.positive);
            opaqueWhy ??= `${a.why}: ${a.key}`;
        } else if (a.kind === "raw") {
            (l.positive ? rawPos : rawNeg).push(a.raw);
        } else {
            let entry = fields.get(a.field);
            if (!entry) fields.set(a.field, (entry = { some: [], all: [] }));
            // x=p: some value p; x!=p: some value not p; NOT x=p: all values not p; NOT x!=p: all values p.
            (l.positive ? entry.some : entry.all).push({ pred: a.pred, positive: l.positive !== a.ne });
        }
    }
    const solvedFields = new Map<string, FieldLits & { solved: FieldSolved }>();
    for (const [field, f] of fields) {
        const solved = solveField(field, f.some, f.all);
        if (solved.status === "unsat") contradiction ??= solved.why;
        solvedFields.set(field, { ...f, solved });
    }
    const raw = solveRaw(rawPos, rawNeg);
    if (raw.status === "unsat") contradiction ??= raw.why;
    return { fields: solvedFields, rawPos, rawNeg, raw, opaque, opaqueWhy, contradiction };
}

function solveField(field: string, some: readonly ValueLit[], all: readonly ValueLit[]): FieldSolved {
    if (SINGLE_VALUED.has(field)) {
        const r = solveValue([...some, ...all]);
        return r.status === "sat" ? { status: "sat", value: [r.value] } : { ...r, why: `${field}: ${r.why}` };
    }
    if (some.length === 0) return { status: "sat", value: [] };
    // One value for everything if possible (a witness without multivalue fields reads better).
    if (some.length > 1) {
        const merged = solveValue([...some, ...all]);
        if (merged.status === "sat") return { status: "sat", value: [merged.value] };
    }
    const values: string[] = [];
    let unknown: string | null = null;
    for (const s of some) {
        const r = solveValue([s, ...all]);
        if (r.status === "unsat") return { status: "unsat", why: `${field}: ${r.why}` };
        if (r.status === "unknown") unknown ??= `${field}: ${r.why}`;
        else if (!values.includes(r.value)) values.push(r.value);
    }
    return unknown === null ? { status: "sat", value: values } : { status: "unknown", why: unknown };
}

type SolvedField = FieldLits & { solved: FieldSolved };

/**
 * A field both conjunctions constrain. The values found for each side alone are reused when they
 * also satisfy the other side's conditions (checked value by value), which is most of the time;
 * otherwise the merged conditions are solved afresh.
 */
function combineField(field: string, fx: SolvedField, fy: SolvedField): FieldSolved {
    const sx = fx.solved;
    const sy = fy.solved;
    if (sx.status === "sat" && sy.status === "sat") {
        if (SINGLE_VALUED.has(field)) {
            const v = sx.value[0]!;
            if (valueOk(fy.some, v) && valueOk(fy.all, v)) return sx;
            const w = sy.value[0]!;
            if (valueOk(fx.some, w) && valueOk(fx.all, w)) return sy;
        } else {
            // One value that satisfies everything reads best; otherwise the union of both sides' values.
            const fits = (v: string): boolean => valueOk(fx.some, v) && valueOk(fy.some, v) && valueOk(fx.all, v) && valueOk(fy.all, v);
            for (const v of sx.value) if (fits(v)) return { status: "sat", value: [v] };
            for (const v of sy.value) if (fits(v)) return { status: "sat", value: [v] };
            if (sx.value.every((v) => valueOk(fy.all, v)) && sy.value.every((v) => valueOk(fx.all, v))) return { status: "sat", value: [...new Set([...sx.value, ...sy.value])] };
        }
    }
    return solveField(field, fx.some.concat(fy.some), fx.all.concat(fy.all));
}

/** Satisfiability of the conjunction of two grouped conjunctions: a proof, a witness event of the model, or undecided. */
export function checkPair(x: Conjunction, y: Conjunction): Solved<ModelEvent> {
    if (x.contradiction !== null) return { status: "unsat", why: x.contradiction };
    if (y.contradiction !== null) return { status: "unsat", why: y.contradiction };
    let undecided: string | null = x.opaqueWhy ?? y.opaqueWhy;
    for (const [k, v] of y.opaque) {
        const seen = x.opaque.get(k);
        if (seen !== undefined && seen !== v) return { status: "unsat", why: `${k.slice(2)} and its negation` };
    }
    const fields: Record<string, string[]> = {};
    const visit = (field: string, solved: FieldSolved): string | null => {
        if (solved.status === "unsat") return solved.why;
        if (solved.status === "unknown") undecided ??= solved.why;
        else fields[field] = solved.value;
        return null;
    };
    for (const [field, fx] of x.fields) {
        const fy = y.fields.get(field);
        const why = visit(field, fy ? combineField(field, fx, fy) : fx.solved);
        if (why !== null) return { status: "unsat", why };
    }
    for (const [field, fy] of y.fields) {
        if (x.fields.has(field)) continue;
        const why = visit(field, fy.solved);
        if (why !== null) return { status: "unsat", why };
    }
    const bothRaw = (x.rawPos.length > 0 || x.rawNeg.length > 0) && (y.rawPos.length > 0 || y.rawNeg.length > 0);
    const raw = bothRaw ? solveRaw(x.rawPos.concat(y.rawPos), x.rawNeg.concat(y.rawNeg)) : x.rawPos.length > 0 || x.rawNeg.length > 0 ? x.raw : y.raw;
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
