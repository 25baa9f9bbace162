// fmt keeps the parentheses an author wrote around an OR inside an AND (`a OR b c` already means
// `(a OR b) c`, so they carry no meaning, only clarity); parenthesizeOr adds the missing ones;
// print stays minimal.
import { describe, expect, it } from "vitest";
import { format, parse, print, sameTree } from "../../src/index.js";

describe("parentheses around an OR inside an AND", () => {
    it("marks the OR the author parenthesised, and only that one", () => {
        const [cmd] = parse("index=a (b OR c) d OR e").pipeline.commands;
        const filter = cmd?.kind === "SearchCommand" ? cmd.filter : null;
        expect(filter?.kind).toBe("SearchAnd");
        const ors = filter?.kind === "SearchAnd" ? filter.operands.filter((o) => o.kind === "SearchOr") : [];
        expect(ors.map((o) => (o.kind === "SearchOr" ? (o.parenthesized ?? false) : null))).toEqual([true, false]);
    });

    it("format keeps them, adds them with parenthesizeOr, print drops them", () => {
        const text = "index=a (b OR c) d OR e";
        expect(format(text)).toBe("index=a (b OR c) d OR e");
        expect(format(text, { parenthesizeOr: true })).toBe("index=a (b OR c) (d OR e)");
        expect(print(parse(text).pipeline)).toBe("index=a b OR c d OR e");
        expect(sameTree(parse(text).pipeline, parse(format(text, { parenthesizeOr: true })).pipeline)).toBe(true);
        expect(format("x=1 | where (a=1 OR b=2) AND c=3")).toBe("x=1\n| where (a = 1 OR b = 2) AND c = 3");
        // A lone OR, or one under NOT, needs no marker to print right.
        expect(format("(a OR b)")).toBe("a OR b");
        expect(format("NOT (a OR b) c")).toBe("NOT (a OR b) c");
    });
});
