import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse, type Compare, type SearchAnd } from "../../src/index.js";
import { REPO_DIR } from "../support/shared.js";

describe("spans", () => {
    it("are UTF-16 offsets even after an emoji (antlr4ng counts code points)", () => {
        const text = readFileSync(join(REPO_DIR, "test/fixtures/search/emoji-before-predicate.spl"), "utf8").trimEnd();
        expect(text.indexOf("user=admin")).toBe(11); // the emoji is two UTF-16 units
        const r = parse(text);
        const f = (r.pipeline.commands[0] as { filter: SearchAnd }).filter;
        const cmp = f.operands[1] as Compare;
        expect(text.slice(cmp.span.start, cmp.span.end)).toBe("user=admin");
        expect(text.slice(cmp.value.span.start, cmp.value.span.end)).toBe("admin");
        const stats = r.pipeline.commands[1];
        expect(text.slice(stats?.span.start, stats?.span.end)).toBe("stats count by user");
    });

    it("every stage and predicate slices back to its own text", () => {
        const text = 'index=main (a OR b) NOT c | eval x=if(y>1, "a", "b") | where x="a"';
        const r = parse(text);
        const [search, evalC, where] = r.pipeline.commands;
        expect(text.slice(search?.span.start, search?.span.end)).toBe("index=main (a OR b) NOT c");
        const f = (search as { filter: SearchAnd }).filter;
        expect(f.operands.map((o) => text.slice(o.span.start, o.span.end))).toEqual(["index=main", "a OR b", "NOT c"]);
        expect(text.slice(evalC?.span.start, evalC?.span.end)).toBe('eval x=if(y>1, "a", "b")');
        expect(text.slice(where?.span.start, where?.span.end)).toBe('where x="a"');
    });
});
