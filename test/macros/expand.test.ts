import { describe, expect, it } from "vitest";
import { expandMacros, normalizeMacros, type MacroDefinition } from "../../src/macros/index.js";

const expandText = (text: string, defs: MacroDefinition[], opts = {}) => expandMacros(text, defs, opts).text;
const codes = (r: { diagnostics: { code: string }[] }) => r.diagnostics.map((d) => d.code);

describe("expandMacros: plain expansion", () => {
    it("returns the text and an identity map when there is nothing to expand", () => {
        const r = expandMacros("index=main | stats count", []);
        expect(r.text).toBe("index=main | stats count");
        expect(r.diagnostics).toEqual([]);
        expect(r.macrosUsed).toEqual([]);
        expect(r.map.segments).toEqual([{ start: 0, end: 24, frame: -1, source: { start: 0, end: 24 }, exact: true }]);
    });

    it("splices a zero-argument macro", () => {
        const r = expandMacros("`src` x=1", [{ name: "src", definition: "index=a OR index=b" }]);
        expect(r.text).toBe("index=a OR index=b x=1");
        expect(r.macrosUsed).toEqual([{ name: "src", arity: 0, span: { start: 0, end: 5 } }]);
    });

    it("expands a macro in command position after a pipe", () => {
        expect(expandText("x | `cnt` | y", [{ name: "cnt", definition: "stats count" }])).toBe("x | stats count | y");
    });

    it("expands nested macros recursively", () => {
        const defs = [
            { name: "outer", definition: "a=`mid` z" },
            { name: "mid", definition: "(`inner` OR `inner`)" },
            { name: "inner", definition: "i" },
        ];
        const r = expandMacros("`outer`", defs);
        expect(r.text).toBe("a=(i OR i) z");
        expect(r.macrosUsed.map((u) => u.name)).toEqual(["outer", "mid", "inner", "inner"]);
        // Every nested use reports the outermost call span and where it sits in its parent's definition.
        expect(r.macrosUsed[1]).toEqual({ name: "mid", arity: 0, span: { start: 0, end: 7 }, origin: { macro: "outer", arity: 0, span: { start: 2, end: 7 } } });
        expect(r.macrosUsed[3]?.origin).toEqual({ macro: "mid", arity: 0, span: { start: 12, end: 19 } });
    });

    it("resolves overloaded names by argument count", () => {
        const defs = [
            { name: "m", definition: "zero" },
            { name: "m(1)", args: ["a"], definition: "one:$a$" },
            { name: "m", args: ["a", "b"], definition: "two:$a$,$b$" },
        ];
        expect(expandText("`m` `m(x)` `m(x, y)` `m()`", defs)).toBe("zero one:x two:x,y zero");
    });
});

describe("expandMacros: arguments", () => {
    const pair: MacroDefinition = { name: "pair(2)", args: ["first", "second"], definition: "$first$/$second$" };

    it("substitutes positional arguments, trimming spaces around them", () => {
        expect(expandText("`pair( a ,b )`", [pair])).toBe("a/b");
    });

    it("binds name=value arguments by name when all names match", () => {
        expect(expandText("`pair(second=2, first=1)`", [pair])).toBe("1/2");
    });

    it("treats name=value as positional text when the names are not the definition's", () => {
        expect(expandText("`pair(user=admin, first=1)`", [pair])).toBe("user=admin/first=1");
    });

    it("binds by name only when every argument is named", () => {
        expect(expandText("`pair(second=2, 1)`", [pair])).toBe("second=2/1");
    });

    it("keeps commas inside quoted arguments and keeps the quotes with quotedArguments: 'keep'", () => {
        expect(expandText('`pair(a, "b, c")`', [pair], { quotedArguments: "keep" })).toBe('a/"b, c"');
    });

    it("strips the quotes of quoted arguments by default", () => {
        expect(expandText('`pair(a, "b, c")`', [pair])).toBe("a/b, c");
    });

    it("strips quotes with quotedArguments: 'strip'", () => {
        expect(expandText('`pair("a", "b, \\"c\\"")`', [pair], { quotedArguments: "strip" })).toBe('a/b, "c"');
        expect(expandText('`pair(second="2", first="1")`', [pair], { quotedArguments: "strip" })).toBe("1/2");
        expect(expandText('`pair(x"a"y, "")`', [pair], { quotedArguments: "strip" })).toBe('x"a"y/');
    });

    it("splits on commas inside parentheses (UNVERIFIED choice)", () => {
        const r = expandMacros("`pair(if(a,b))`", [pair]);
        expect(r.text).toBe("if(a/b)");
    });

    it("substitutes $arg$ inside quoted strings of the definition and leaves other $tokens$", () => {
        const defs = [{ name: "q(1)", args: ["v"], definition: 'eval s="[$v$]" | search dest=$dest$ $v$' }];
        expect(expandText("`q(abc)`", defs)).toBe('eval s="[abc]" | search dest=$dest$ abc');
    });

    it("builds identifiers from arguments and does not rescan substituted text for $args$", () => {
        const defs = [{ name: "b(2)", args: ["x", "y"], definition: "eval $x$_decode=$y$" }];
        expect(expandText("`b(f, $x$)`", defs)).toBe("eval f_decode=$x$");
    });

    it("expands a macro call built from an argument in the body", () => {
        const defs = [
            { name: "call(1)", args: ["which"], definition: "<`pick_$which$`>" },
            { name: "pick_one", definition: "1" },
        ];
        expect(expandText("`call(one)`", defs)).toBe("<1>");
    });
});

describe("expandMacros: what is not a call", () => {
    const defs = [{ name: "m", definition: "EXPANDED" }];

    it("does not expand inside double-quoted strings of the search", () => {
        expect(expandText('x="audit`m`local" `m`', defs)).toBe('x="audit`m`local" EXPANDED');
    });

    it("treats a backtick inside a string as literal, so pairing is not thrown off", () => {
        expect(expandText('eval p=split(process,"`") | `m`', defs)).toBe('eval p=split(process,"`") | EXPANDED');
    });

    it('does not end a string at \\"', () => {
        expect(expandText('x="a\\"`m`" `m`', defs)).toBe('x="a\\"`m`" EXPANDED');
    });

    it('does not open a string at \\" outside quotes', () => {
        expect(expandText('x=*\\"`m`\\"*', defs)).toBe('x=*\\"EXPANDED\\"*');
    });

    it("does not expand inside ``` comments", () => {
        expect(expandText("```a `m` b``` `m`", defs)).toBe("```a `m` b``` EXPANDED");
    });

    it("skips quoted strings inside definitions too", () => {
        const d = [{ name: "outer", definition: 'replace(p, "`", "") `m`' }, ...defs];
        expect(expandText("`outer`", d)).toBe('replace(p, "`", "") EXPANDED');
    });

    it("leaves an unpaired backtick to the parser", () => {
        const r = expandMacros("`m` and `unclosed", defs);
        expect(r.text).toBe("EXPANDED and `unclosed");
        expect(r.diagnostics).toEqual([]);
    });
});

describe("expandMacros: diagnostics", () => {
    it("SPL4001: unknown macro is a warning at the call; the call is kept", () => {
        const text = "a | `nope(1)` | b";
        const r = expandMacros(text, []);
        expect(r.text).toBe(text);
        expect(r.diagnostics).toHaveLength(1);
        const d = r.diagnostics[0]!;
        expect([d.code, d.severity, text.slice(d.span.start, d.span.end)]).toEqual(["SPL4001", "warning", "`nope(1)`"]);
        expect(d.message).toContain("nope(1)");
    });

    it("SPL4001 inside a definition: span of the outermost call, origin in the definition", () => {
        const r = expandMacros("x `outer`", [{ name: "outer", definition: "a `nope` b" }]);
        expect(r.text).toBe("x a `nope` b");
        expect(r.diagnostics).toEqual([expect.objectContaining({ code: "SPL4001", span: { start: 2, end: 9 }, origin: { macro: "outer", arity: 0, span: { start: 2, end: 8 } } })]);
    });

    it("SPL4002: wrong arity names the arities that exist and keeps the call", () => {
        const defs = [
            { name: "m(1)", args: ["a"], definition: "x" },
            { name: "m(3)", args: ["a", "b", "c"], definition: "y" },
        ];
        const r = expandMacros("`m(1,2)`", defs);
        expect(r.text).toBe("`m(1,2)`");
        expect(codes(r)).toEqual(["SPL4002"]);
        expect(r.diagnostics[0]!.severity).toBe("error");
        expect(r.diagnostics[0]!.message).toMatch(/2 argument\(s\).*1, 3/);
        expect(r.diagnostics[0]!.span).toEqual({ start: 0, end: 8 });
    });

    it("SPL4003: a two-macro cycle is an error naming the chain, returned fast", () => {
        const t0 = performance.now();
        const r = expandMacros("`a`", [
            { name: "a", definition: "1 `b`" },
            { name: "b", definition: "2 `a`" },
        ]);
        expect(performance.now() - t0).toBeLessThan(1000);
        expect(codes(r)).toEqual(["SPL4003"]);
        expect(r.diagnostics[0]!.severity).toBe("error");
        expect(r.diagnostics[0]!.message).toContain("a -> b -> a");
        expect(r.diagnostics[0]!.span).toEqual({ start: 0, end: 3 });
        expect(r.diagnostics[0]!.origin).toEqual({ macro: "b", arity: 0, span: { start: 2, end: 5 } });
        expect(r.text).toBe("1 2 `a`");
    });

    it("SPL4003: a macro calling itself", () => {
        const r = expandMacros("`self`", [{ name: "self", definition: "`self` `self`" }]);
        expect(codes(r)).toEqual(["SPL4003", "SPL4003"]);
        expect(r.diagnostics[0]!.message).toContain("self -> self");
    });

    it("SPL4004: nesting deeper than maxDepth", () => {
        const defs = [1, 2, 3, 4, 5].map((i) => ({ name: `d${i}`, definition: i < 5 ? `${i} \`d${i + 1}\`` : "end" }));
        expect(expandText("`d1`", defs)).toBe("1 2 3 4 end");
        const r = expandMacros("`d1`", defs, { maxDepth: 3 });
        expect(r.text).toBe("1 2 3 `d4`");
        expect(codes(r)).toEqual(["SPL4004"]);
        expect(r.diagnostics[0]!.span).toEqual({ start: 0, end: 4 });
        expect(r.diagnostics[0]!.origin).toEqual({ macro: "d3", arity: 0, span: { start: 2, end: 6 } });
    });

    it("SPL4005: a macro that doubles itself 20 times fails fast without building its output", () => {
        const defs = Array.from({ length: 21 }, (_, i) => ({ name: `m${i}`, definition: i < 20 ? `\`m${i + 1}\` \`m${i + 1}\`` : "xxxxxxxxxx" }));
        const t0 = performance.now();
        const r = expandMacros("search `m0` | stats count", defs);
        const ms = performance.now() - t0;
        expect(ms).toBeLessThan(1000);
        expect(codes(r)).toEqual(["SPL4005"]);
        expect(r.diagnostics[0]!.severity).toBe("error");
        expect(r.diagnostics[0]!.span).toEqual({ start: 7, end: 11 });
        // Abandoned expansion returns the input untouched with an identity map.
        expect(r.text).toBe("search `m0` | stats count");
        expect(r.macrosUsed).toEqual([]);
    });

    it("SPL4005: maxOutput is honoured; a smaller expansion still fits", () => {
        const defs = [{ name: "big", definition: "y".repeat(100) }];
        expect(codes(expandMacros("`big`", defs, { maxOutput: 50 }))).toEqual(["SPL4005"]);
        expect(expandMacros("`big`", defs, { maxOutput: 200 }).text).toBe("y".repeat(100));
    });

    it("SPL4005: many empty expansions count against the limit too", () => {
        const defs = Array.from({ length: 41 }, (_, i) => ({ name: `e${i}`, definition: i < 40 ? `\`e${i + 1}\`\`e${i + 1}\`` : "" }));
        const t0 = performance.now();
        const r = expandMacros("`e0`", defs);
        expect(performance.now() - t0).toBeLessThan(1000);
        expect(codes(r)).toEqual(["SPL4005"]);
    });

    it("SPL4006: an iseval macro is kept with a warning unless its body is a string literal", () => {
        const defs: MacroDefinition[] = [
            { name: "ev", iseval: true, definition: '"index=" . "main"' },
            { name: "lit(1)", args: ["st"], iseval: true, definition: ' "sourcetype=$st$ \\"q\\"" ' },
        ];
        const r = expandMacros("`ev` `lit(syslog)`", defs);
        expect(r.text).toBe('`ev` sourcetype=syslog "q"');
        expect(codes(r)).toEqual(["SPL4006"]);
        expect(r.diagnostics[0]!.severity).toBe("warning");
        expect(r.diagnostics[0]!.span).toEqual({ start: 0, end: 4 });
    });

    it("SPL4007: malformed and duplicate definitions in the list are reported", () => {
        const r = expandMacros("`ok`", [
            { name: "ok", definition: "1" },
            { name: "ok", definition: "2" },
            { name: "two(2)", args: ["a"], definition: "x" },
            { name: "bad name", definition: "x" },
            { name: "dup(2)", args: ["a", "a"], definition: "x" },
        ]);
        expect(r.text).toBe("2");
        expect(codes(r)).toEqual(["SPL4007", "SPL4007", "SPL4007", "SPL4007"]);
        expect(r.diagnostics.map((d) => d.severity)).toEqual(["warning", "error", "error", "error"]);
    });

    it("SPL4008: text between backticks that is not a call", () => {
        const r = expandMacros("a `not a call` b `` c", []);
        expect(r.text).toBe("a `not a call` b `` c");
        expect(r.diagnostics.map((d) => [d.code, d.span])).toEqual([
            ["SPL4008", { start: 2, end: 14 }],
            ["SPL4008", { start: 17, end: 19 }],
        ]);
    });

    it("never throws on junk", () => {
        for (const t of ["`", "``", "```", "`(`", "`a(`", '`a("`', "\\", '"', "`a((,,))`", "$`$`$"]) {
            expect(() => expandMacros(t, [{ name: "a", definition: "`a`" }])).not.toThrow();
        }
    });
});

describe("expandMacros: undefined: 'empty'", () => {
    const run = (text: string) => expandMacros(text, [], { undefined: "empty" });

    it("removes a whole last stage with its pipe", () => {
        const r = run("x | stats count | `det_filter`");
        expect(r.text).toBe("x | stats count ");
        expect(codes(r)).toEqual(["SPL4001"]);
    });

    it("removes a middle stage with its pipe", () => {
        expect(run("x | `f` | y").text).toBe("x  | y");
    });

    it("removes a stage that closes a subsearch", () => {
        expect(run("x [search y | `f`] | z").text).toBe("x [search y ] | z");
    });

    it("removes a first stage with the pipe after it", () => {
        expect(run("`f` | stats count").text).toBe(" stats count");
        expect(run("x [`f` | stats count]").text).toBe("x [ stats count]");
    });

    it("removes only the call elsewhere", () => {
        expect(run("index=a `f` b=1").text).toBe("index=a  b=1");
    });

    it("works inside definitions", () => {
        const r = expandMacros("a | `m`", [{ name: "m", definition: "stats count | `f`" }], { undefined: "empty" });
        expect(r.text).toBe("a | stats count ");
    });

    it("keeps calls with the wrong arity", () => {
        const r = expandMacros("x | `m(1)`", [{ name: "m", definition: "y" }], { undefined: "empty" });
        expect(r.text).toBe("x | `m(1)`");
        expect(codes(r)).toEqual(["SPL4002"]);
    });
});

describe("expandMacros: builtins and tables", () => {
    it("builtins: true defines drop_dm_object_name(1)", () => {
        const text = '| tstats count from datamodel=Endpoint.Processes by Processes.dest | `drop_dm_object_name(Processes)` | `drop_dm_object_name("Processes")`';
        expect(codes(expandMacros(text, []))).toEqual(["SPL4001", "SPL4001"]);
        const r = expandMacros(text, [], { builtins: true });
        expect(r.diagnostics).toEqual([]);
        expect(r.text).toBe("| tstats count from datamodel=Endpoint.Processes by Processes.dest | rename Processes.* AS * | rename Processes.* AS *");
    });

    it("a user definition overrides a builtin", () => {
        const r = expandMacros("`drop_dm_object_name(X)`", [{ name: "drop_dm_object_name(1)", args: ["o"], definition: "mine $o$" }], { builtins: true });
        expect(r.text).toBe("mine X");
        expect(r.diagnostics).toEqual([]);
    });

    it("accepts a prebuilt table, whose own diagnostics are not repeated", () => {
        const table = normalizeMacros([
            { name: "m", definition: "1" },
            { name: "m", definition: "2" },
        ]);
        expect(table.diagnostics).toHaveLength(1);
        const r = expandMacros("`m`", table, { builtins: true });
        expect(r.text).toBe("2");
        expect(r.diagnostics).toEqual([]);
        expect(expandMacros("`drop_dm_object_name(A)`", table, { builtins: true }).text).toBe("rename A.* AS *");
        expect(expandMacros("`drop_dm_object_name(A)`", table).text).toBe("`drop_dm_object_name(A)`");
    });
});
