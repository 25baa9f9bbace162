// The judge of relate(): random small filters over a small vocabulary, random events, and an
// independent evaluator (test/support/spl-eval.ts). Every answer must agree with every event:
// containment never has an event inside one and outside the other, disjoint never has a common
// event, and every witness is selected (or not) exactly as claimed. Seeded: SPLC_SEED=n repeats a run.
import { describe, expect, it } from "vitest";
import { parse, type ParseResult, type SearchExpr } from "../../src/index.js";
import { prepareFilter, relate, type PreparedFilter, type RelateResult } from "../../src/relate/index.js";
import { rng } from "../support/random.js";
import { METADATA, selects, type TestEvent } from "../support/spl-eval.js";

const LEAVES = [
    "index=main",
    "index=sec",
    "index=m*",
    "index!=main",
    "sourcetype=st1",
    "sourcetype=ST*",
    "sourcetype!=st2",
    "user=a",
    "user=A",
    "user=a*",
    "user=*b",
    "user=*",
    "user=CASE(A)",
    "user!=a",
    "user!=*b",
    "user!=*",
    "user IN (a, b)",
    "user=ab",
    "n>5",
    "n<=5",
    "n=1",
    "n!=10",
    "n>=10",
    "n<7",
    "n=1*",
    "ip=10.0.0.0/8",
    "ip=10.1.0.0/16",
    "ip!=192.168.0.0/16",
    "ip=10.*",
    "ip=10.1.2.3",
    "alpha",
    "al*",
    '"alpha beta"',
    "TERM(beta)",
    "CASE(Alpha)",
    "gamma",
    "*",
    "earliest=-24h",
];

function genFilter(r: () => number, depth: number): string {
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
    if (depth === 0 || r() < 0.35) {
        const leaf = pick(LEAVES);
        return r() < 0.2 ? `NOT ${leaf}` : leaf;
    }
    const n = 2 + Math.floor(r() * 2);
    const parts = Array.from({ length: n }, () => genFilter(r, depth - 1));
    const op = r() < 0.5 ? " " : r() < 0.5 ? " AND " : " OR ";
    const text = parts.join(op);
    return r() < 0.2 ? `NOT (${text})` : `(${text})`;
}

/** b derived from a, so that containment and equivalence are common. */
function mutate(r: () => number, a: string): string {
    const choice = r();
    if (choice < 0.25) return `${a} ${genFilter(r, 1)}`;
    if (choice < 0.5) return `${a} OR ${genFilter(r, 1)}`;
    if (choice < 0.6) return `NOT (NOT ${a})`;
    if (choice < 0.7) return a.replace(/=a\b/, "=A").replace(/alpha/, "ALPHA");
    return genFilter(r, 2);
}

function genEvent(r: () => number): TestEvent {
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
    const some = (xs: readonly string[], max: number): string[] => Array.from({ length: Math.floor(r() * (max + 1)) }, () => pick(xs));
    return {
        fields: {
            index: [pick(["main", "sec", "mx", "MAIN"])],
            sourcetype: [pick(["st1", "st2", "ST1", "other"])],
            user: some(["a", "b", "ab", "A", "c", "xb"], 2),
            n: some(["1", "5", "10", "7", "12", "x"], 2),
            ip: some(["10.0.0.1", "10.1.2.3", "192.168.1.1", "8.8.8.8"], 1),
        },
        raw: some(["alpha", "beta", "Alpha", "gamma", "alphabet", "ALPHA"], 3).join(" "),
    };
}

function exprOf(p: ParseResult): SearchExpr | null {
    const c = p.pipeline.commands[0];
    return c && c.kind === "SearchCommand" ? c.filter : null;
}

function sel(e: SearchExpr | null, ev: TestEvent): boolean {
    if (e === null) return true;
    const full: TestEvent = { fields: { ...ev.fields }, raw: ev.raw };
    for (const m of METADATA) if (!full.fields[m] || full.fields[m]!.length === 0) full.fields[m] = ["unset-metadata"];
    return selects(e, full);
}

/** Every disagreement of an answer with the evaluations, as text. */
function inconsistencies(r: RelateResult, ea: SearchExpr | null, eb: SearchExpr | null, events: readonly TestEvent[]): string[] {
    const out: string[] = [];
    for (const ev of events) {
        const a = sel(ea, ev);
        const b = sel(eb, ev);
        const bad =
            ((r.relation === "a-within-b" || r.relation === "equivalent" || r.facts.aOnly === "no") && a && !b) ||
            ((r.relation === "b-within-a" || r.relation === "equivalent" || r.facts.bOnly === "no") && b && !a) ||
            ((r.relation === "disjoint" || r.facts.both === "no") && a && b);
        if (bad) out.push(`${r.relation} but event ${JSON.stringify(ev)} has a=${a} b=${b}`);
    }
    for (const w of Object.values(r.witnesses)) {
        const a = sel(ea, w.event);
        const b = sel(eb, w.event);
        if (a !== w.selectedBy.a || b !== w.selectedBy.b) out.push(`witness ${JSON.stringify(w.event)} claims ${JSON.stringify(w.selectedBy)}, evaluator says a=${a} b=${b}`);
    }
    if (r.relation === "overlap" && !(r.witness && sel(ea, r.witness.event) && sel(eb, r.witness.event))) out.push("overlap without a common witness");
    return out;
}

const SEED = Number(process.env.SPLC_SEED ?? 16);
const PAIRS = 4000;
const EVENTS_PER_PAIR = 12;

describe("relate agrees with an independent evaluator on random filters and events", () => {
    it(`seed ${SEED}: ${PAIRS} pairs × (${EVENTS_PER_PAIR} random events + earlier witnesses), zero inconsistencies`, () => {
        const r = rng(SEED);
        const prepared = new Map<string, { p: PreparedFilter; e: SearchExpr | null }>();
        const get = (text: string) => {
            let x = prepared.get(text);
            if (!x) {
                const parsed = parse(text);
                x = { p: prepareFilter(parsed), e: exprOf(parsed) };
                prepared.set(text, x);
            }
            return x;
        };
        const pool: TestEvent[] = [];
        const problems: string[] = [];
        const counts: Record<string, number> = {};
        let checks = 0;
        for (let i = 0; i < PAIRS && problems.length < 5; i++) {
            const ta = genFilter(r, 2);
            const tb = mutate(r, ta);
            const a = get(ta);
            const b = get(tb);
            const result = relate(a.p, b.p);
            counts[result.relation] = (counts[result.relation] ?? 0) + 1;
            const events = Array.from({ length: EVENTS_PER_PAIR }, () => genEvent(r));
            for (let k = 0; k < 8 && pool.length > 0; k++) events.push(pool[Math.floor(r() * pool.length)]!);
            checks += events.length + Object.keys(result.witnesses).length;
            for (const p of inconsistencies(result, a.e, b.e, events)) problems.push(`a: ${ta}\nb: ${tb}\n${p}`);
            for (const w of Object.values(result.witnesses)) if (pool.length < 3000) pool.push(w.event);
        }
        if (process.env.SPLC_DEBUG) console.log(JSON.stringify(counts), checks);
        expect(problems).toEqual([]);
        // The test must exercise every answer, or it proves little.
        for (const rel of ["equivalent", "a-within-b", "b-within-a", "overlap", "disjoint"]) expect(counts[rel] ?? 0, `${rel} in ${JSON.stringify(counts)}`).toBeGreaterThan(10);
        expect(checks).toBeGreaterThan(50_000);
        expect((counts.unknown ?? 0) / PAIRS).toBeLessThan(0.2);
    });
});
