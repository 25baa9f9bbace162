/**
 * Satisfiability of a conjunction of predicates on ONE field value. Answers are sound both ways:
 * `sat` comes with a concrete value checked against every predicate; `unsat` only from a
 * proof rule (pattern containment, incompatible literal prefixes or suffixes, disjoint CIDR
 * ranges, empty comparison intervals, or exhaustive evaluation when the value is pinned down);
 * anything else is `unknown`.
 */
import { formatIPv4, globMatch, isNumeric, valueSatisfies, type ValuePred } from "./model.js";

/** A predicate the value must satisfy (`positive`) or must not satisfy. */
export interface ValueLit {
    pred: ValuePred;
    positive: boolean;
}

/** Outcome of a satisfiability question: proven empty, a checked example, or undecided. */
export type Solved<T> = { status: "unsat"; why: string } | { status: "sat"; value: T } | { status: "unknown"; why: string };

/** Does the value satisfy every literal? */
export function valueOk(lits: readonly ValueLit[], v: string): boolean {
    if (v === "") return false;
    for (const l of lits) if (valueSatisfies(l.pred, v) !== l.positive) return false;
    return true;
}

const predKeys = new WeakMap<ValuePred, string>();

/** A key equal for predicates that mean the same (JSON text: no separator can occur inside it unescaped). */
export function predKey(p: ValuePred): string {
    let k = predKeys.get(p);
    if (k === undefined) {
        k = JSON.stringify(p.kind === "pattern" ? [p.caseSensitive ? "c" : "i", p.text] : p.kind === "cidr" ? ["n", p.text] : [p.op, p.text]);
        predKeys.set(p, k);
    }
    return k;
}

/** Answers are pure functions of the literals; catalogs ask the same questions many times. Bounded. */
const memo = new Map<string, Solved<string>>();
const MEMO_LIMIT = 2_000;

/** Finds a value satisfying all literals, proves there is none, or gives up. */
export function solveValue(lits: readonly ValueLit[]): Solved<string> {
    let key = "";
    for (const l of lits) key += `${l.positive ? "+" : "-"}${predKey(l.pred)}\u0001`;
    let r = memo.get(key);
    if (r === undefined) {
        r = solveValueUncached(lits);
        if (memo.size >= MEMO_LIMIT) memo.clear();
        memo.set(key, r);
    }
    return r;
}

function solveValueUncached(lits: readonly ValueLit[]): Solved<string> {
    const proof = unsatProof(lits);
    if (proof) return { status: "unsat", why: proof };
    for (const c of candidates(lits)) if (valueOk(lits, c)) return { status: "sat", value: c };
    // A literal pattern pins the value down (up to case): if no candidate worked, none exists.
    const pinned = pinnedValue(lits);
    if (pinned !== null) return { status: "unsat", why: `only ${pinned} could match, and it fails another condition` };
    return { status: "unknown", why: "no value found and no proof that none exists" };
}

function hasCase(s: string): boolean {
    return s.toLowerCase() !== s.toUpperCase();
}

/**
 * When some positive pattern has no wildcard, the value is that text up to case. If the case
 * cannot change the outcome, testing that one text decides the question.
 */
function pinnedValue(lits: readonly ValueLit[]): string | null {
    for (const l of lits) {
        if (!l.positive || l.pred.kind !== "pattern" || l.pred.text.includes("*")) continue;
        const text = l.pred.text;
        if (l.pred.caseSensitive || !hasCase(text)) return text;
        const caseBlind = lits.every((o) => (o.pred.kind === "pattern" && !o.pred.caseSensitive) || o.pred.kind === "cidr");
        if (caseBlind) return text;
    }
    return null;
}

/** Can every string matched by `p` be matched by `n`? Sound (a `*` of p is a symbol only a `*` of n absorbs). */
export function patternWithin(p: string, n: string): boolean {
    return globMatch(n, p.replace(/\*/g, "\u0000"));
}

function fold(pred: Extract<ValuePred, { kind: "pattern" }>): string {
    return pred.caseSensitive ? pred.text : pred.text.toLowerCase();
}

function unsatProof(lits: readonly ValueLit[]): string | null {
    const pos = lits.filter((l) => l.positive);
    const neg = lits.filter((l) => !l.positive);
    for (const n of neg) {
        if (n.pred.kind === "pattern" && /^\*+$/.test(n.pred.text)) return "every value matches *";
    }
    for (const p of pos) {
        for (const n of neg) {
            if (p.pred.kind === "pattern" && n.pred.kind === "pattern") {
                // A case-sensitive pattern lies within a case-insensitive one when its lower case does.
                if (p.pred.caseSensitive === n.pred.caseSensitive || !n.pred.caseSensitive) {
                    const pt = n.pred.caseSensitive ? p.pred.text : p.pred.text.toLowerCase();
                    if (patternWithin(pt, fold(n.pred))) return `${p.pred.text} lies within ${n.pred.text}`;
                }
            }
            if (p.pred.kind === "cidr" && n.pred.kind === "cidr" && p.pred.lo >= n.pred.lo && p.pred.hi <= n.pred.hi) return `${p.pred.text} lies within ${n.pred.text}`;
        }
    }
    for (let i = 0; i < pos.length; i++) {
        for (let j = i + 1; j < pos.length; j++) {
            const a = pos[i]!.pred;
            const b = pos[j]!.pred;
            if (a.kind === "pattern" && b.kind === "pattern" && a.caseSensitive === b.caseSensitive) {
                const x = fold(a);
                const y = fold(b);
                if (!compatiblePrefix(literalPrefix(x), literalPrefix(y)) || !compatibleSuffix(literalSuffix(x), literalSuffix(y))) return `${a.text} and ${b.text} cannot both match one value`;
            }
            if (a.kind === "cidr" && b.kind === "cidr" && (a.hi < b.lo || b.hi < a.lo)) return `${a.text} and ${b.text} do not intersect`;
        }
    }
    return intervalProof(lits);
}

function literalPrefix(p: string): string {
    const i = p.indexOf("*");
    return i < 0 ? p : p.slice(0, i);
}

function literalSuffix(p: string): string {
    const i = p.lastIndexOf("*");
    return i < 0 ? p : p.slice(i + 1);
}

/** Two literal prefixes of one string: one extends the other. */
function compatiblePrefix(a: string, b: string): boolean {
    return a.startsWith(b) || b.startsWith(a);
}

/** Two literal suffixes of one string: one ends the other. */
function compatibleSuffix(a: string, b: string): boolean {
    return a.endsWith(b) || b.endsWith(a);
}

type Op = "<" | "<=" | ">" | ">=";
const FLIP: Record<Op, Op> = { "<": ">=", "<=": ">", ">": "<=", ">=": "<" };

/**
 * Comparisons alone: a value is either a number (numeric order) or not (code-unit order against
 * the constant's text). Both orders are total, so an empty interval in both is a proof.
 */
function intervalProof(lits: readonly ValueLit[]): string | null {
    const cmps = lits.flatMap((l) => (l.pred.kind === "compare" ? [{ op: l.positive ? l.pred.op : FLIP[l.pred.op], text: l.pred.text }] : []));
    if (cmps.length < 2) return null;
    if (!cmps.every((c) => isNumeric(c.text))) return null;
    const numericEmpty = emptyInterval(cmps, (a, b) => Math.sign(Number(a) - Number(b)));
    const lexEmpty = emptyInterval(cmps, (a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return numericEmpty && lexEmpty ? "the comparisons leave no value" : null;
}

function emptyInterval(cmps: { op: Op; text: string }[], cmp: (a: string, b: string) => number): boolean {
    let lo: { text: string; strict: boolean } | null = null;
    let hi: { text: string; strict: boolean } | null = null;
    for (const c of cmps) {
        const strict = c.op === "<" || c.op === ">";
        if (c.op === ">" || c.op === ">=") {
            if (!lo || cmp(c.text, lo.text) > 0 || (cmp(c.text, lo.text) === 0 && strict)) lo = { text: c.text, strict };
        } else if (!hi || cmp(c.text, hi.text) < 0 || (cmp(c.text, hi.text) === 0 && strict)) hi = { text: c.text, strict };
    }
    if (!lo || !hi) return false;
    const c = cmp(lo.text, hi.text);
    return c > 0 || (c === 0 && (lo.strict || hi.strict));
}

function instantiate(p: string, fill: string): string {
    return p.replace(/\*/g, fill);
}

function* candidates(lits: readonly ValueLit[]): Generator<string> {
    const pos = lits.filter((l) => l.positive);
    const insts: string[] = [];
    for (const l of pos) {
        const pred = l.pred;
        if (pred.kind === "pattern") {
            for (const fill of ["", "x", "q0"]) {
                const v = instantiate(pred.text, fill);
                if (v) {
                    insts.push(v);
                    yield v;
                    if (!pred.caseSensitive) yield v.toLowerCase();
                }
            }
        } else if (pred.kind === "cidr") {
            for (const n of [pred.lo, pred.hi, pred.lo + 1, Math.floor((pred.lo + pred.hi) / 2)]) if (n <= pred.hi) yield formatIPv4(n);
        } else {
            yield* compareCandidates(pred.text);
        }
    }
    // Merges for several patterns on one value (`a*` and `*b` → `ab`).
    const cores = pos.flatMap((l) => (l.pred.kind === "pattern" ? [instantiate(l.pred.text, "")] : []));
    if (cores.length > 1) {
        yield cores.join("");
        yield [...cores].reverse().join("");
        for (const l of pos) {
            if (l.pred.kind !== "pattern") continue;
            for (const c of cores) yield l.pred.text.replace("*", c).replace(/\*/g, "");
        }
    }
    for (const l of lits) {
        if (!l.positive && l.pred.kind === "compare") yield* compareCandidates(l.pred.text);
        if (!l.positive && l.pred.kind === "cidr") {
            yield formatIPv4(l.pred.hi < 0xffffffff ? l.pred.hi + 1 : l.pred.lo - 1);
        }
    }
    yield* ["splcw", "0", "1", "-1", "zz", "ZZ", "0.0.0.1"];
}

function* compareCandidates(text: string): Generator<string> {
    if (isNumeric(text)) {
        const n = Number(text);
        for (const d of [0, 1, -1, 0.5, -0.5, 1000, -1000]) yield String(n + d);
        yield `${text}a`;
    } else {
        yield text;
        yield `${text}a`;
        if (text.length > 1) yield text.slice(0, -1);
        yield "~";
        yield " ";
    }
}
