// The hand-written scanner (src/parser/token-source.ts) against the specification it replaces:
// the lexer generated from grammar/SplLexer.g4 with the same context (src/parser/modal-lexer.ts).
// Both must give the same token stream (type, channel, offsets, line, column, text) on every
// corpus search and macro body, every fixture, and seeded mutants of them.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { CommonTokenStream, type TokenSource } from "antlr4ng";
import { describe, expect, it } from "vitest";
import { SplCharStream } from "../../src/parser/char-stream.js";
import type { LexStart } from "../../src/parser/lex-context.js";
import { grammarTokenSource } from "../../src/parser/modal-lexer.js";
import { SplTokenSource } from "../../src/parser/token-source.js";
import { generate, mutate } from "../fuzz/engine.js";
import { rng } from "../support/random.js";
import { REPO_DIR, corpusMacros, corpusSearches, describeShared } from "../support/shared.js";

const STARTS: readonly LexStart[] = ["pipeline", "postprocess", "search", "eval"];

function stream(source: TokenSource): string[] {
    const tokens = new CommonTokenStream(source);
    tokens.fill();
    return tokens.getTokens().map((t) => `${t.type} ch${t.channel} ${t.start}-${t.stop} ${t.line}:${t.column} ${JSON.stringify(t.text)}`);
}

/** The first difference between the two token streams of `text`, or null. */
function difference(text: string, start: LexStart): string | null {
    const want = stream(grammarTokenSource(new SplCharStream(text), start));
    const got = stream(new SplTokenSource(new SplCharStream(text), start));
    if (want.length === got.length && want.every((w, i) => w === got[i])) return null;
    const i = want.findIndex((w, k) => w !== got[k]);
    const at = i < 0 ? Math.min(want.length, got.length) : i;
    return `${JSON.stringify(text)} (${start}): token ${at}: grammar ${want[at] ?? "(none)"}, scanner ${got[at] ?? "(none)"}`;
}

/** Compares every text in every start; returns the differences (at most 5) and the count compared. */
function compareAll(texts: readonly string[], starts: readonly LexStart[]): { differences: string[]; compared: number } {
    const differences: string[] = [];
    let compared = 0;
    for (const text of texts) {
        for (const start of starts) {
            compared++;
            const d = difference(text, start);
            if (d !== null && differences.length < 5) differences.push(d);
        }
    }
    return { differences, compared };
}

/** Every .spl file under test/fixtures. */
function fixtureSearches(): string[] {
    const out: string[] = [];
    const walk = (dir: string): void => {
        for (const name of readdirSync(dir).sort()) {
            const path = join(dir, name);
            if (statSync(path).isDirectory()) walk(path);
            else if (name.endsWith(".spl")) out.push(readFileSync(path, "utf8"));
        }
    };
    walk(join(REPO_DIR, "test", "fixtures"));
    return out;
}

// Characters the fuzz engine's ASCII mutations do not reach: other line breaks and blanks,
// non-ASCII letters, an astral character and lone surrogates (token offsets are code points).
const EXOTIC = ["\f", "\r\n", "\u00a0", "é", "中", "😀", "\uD83D", "\uDE00", "```", "``", "`", "<<X>>", "$a|s$", "\\", "'", "1.e5", ".5e-3"];

function mutants(seeds: readonly string[], count: number, seed: number): string[] {
    const r = rng(seed);
    const out: string[] = [];
    for (let i = 0; i < count; i++) {
        let s = i % 10 === 0 ? generate(r) : (seeds[Math.floor(r() * seeds.length)] as string);
        const edits = 1 + Math.floor(r() * 3);
        for (let e = 0; e < edits; e++) {
            if (r() < 0.25) {
                const at = Math.floor(r() * (s.length + 1));
                s = s.slice(0, at) + (EXOTIC[Math.floor(r() * EXOTIC.length)] as string) + s.slice(at);
            } else {
                s = mutate(r, s, seeds[Math.floor(r() * seeds.length)] as string);
            }
        }
        out.push(s);
    }
    return out;
}

describe("hand-written scanner = generated lexer", () => {
    it("on small cases of every lexer rule, in every start", () => {
        const cases = [
            "",
            " ",
            "a",
            "`",
            "``",
            "```",
            "````",
            "`````",
            "``````",
            "```````",
            "```a``` b",
            "```a`` ",
            "`m` `m(a,b)` `x",
            '"a\\"b" "open \\',
            "'f' 'open",
            "TERM(a) CASE(b) PREFIX(c) TERMS(d) term(e)",
            "AND and OR NOT IN as AS By over output outputnew with where groupby from",
            "<<FIELD>> <<F>>x <<F> <= < << >= > == = != ! !a a!b",
            "$tok$ $a|s$ a$b|h$c $|s$ $a|$ $a|1$",
            "\\ a\\ b \\\n c",
            '| eval x=1.5e3+.5-a.b.c*\'q f\'%2/3 . "s" | where x>=1 and not y like "a%" xor z in (1,2)',
            "| eval n=new_<<MATCHSTR>> #f# {a}.b @x a.1 1.e 1e+ 1e+5 1.2.3 $p$ $p|s$ $ & ~",
            "| stats count(eval(a>1)) as c by x | rest/servicesNS/-/-/saved/searches | rest/x\\\ny z",
            "search index=main [search a | eval b=c] | table a",
            "a\r\nb\fc\u00a0d é 中 😀 \uD83D",
        ];
        const { differences } = compareAll(cases, STARTS);
        expect(differences).toEqual([]);
    });

    it("on every fixture search, in every start, and 3,000 seeded mutants of them", () => {
        const fixtures = fixtureSearches();
        expect(fixtures.length).toBeGreaterThan(100);
        const all = compareAll(fixtures, STARTS);
        expect(all.differences).toEqual([]);
        const mutated = compareAll(mutants(fixtures, 3000, 1301), ["pipeline", "eval"]);
        expect(mutated.differences).toEqual([]);
        expect(all.compared + mutated.compared).toBe(fixtures.length * 4 + 6000);
    });
});

describeShared("hand-written scanner = generated lexer on the corpus", () => {
    const searches = corpusSearches().map((s) => s.search);
    const macros = corpusMacros().map((m) => m.definition);

    it("on every corpus search and macro body", () => {
        expect(searches.length).toBe(1824);
        expect(compareAll(searches, ["pipeline"]).differences).toEqual([]);
        // A macro body may be a whole pipeline, a search fragment or an eval expression.
        expect(compareAll(macros, ["pipeline", "search", "eval"]).differences).toEqual([]);
    });

    it("on 3,000 seeded mutants of corpus searches", () => {
        expect(compareAll(mutants([...searches, ...macros], 3000, 1302), ["pipeline"]).differences).toEqual([]);
    });
});
