// IR v2: a typed command stores its meaning once, so an edit of a typed field through
// `transform` is what `print` writes. One case per command family (src/lower/commands/*.ts).
import { describe, expect, it } from "vitest";
import { parse, print, transform, type FieldRef, type Pipeline } from "../../src/index.js";

const tree = (text: string): Pipeline => parse(text).pipeline;
const ref = (name: string, like: FieldRef): FieldRef => ({ ...like, name });

describe("transform + print: edited typed fields print", () => {
    it("fields family: rename target, table and fields lists", () => {
        const out = transform(tree("x | rename a AS b | table a, b | fields - c"), {
            RenameCommand: (n) => ({ ...n, renames: n.renames.map((r) => ({ ...r, to: "c" })) }),
            FieldRef: (f) => (f.name === "b" ? ref("bb", f) : undefined),
            FieldsCommand: (n) => ({ ...n, mode: "keep" }),
        });
        expect(print(out)).toBe("x | rename a AS c | table a, bb | fields c");
    });

    it("rex family: pattern, field and max_match; regex negation", () => {
        const out = transform(tree('x | rex field=a "(?<u>\\w+)" | regex b="^x"'), {
            RexCommand: (n) => ({ ...n, field: "msg", pattern: "(?<v>\\d+)", maxMatch: 0 }),
            RegexCommand: (n) => ({ ...n, negated: true }),
        });
        expect(print(out)).toBe('x | rex field=msg max_match=0 "(?<v>\\d+)" | regex b!="^x"');
    });

    it("lookup family: table name, output mode, inputlookup WHERE", () => {
        const out = transform(tree("x | lookup users u OUTPUT d | inputlookup t.csv WHERE a=1"), {
            LookupCommand: (n) => ({ ...n, lookup: "staff", outputMode: "OUTPUTNEW" }),
            Compare: (c) => ({ ...c, field: "b" }),
        });
        expect(print(out)).toBe("x | lookup staff u OUTPUTNEW d | inputlookup t.csv WHERE b=1");
    });

    it("combine family: join type and fields, the joined pipeline", () => {
        const out = transform(tree("x | join user [search y] | append [search z]"), {
            JoinCommand: (n) => ({ ...n, joinType: "left", max: 0 }),
            FieldRef: (f) => (f.name === "user" ? ref("uid", f) : undefined),
            Term: (t) => (t.value.text === "z" ? { ...t, value: { ...t.value, text: "w", raw: "w" } } : undefined),
        });
        expect(print(out)).toBe("x | join type=left max=0 uid [search y] | append [search w]");
    });

    it("order family: dedup count, sort keys and limit, head count", () => {
        const out = transform(tree("x | dedup a | sort -b | head 5"), {
            DedupCommand: (n) => ({ ...n, count: 2 }),
            SortCommand: (n) => ({ ...n, limit: 3, keys: n.keys.map((k) => ({ ...k, descending: false })) }),
            HeadCommand: (n) => ({ ...n, count: 7 }),
        });
        expect(print(out)).toBe("x | dedup 2 a | sort 3 b | head 7");
    });

    it("shape family: bin span and AS, fillnull value, spath path", () => {
        const out = transform(tree("x | bin _time span=1h | fillnull a | spath output=o path=p"), {
            BinCommand: (n) => ({ ...n, binSpan: "5m", as: "t" }),
            FillnullCommand: (n) => ({ ...n, value: "none" }),
            SpathCommand: (n) => ({ ...n, path: "q.r" }),
        });
        expect(print(out)).toBe("x | bin _time span=5m AS t | fillnull value=none a | spath output=o q.r");
    });

    it("misc family: top limit and BY, map search, return count", () => {
        const out = transform(tree('x | top a by b | map search="search c" | return u'), {
            TopCommand: (n) => ({ ...n, limit: 3 }),
            FieldRef: (f) => (f.name === "b" ? ref("host", f) : undefined),
            MapCommand: (n) => ({ ...n, search: "search d" }),
            ReturnCommand: (n) => ({ ...n, count: 2 }),
        });
        expect(print(out)).toBe('x | top 3 a BY host | map search="search d" | return 2 u');
    });

    it("core family: stats BY field references and aggregations", () => {
        const out = transform(tree("x | stats count BY host"), {
            FieldRef: (f) => ref("dest", f),
            StatsCommand: (n) => ({ ...n, aggregations: n.aggregations.map((a) => ({ ...a, as: "n" })) }),
        });
        expect(print(out)).toBe("x | stats count AS n BY dest");
    });

    it("every edit reads back as the edited tree", () => {
        const out = transform(tree("x | rename a AS b"), { RenameCommand: (n) => ({ ...n, renames: [{ ...n.renames[0]!, to: "c" }] }) });
        const back = parse(print(out)).pipeline.commands[1];
        expect(back?.kind === "RenameCommand" ? back.renames[0]?.to : null).toBe("c");
    });
});
