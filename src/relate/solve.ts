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
import { predKey, solveValue, valueOk, type Solved, type ValueLit } from "./values.js";

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

type FieldSolved = Solved<string[]>;

/**
 * The literals of one conjunction on one field: `some` (each needs a value) and `all` (every
 * value must satisfy them), with the answer for them alone. Interned: equal literal lists on the
 * same field share one group across all prepared filters, so the answer for two groups together
 * is computed once per pair of groups (`withOther`), not once per pair of rules.
 */
export interface FieldGroup {
    /** Unique for the process lifetime; keys `withOther`. */
    readonly id: number;
    readonly field: string;
    /** A number per field name, for comparing and sorting groups by field. */
    readonly fieldId: number;
    readonly some: readonly ValueLit[];
    readonly all: readonly ValueLit[];
    readonly solved: FieldSolved;
    /** This group together with another group on the same field (this one first), by the other's id. */
    readonly withOther: Map<number, FieldSolved>;
}

/** The raw-text literals of one conjunction, interned like {@link FieldGroup}. */
export interface RawGroup {
    readonly id: number;
    readonly pos: readonly RawConstraint[];
    readonly neg: readonly RawConstraint[];
    /** Whether there is any raw literal. */
    readonly constrained: boolean;
    readonly solved: Solved<string>;
    readonly withOther: Map<number, Solved<string>>;
}

/**
 * A conjunction grouped for checking: interned groups per field (in first-seen order), raw and
 * opaque literals, and the answers for each part alone. A pair of conjunctions only re-solves
 * the fields both constrain, and then only once per pair of groups.
 */
export interface Conjunction {
    groups: FieldGroup[];
    /** The same groups ordered by `fieldId`, for merging two conjunctions in one pass. */
    sorted: FieldGroup[];
    raw: RawGroup;
    opaque: Map<string, boolean>;
    /** `unknown` with the first opaque literal's description, or null when there is none. */
    opaqueUnknown: Solved<never> | null;
    /** Set when the conjunction alone is contradictory. */
    contradiction: string | null;
}

/**
 * Where equal groups are shared, and with them the answers for pairs of groups. A catalog has its
 * own, so that the memory goes with it; single `prepareFilter` calls share a default one. Groups
 * of different interners can still meet: ids are unique for the process lifetime.
 */
export interface Interner {
    fieldGroups: Map<string, FieldGroup>;
    rawGroups: Map<string, RawGroup>;
}

/** A fresh {@link Interner}. */
export function newInterner(): Interner {
    return { fieldGroups: new Map(), rawGroups: new Map() };
}

// Bounds: past them a table starts afresh; groups already handed out stay valid (ids are never
// reused), they are only no longer shared with later ones.
const TABLE_LIMIT = 100_000;
const PAIR_MEMO_LIMIT = 20_000;
let nextId = 1;
const shared = newInterner();
// Never cleared: groups of any interner compare fields by these numbers. One entry per distinct name.
const fieldIds = new Map<string, number>();

function fieldId(field: string): number {
    let id = fieldIds.get(field);
    if (id === undefined) fieldIds.set(field, (id = fieldIds.size));
    return id;
}

function litsKey(lits: readonly ValueLit[]): string {
    let k = "";
    for (const l of lits) k += `${l.positive ? "+" : "-"}${predKey(l.pred)}\u0001`;
    return k;
}

function fieldGroup(interner: Interner, field: string, some: ValueLit[], all: ValueLit[]): FieldGroup {
    const key = `${JSON.stringify(field)}\u0002${litsKey(some)}\u0002${litsKey(all)}`;
    const { fieldGroups } = interner;
    let g = fieldGroups.get(key);
    if (g === undefined) {
        if (fieldGroups.size >= TABLE_LIMIT) fieldGroups.clear();
        g = { id: nextId++, field, fieldId: fieldId(field), some, all, solved: confirmField(solveField(field, some, all), field, { some, all }, null), withOther: new Map() };
        fieldGroups.set(key, g);
    }
    return g;
}

function rawKey(c: RawConstraint): string {
    return JSON.stringify([c.kind, c.text, c.caseSensitive]);
}

function rawGroup(interner: Interner, pos: RawConstraint[], neg: RawConstraint[]): RawGroup {
    const key = `${pos.map(rawKey).join("")}\u0002${neg.map(rawKey).join("")}`;
    const { rawGroups } = interner;
    let g = rawGroups.get(key);
    if (g === undefined) {
        if (rawGroups.size >= TABLE_LIMIT) rawGroups.clear();
        g = { id: nextId++, pos, neg, constrained: pos.length + neg.length > 0, solved: solveRaw(pos, neg), withOther: new Map() };
        rawGroups.set(key, g);
    }
    return g;
}

/** Groups a conjunction of literals for {@link checkPair}. */
export function group(lits: readonly Literal[], interner: Interner = shared): Conjunction {
    const fields = new Map<string, { some: ValueLit[]; all: ValueLit[] }>();
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
    const groups: FieldGroup[] = [];
    for (const [field, f] of fields) {
        const g = fieldGroup(interner, field, f.some, f.all);
        if (g.solved.status === "unsat") contradiction ??= g.solved.why;
        groups.push(g);
    }
    const raw = rawGroup(interner, rawPos, rawNeg);
    if (raw.solved.status === "unsat") contradiction ??= raw.solved.why;
    const sorted = [...groups].sort((a, b) => a.fieldId - b.fieldId);
    return { groups, sorted, raw, opaque, opaqueUnknown: opaqueWhy === null ? null : { status: "unknown", why: opaqueWhy }, contradiction };
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

const UNCONFIRMED = "a candidate witness could not be confirmed";

/**
 * The values found for a field, checked literal by literal exactly as {@link evaluate} reads
 * them: each `some` literal holds for some value, each `all` literal for every value, and a
 * single-valued field has one value. Values that fail (a solver bug) become `unknown`, never a
 * witness. Together with the argument at {@link checkStatus}, this is what makes a witness sound.
 */
function confirmField(r: FieldSolved, field: string, x: FieldGroup | FieldLists, y: FieldGroup | null): FieldSolved {
    if (r.status !== "sat") return r;
    const values = r.value;
    if (SINGLE_VALUED.has(field) && values.length !== 1) return { status: "unknown", why: UNCONFIRMED };
    const ok = everyValue(values, x.all) && someValue(values, x.some) && (y === null || (everyValue(values, y.all) && someValue(values, y.some)));
    return ok ? r : { status: "unknown", why: UNCONFIRMED };
}

type FieldLists = { some: readonly ValueLit[]; all: readonly ValueLit[] };

/** Every literal holds for every value. */
function everyValue(values: readonly string[], lits: readonly ValueLit[]): boolean {
    for (let i = 0; i < lits.length; i++) {
        const l = lits[i]!;
        for (let k = 0; k < values.length; k++) if (valueSatisfies(l.pred, values[k]!) !== l.positive) return false;
    }
    return true;
}

/** Every literal holds for some value. */
function someValue(values: readonly string[], lits: readonly ValueLit[]): boolean {
    for (let i = 0; i < lits.length; i++) {
        const l = lits[i]!;
        let found = false;
        for (let k = 0; k < values.length && !found; k++) found = valueSatisfies(l.pred, values[k]!) === l.positive;
        if (!found) return false;
    }
    return true;
}

/** A field both conjunctions constrain, answered once per pair of groups. */
function combined(gx: FieldGroup, gy: FieldGroup): FieldSolved {
    let r = gx.withOther.get(gy.id);
    if (r === undefined) {
        r = confirmField(combineField(gx, gy), gx.field, gx, gy);
        if (gx.withOther.size >= PAIR_MEMO_LIMIT) gx.withOther.clear();
        gx.withOther.set(gy.id, r);
    }
    return r;
}

/**
 * The values found for each side alone are reused when they also satisfy the other side's
 * conditions (checked value by value), which is most of the time; otherwise the merged
 * conditions are solved afresh.
 */
function combineField(fx: FieldGroup, fy: FieldGroup): FieldSolved {
    const sx = fx.solved;
    const sy = fy.solved;
    if (sx.status === "sat" && sy.status === "sat") {
        if (SINGLE_VALUED.has(fx.field)) {
            const v = sx.value[0]!;
            if (valueOk(fy.some, v) && valueOk(fy.all, v)) return sx;
            const w = sy.value[0]!;
            if (valueOk(fx.some, w) && valueOk(fx.all, w)) return sy;
        } else {
            // One value that satisfies everything reads best; otherwise the union of both sides' values.
            for (let i = 0; i < sx.value.length; i++) if (fitsBoth(fx, fy, sx.value[i]!)) return { status: "sat", value: [sx.value[i]!] };
            for (let i = 0; i < sy.value.length; i++) if (fitsBoth(fx, fy, sy.value[i]!)) return { status: "sat", value: [sy.value[i]!] };
            if (valuesOk(sx.value, fy.all) && valuesOk(sy.value, fx.all)) return { status: "sat", value: [...new Set([...sx.value, ...sy.value])] };
        }
    }
    return solveField(fx.field, fx.some.concat(fy.some), fx.all.concat(fy.all));
}

function valuesOk(values: readonly string[], lits: readonly ValueLit[]): boolean {
    for (let i = 0; i < values.length; i++) if (!valueOk(lits, values[i]!)) return false;
    return true;
}

function fitsBoth(fx: FieldGroup, fy: FieldGroup, v: string): boolean {
    return valueOk(fx.some, v) && valueOk(fy.some, v) && valueOk(fx.all, v) && valueOk(fy.all, v);
}

/** The raw text of both conjunctions together, answered once per pair of groups. */
function combinedRaw(rx: RawGroup, ry: RawGroup): Solved<string> {
    if (!ry.constrained) return rx.constrained ? rx.solved : ry.solved;
    if (!rx.constrained) return ry.solved;
    let r = rx.withOther.get(ry.id);
    if (r === undefined) {
        r = solveRaw(rx.pos.concat(ry.pos), rx.neg.concat(ry.neg));
        if (rx.withOther.size >= PAIR_MEMO_LIMIT) rx.withOther.clear();
        rx.withOther.set(ry.id, r);
    }
    return r;
}

function partner(g: FieldGroup, groups: readonly FieldGroup[]): FieldGroup | undefined {
    for (let i = 0; i < groups.length; i++) if (groups[i]!.fieldId === g.fieldId) return groups[i];
    return undefined;
}

/**
 * Whether two conjunctions have an event in common: `no` (proven; `why` says how), `yes` (the
 * witness is built from `x` and `y` on demand by {@link witnessOf}), or `unknown`.
 */
export type PairCheck = { fact: "no"; why: string } | { fact: "yes"; x: Conjunction; y: Conjunction } | { fact: "unknown"; why: string };

/** Answers of {@link checkCode}. */
export const NO = 0;
export const YES = 1;
export const UNDECIDED = 2;

/**
 * Satisfiability of the conjunction of two grouped conjunctions, as {@link NO}, {@link YES}
 * (the witness is built on demand by {@link witnessOf}) or {@link UNDECIDED} ({@link whyUndecided}
 * says why). Allocates nothing once the groups of both have met: this is the inner loop of a
 * catalog.
 *
 * Why `YES` needs no evaluation of the filters on the witness: every value of it is confirmed
 * against the literals of both conjunctions (`confirmField`; raw text by `solveRaw`), and a
 * conjunction of the normal form whose literals are all true makes its formula true under the
 * three-valued {@link evaluate} (by induction over `toDnf`: an OR needs one true operand, an AND
 * has every operand's literals in the conjunction, and NOT flips the polarity on both sides).
 */
export function checkCode(x: Conjunction, y: Conjunction): number {
    if (x.contradiction !== null || y.contradiction !== null) return NO;
    if (x.opaque.size > 0 && y.opaque.size > 0) {
        for (const [k, v] of y.opaque) {
            const seen = x.opaque.get(k);
            if (seen !== undefined && seen !== v) return NO;
        }
    }
    // One merge over both field lists (ordered by field): any contradiction is a proof.
    let undecided = x.opaqueUnknown !== null || y.opaqueUnknown !== null;
    const xs = x.sorted;
    const ys = y.sorted;
    let i = 0;
    let j = 0;
    while (i < xs.length || j < ys.length) {
        const gx = xs[i];
        const gy = ys[j];
        let r: FieldSolved;
        if (gy === undefined || (gx !== undefined && gx.fieldId < gy.fieldId)) {
            r = gx!.solved;
            i++;
        } else if (gx === undefined || gy.fieldId < gx.fieldId) {
            r = gy.solved;
            j++;
        } else {
            r = combined(gx, gy);
            i++;
            j++;
        }
        if (r.status === "unsat") return NO;
        if (r.status === "unknown") undecided = true;
    }
    const raw = combinedRaw(x.raw, y.raw);
    if (raw.status === "unsat") return NO;
    return undecided || raw.status === "unknown" ? UNDECIDED : YES;
}

/** {@link checkCode} with its reasons: the first contradiction found, or why it is undecided. */
export function checkStatus(x: Conjunction, y: Conjunction): PairCheck {
    const code = checkCode(x, y);
    if (code === YES) return { fact: "yes", x, y };
    if (code === UNDECIDED) return { fact: "unknown", why: whyUndecided(x, y) };
    return { fact: "no", why: whyContradictory(x, y) };
}

function whyContradictory(x: Conjunction, y: Conjunction): string {
    if (x.contradiction !== null) return x.contradiction;
    if (y.contradiction !== null) return y.contradiction;
    for (const [k, v] of y.opaque) if (x.opaque.has(k) && x.opaque.get(k) !== v) return `${k.slice(2)} and its negation`;
    for (const gx of x.groups) {
        const gy = partner(gx, y.groups);
        const r = gy === undefined ? gx.solved : combined(gx, gy);
        if (r.status === "unsat") return r.why;
    }
    for (const gy of y.groups) if (gy.solved.status === "unsat") return gy.solved.why;
    const raw = combinedRaw(x.raw, y.raw);
    return raw.status === "unsat" ? raw.why : "contradictory";
}

/** Why a pair without a contradiction is undecided: the first opaque literal, else the first undecided field in first-seen order (x first), else the raw text. */
export function whyUndecided(x: Conjunction, y: Conjunction): string {
    const opaque = x.opaqueUnknown ?? y.opaqueUnknown;
    if (opaque !== null && opaque.status === "unknown") return opaque.why;
    for (const gx of x.groups) {
        const gy = partner(gx, y.groups);
        const r = gy === undefined ? gx.solved : combined(gx, gy);
        if (r.status === "unknown") return r.why;
    }
    for (const gy of y.groups) if (partner(gy, x.groups) === undefined && gy.solved.status === "unknown") return gy.solved.why;
    const raw = combinedRaw(x.raw, y.raw);
    return raw.status === "unknown" ? raw.why : UNCONFIRMED;
}

/** Calls `visit` with each field of the witness of two satisfiable conjunctions, in first-seen order (x first). */
function witnessFields(x: Conjunction, y: Conjunction, visit: (field: string, values: readonly string[]) => void): void {
    const values = (r: FieldSolved): readonly string[] => (r.status === "sat" ? r.value : []);
    for (const gx of x.groups) {
        const gy = partner(gx, y.groups);
        visit(gx.field, values(gy === undefined ? gx.solved : combined(gx, gy)));
    }
    for (const gy of y.groups) if (partner(gy, x.groups) === undefined) visit(gy.field, values(gy.solved));
}

/** The witness event of two conjunctions that {@link checkStatus} found satisfiable. */
export function witnessOf(x: Conjunction, y: Conjunction): ModelEvent {
    const fields: Record<string, string[]> = {};
    witnessFields(x, y, (field, values) => (fields[field] = [...values]));
    const raw = combinedRaw(x.raw, y.raw);
    return { fields, raw: raw.status === "sat" ? raw.value : "" };
}

/** Whether that witness needs a field with several values. */
export function witnessMultivalue(x: Conjunction, y: Conjunction): boolean {
    let multi = false;
    witnessFields(x, y, (_, values) => (multi ||= values.length > 1));
    return multi;
}

/** Satisfiability of the conjunction of two grouped conjunctions: a proof, a witness event of the model, or undecided. */
export function checkPair(x: Conjunction, y: Conjunction): Solved<ModelEvent> {
    const r = checkStatus(x, y);
    return r.fact === "yes" ? { status: "sat", value: witnessOf(x, y) } : r.fact === "no" ? { status: "unsat", why: r.why } : { status: "unknown", why: r.why };
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
