// The fuzz engine: inputs (seeded mutation of fixture searches and of the ../shared corpus,
// grammar-aware generation), the laws every input must keep, and a shrinker. Used by the short
// seeded run of `npm test` (fuzz.test.ts) and by the long run of `npm run fuzz` (scripts/fuzz.mjs).
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { analyze, parse, type Diagnostic } from "../../src/index.js";
import { formatWithDiagnostics, format, print } from "../../src/print/index.js";
import { firstDifference } from "../../src/print/equal.js";
import { rng } from "../support/random.js";
import { HAVE_SHARED, REPO_DIR, sharedPath } from "../support/shared.js";

/** One law an input broke. */
export interface Finding {
    /** Which law: throw, time, roundtrip, format-refused, format-idempotence, format-meaning, span, json. */
    law: string;
    message: string;
    input: string;
}

/** Where an input came from (counted per kind in the report). */
export type InputKind = "mutant" | "corpus-mutant" | "generated" | "stress";

/** Seeds: the fixture searches of the repository, and the corpus searches when ../shared is present. */
export function seeds(): { fixtures: string[]; corpus: string[] } {
    const fixtures: string[] = [];
    for (const dir of ["test/fixtures/search", "test/fixtures/commands", "test/fixtures/fuzz"]) {
        const abs = join(REPO_DIR, dir);
        if (!existsSync(abs)) continue;
        for (const f of readdirSync(abs).sort()) if (f.endsWith(".spl")) fixtures.push(readFileSync(join(abs, f), "utf8"));
    }
    const corpus: string[] = [];
    if (HAVE_SHARED) {
        for (const f of readdirSync(sharedPath("corpus")).sort()) {
            if (!f.endsWith(".jsonl")) continue;
            for (const line of readFileSync(sharedPath("corpus", f), "utf8").split("\n")) {
                if (!line.trim()) continue;
                const r = JSON.parse(line) as { search?: unknown; definition?: unknown };
                const text = typeof r.search === "string" ? r.search : typeof r.definition === "string" ? r.definition : null;
                if (text) corpus.push(text);
            }
        }
    }
    return { fixtures, corpus };
}

// Fragments that exercise the lexer's modes, quoting, comments and nesting.
const PIECES = [
    "|",
    "[",
    "]",
    "(",
    ")",
    '"',
    "\\",
    "=",
    "!=",
    ",",
    "```",
    "```c```",
    "`m`",
    "`m(a,b)`",
    "$t$",
    "*",
    " ",
    "\n",
    "\t",
    "AND",
    "OR",
    "NOT",
    "by",
    "BY",
    "as",
    "where",
    "TERM(",
    "CASE(",
    "1e999",
    "0x1F",
    "-",
    "+",
    ".",
    "'",
    "<<FIELD>>",
    "| eval x=",
    "| where ",
    "| stats count by ",
    "| rename a as b",
    "| fields - a",
    "| table a",
    "| search ",
    '| rex field=a "(?<x>\\d+)"',
    "index=",
    "earliest=-1d",
    "a=1",
    'x="y"',
    "if(a,b,c)",
    "coalesce(a,b)",
    "\u00e9",
    "\ud83d\ude00",
    '\\"',
    "\\|",
    "\\a",
    "IN (",
    "like",
];

function pick<T>(r: () => number, xs: readonly T[]): T {
    return xs[Math.floor(r() * xs.length)] as T;
}

/** One random edit of `s` (or a splice with `other`). */
export function mutate(r: () => number, s: string, other: string): string {
    const at = Math.floor(r() * (s.length + 1));
    const len = Math.floor(r() * Math.min(20, s.length - at + 1));
    switch (Math.floor(r() * 7)) {
        case 0:
            return s.slice(0, at) + s.slice(at + len);
        case 1:
            return s.slice(0, at) + pick(r, PIECES) + s.slice(at);
        case 2:
            return s.slice(0, at) + pick(r, PIECES) + s.slice(at + len);
        case 3:
            return s.slice(0, at) + s.slice(at, at + len).repeat(2 + Math.floor(r() * 3)) + s.slice(at + len);
        case 4: {
            const o = Math.floor(r() * other.length);
            return s.slice(0, at) + other.slice(o, o + 1 + Math.floor(r() * 40)) + s.slice(at);
        }
        case 5:
            return s.slice(0, at) + String.fromCharCode(Math.floor(r() * 128)) + s.slice(at + 1);
        default:
            return s.slice(0, at) + s.slice(at + len).toUpperCase();
    }
}

/** A random search from a small grammar of SPL: search terms, eval/where expressions, commands, subsearches. */
export function generate(r: () => number, depth = 0): string {
    const field = (): string => pick(r, ["a", "b", "src_ip", "Processes.process_name", "x.y", "_time", "'q f'", "count", "by", "as"]);
    const value = (): string => pick(r, ["1", "-2.5", "1e999", '"a b"', '"\\a"', "x*", "*", "10.0.0.0/8", "$tok$", "TERM(a.b)", "CASE(X)", '"a\\"b"', "\\|"]);
    const expr = (d: number): string => {
        if (d > 3 || r() < 0.3) return pick(r, [field(), value(), "null()", "true()"]);
        switch (Math.floor(r() * 5)) {
            case 0:
                return `${expr(d + 1)} ${pick(r, ["+", "-", "*", "/", ".", "=", "!=", "<", ">=", "AND", "OR", "XOR", "LIKE"])} ${expr(d + 1)}`;
            case 1:
                return `${pick(r, ["NOT ", "-"])}${expr(d + 1)}`;
            case 2:
                return `(${expr(d + 1)})`;
            case 3:
                return `${pick(r, ["if", "coalesce", "case", "len", "lower", "match", "in", "mvindex"])}(${Array.from({ length: 1 + Math.floor(r() * 3) }, () => expr(d + 1)).join(", ")})`;
            default:
                return `${field()} IN (${value()}, ${value()})`;
        }
    };
    const term = (d: number): string => {
        switch (Math.floor(r() * 6)) {
            case 0:
                return `${field()}${pick(r, ["=", "!=", ">", "<="])}${value()}`;
            case 1:
                return value();
            case 2:
                return `NOT ${term(d)}`;
            case 3:
                return d < 2 ? `(${term(d + 1)} ${pick(r, ["OR", "AND", ""])} ${term(d + 1)})` : value();
            case 4:
                return d < 2 ? `[${generate(r, d + 1)}]` : "x";
            default:
                return `${field()} IN (${value()}, ${value()})`;
        }
    };
    const command = (): string => {
        switch (Math.floor(r() * 9)) {
            case 0:
                return `eval ${field()}=${expr(0)}`;
            case 1:
                return `where ${expr(0)}`;
            case 2:
                return `stats ${pick(r, ["count", "dc(a)", "values(*) as *", "sum(b) as s", "count(eval(a>1))"])} by ${field()}`;
            case 3:
                return `search ${term(0)}`;
            case 4:
                return `rename ${field()} as ${field()}`;
            case 5:
                return `fields ${pick(r, ["- ", "+ ", ""])}${field()}, ${field()}`;
            case 6:
                return `table ${field()} ${field()}`;
            case 7:
                return `rex field=${field()} "(?<n>\\w+)"`;
            default:
                return `${pick(r, ["dedup", "sort", "head", "top", "lookup t", "join type=left"])} ${field()}`;
        }
    };
    const parts = [Array.from({ length: 1 + Math.floor(r() * 3) }, () => term(depth)).join(" ")];
    const n = Math.floor(r() * 4);
    for (let i = 0; i < n; i++) parts.push(command());
    return parts.join(" | ");
}

/** Stress inputs: long chains and long names, the shapes that once blew up. `n` scales them. */
export function stressInputs(n: number): string[] {
    return [
        "| eval x=" + "a+".repeat(n) + "1",
        "| where " + Array(n).fill("a").join("="),
        "| eval x=coalesce(" + Array.from({ length: n }, (_, i) => `a${i}`).join(",") + ")",
        "| stats " + Array.from({ length: n }, (_, i) => `count(a${i}) as c${i}`).join(" "),
        "| eval " + "a".repeat(n) + " b=c",
        "| where " + Array.from({ length: n }, (_, i) => `a${i}=1`).join(" AND "),
        Array.from({ length: Math.ceil(n / 10) }, (_, i) => `| eval a${i}=1`).join(" "),
        "a".repeat(n) + " " + " ".repeat(n) + "x",
    ];
}

const isError = (d: Diagnostic): boolean => d.severity === "error";

/** Every number in the tree is finite and every value plain JSON; returns the path of the first offender. */
function nonJson(root: unknown): string | null {
    const todo: { x: unknown; path: string }[] = [{ x: root, path: "$" }];
    while (todo.length > 0) {
        const { x, path } = todo.pop() as { x: unknown; path: string };
        if (x === null || typeof x === "string" || typeof x === "boolean") continue;
        if (typeof x === "number") {
            if (!Number.isFinite(x)) return `${path} = ${x}`;
            continue;
        }
        if (Array.isArray(x)) {
            x.forEach((v, i) => todo.push({ x: v, path: `${path}[${i}]` }));
            continue;
        }
        if (typeof x !== "object" || Object.getPrototypeOf(x) !== Object.prototype) return `${path} is not plain JSON`;
        for (const [k, v] of Object.entries(x)) {
            if (v === undefined) return `${path}.${k} is undefined`;
            todo.push({ x: v, path: `${path}.${k}` });
        }
    }
    return null;
}

interface SpanLike {
    start: number;
    end: number;
}

/** Spans in range of the text, and every node's span inside its parent node's span (macro-expanded nodes excepted). */
function spanProblem(root: unknown, length: number): string | null {
    const todo: { x: unknown; parent: SpanLike | null; path: string }[] = [{ x: root, parent: null, path: "$" }];
    while (todo.length > 0) {
        const { x, parent, path } = todo.pop() as { x: unknown; parent: SpanLike | null; path: string };
        if (typeof x !== "object" || x === null) continue;
        if (Array.isArray(x)) {
            x.forEach((v, i) => todo.push({ x: v, parent, path: `${path}[${i}]` }));
            continue;
        }
        const o = x as Record<string, unknown>;
        let here = parent;
        if (typeof o.kind === "string" && typeof o.span === "object" && o.span !== null && o.origin === undefined) {
            const s = o.span as SpanLike;
            if (!(s.start >= 0 && s.start <= s.end && s.end <= length)) return `${path} (${o.kind}) span ${s.start}..${s.end} outside 0..${length}`;
            if (parent && (s.start < parent.start || s.end > parent.end)) return `${path} (${o.kind}) span ${s.start}..${s.end} outside its parent ${parent.start}..${parent.end}`;
            here = s;
        }
        for (const [k, v] of Object.entries(o)) if (k !== "span" && k !== "origin") todo.push({ x: v, parent: here, path: `${path}.${k}` });
    }
    return null;
}

/** Generous time bound in ms for an input of `n` characters: catches blow-ups, not slowness. */
export function timeBound(n: number, factor = 1): number {
    return factor * (3000 + n * 0.5);
}

/** Checks every law on one input; returns the first broken one, or null. */
export function check(input: string, timeFactor = 1): Finding | null {
    const found = (law: string, message: string): Finding => ({ law, message, input });
    const started = performance.now();
    try {
        const result = parse(input);
        const json = nonJson(result);
        if (json) return found("json", json);
        const span = spanProblem(result.pipeline, input.length);
        if (span) return found("span", span);
        analyze(result);
        if (!result.diagnostics.some(isError)) {
            const printed = print(result.pipeline);
            const again = parse(printed);
            if (again.diagnostics.some(isError)) return found("roundtrip", `print gives ${JSON.stringify(printed.slice(0, 200))}, which does not parse: ${again.diagnostics.find(isError)?.message}`);
            const diff = firstDifference(result.pipeline, again.pipeline);
            if (diff) return found("roundtrip", `print gives ${JSON.stringify(printed.slice(0, 200))}, a different tree at ${diff}`);
            const f = formatWithDiagnostics(input);
            if (!f.formatted) return found("format-refused", f.diagnostics.find((d) => d.code === "SPL1201")?.message ?? "not formatted");
            if (format(f.text) !== f.text) return found("format-idempotence", "format(format(x)) !== format(x)");
            const fdiff = firstDifference(result.pipeline, parse(f.text).pipeline);
            if (fdiff) return found("format-meaning", `formatted text differs at ${fdiff}`);
        }
    } catch (e) {
        return found("throw", e instanceof Error ? `${e.name}: ${e.message}` : String(e));
    }
    const ms = performance.now() - started;
    if (ms > timeBound(input.length, timeFactor)) return found("time", `${Math.round(ms)} ms for ${input.length} characters`);
    return null;
}

/** The smallest input (by greedy chunk removal) that still breaks the same law. */
export function shrink(f: Finding, timeFactor = 1, budgetMs = 20_000): Finding {
    let best = f;
    const deadline = Date.now() + budgetMs;
    if (f.law === "time") return f; // re-running blow-ups to shrink them costs minutes
    for (let chunk = Math.max(1, best.input.length >> 1); chunk >= 1; chunk >>= 1) {
        for (let at = 0; at < best.input.length && Date.now() < deadline;) {
            const cand = best.input.slice(0, at) + best.input.slice(at + chunk);
            const again = check(cand, timeFactor);
            if (again && again.law === f.law) best = again;
            else at += chunk;
        }
    }
    return best;
}

/** Counts of a run, per input kind. */
export interface RunStats {
    tried: Record<InputKind, number>;
    /** Milliseconds spent on stress inputs. */
    stressMs: number;
    findings: Finding[];
}

/**
 * The share of a timed run that stress inputs may take. A round at the largest size takes about
 * a minute on this machine, so without a cap a ten-minute run would be almost all stress and try
 * a few hundred mutants instead of tens of thousands.
 */
const STRESS_SHARE = 0.2;

/**
 * A seeded run: mutants of fixtures and corpus searches, generated searches and stress inputs,
 * until `count` inputs or `deadline` (epoch ms). Findings are shrunk and de-duplicated by law
 * and message.
 */
export function run(opts: { seed: number; count?: number; deadline?: number; timeFactor?: number; onFinding?: (f: Finding) => void }): RunStats {
    const r = rng(opts.seed);
    const { fixtures, corpus } = seeds();
    const stats: RunStats = { tried: { mutant: 0, "corpus-mutant": 0, generated: 0, stress: 0 }, stressMs: 0, findings: [] };
    const started = Date.now();
    // A counted run (npm test) tries the same inputs every time; a timed one keeps stress to its share.
    const stressAllowed = (): boolean => opts.deadline === undefined || stats.stressMs <= STRESS_SHARE * (Date.now() - started);
    const seen = new Set<string>();
    const all = [...fixtures, ...corpus];
    const report = (f: Finding | null): void => {
        if (!f) return;
        const key = `${f.law}:${f.message.replace(/\d+/g, "N").slice(0, 80)}`;
        if (seen.has(key)) return;
        seen.add(key);
        const small = shrink(f, opts.timeFactor);
        stats.findings.push(small);
        opts.onFinding?.(small);
    };
    let stressSize = 500;
    for (let i = 0; ; i++) {
        if (opts.count !== undefined && i >= opts.count) break;
        if (opts.deadline !== undefined && Date.now() > opts.deadline) break;
        const roll = r();
        if (roll < 0.01 && stressAllowed()) {
            // Stress: grows with the run so a long run reaches big inputs.
            const stressStarted = Date.now();
            for (const s of stressInputs(stressSize)) {
                stats.tried.stress++;
                report(check(s, opts.timeFactor));
            }
            stats.stressMs += Date.now() - stressStarted;
            stressSize = Math.min(stressSize * 2, 20_000);
        } else if (roll < 0.3) {
            stats.tried.generated++;
            report(check(generate(r), opts.timeFactor));
        } else {
            const fromCorpus = corpus.length > 0 && r() < 0.5;
            const base = fromCorpus ? pick(r, corpus) : pick(r, fixtures);
            let text = base;
            for (let k = 1 + Math.floor(r() * 4); k > 0; k--) text = mutate(r, text, pick(r, all));
            stats.tried[fromCorpus ? "corpus-mutant" : "mutant"]++;
            report(check(text, opts.timeFactor));
        }
    }
    return stats;
}
