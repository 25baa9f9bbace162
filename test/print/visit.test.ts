import { describe, expect, expectTypeOf, it } from "vitest";
import { optionsOf, parse, type Compare, type Pipeline, type SearchExpr } from "../../src/index.js";
import { print } from "../../src/print/index.js";
import { BREAK, CHILD_KEYS, isCommand, isExpr, isNode, isSearchExpr, SKIP, transform, visit, type Node, type NodeKind } from "../../src/visit/index.js";
import { walkNodes } from "../../src/visit/visit.js";
import { corpusSearches, describeShared } from "../support/shared.js";
import { deepFreeze, roundTripTree } from "./helpers.js";

const tree = (text: string): Pipeline => parse(text).pipeline;

/** Every object with a node `kind` reachable by a blind deep walk (the reference for completeness). */
function deepNodes(root: unknown): Set<object> {
    const out = new Set<object>();
    const stack: unknown[] = [root];
    const seen = new Set<object>();
    while (stack.length > 0) {
        const x = stack.pop();
        if (typeof x !== "object" || x === null || seen.has(x)) continue;
        seen.add(x);
        if (isNode(x)) out.add(x);
        for (const v of Object.values(x)) stack.push(v);
    }
    return out;
}

describe("visit", () => {
    const text = "index=a (b OR c=1) [search d | eval e=f+1] | stats count(eval(g>1)) AS n BY h | table i | `m(1)`";

    it("enters and leaves in depth-first order, generic and per kind", () => {
        const events: string[] = [];
        visit(tree("a b | where x>1"), {
            enter: (n) => void events.push(`>${n.kind}`),
            leave: (n) => void events.push(`<${n.kind}`),
            Binary: { leave: () => void events.push("Binary.leave") },
        });
        expect(events).toEqual([
            ">Pipeline",
            ">SearchCommand",
            ">SearchAnd",
            ">Term",
            "<Term",
            ">Term",
            "<Term",
            "<SearchAnd",
            "<SearchCommand",
            ">WhereCommand",
            ">Binary",
            ">Field",
            "<Field",
            ">Number",
            "<Number",
            "Binary.leave",
            "<Binary",
            "<WhereCommand",
            "<Pipeline",
        ]);
    });

    it("narrows the node type per kind and reports parent and path", () => {
        const fields: string[] = [];
        visit(tree(text), {
            Compare(node, info) {
                expectTypeOf(node).toEqualTypeOf<Compare>();
                fields.push(node.field);
                if (node.field !== "c") return;
                expect(info.parent?.kind).toBe("SearchOr");
                expect(info.path).toEqual(["operands", 1]);
                expect(info.ancestors[0]?.kind).toBe("Pipeline");
            },
        });
        expect(fields).toEqual(["index", "c"]);
    });

    it("walks into eval assignments, aggregations, subsearches and command arguments", () => {
        const kinds: string[] = [];
        visit(tree(text), { enter: (n) => void kinds.push(n.kind) });
        for (const k of ["Subsearch", "EvalCommand", "Binary", "Call", "TableCommand", "FieldRef", "MacroCall"]) expect(kinds).toContain(k);
        const paths: (string | number)[][] = [];
        visit(tree(text), { Binary: (_n, info) => void paths.push([...info.path]) });
        expect(paths).toContainEqual(["assignments", 0, "expr"]);
        expect(paths).toContainEqual(["aggregations", 0, "args", 0, "args", 0].slice(-2));
    });

    it("skips children with SKIP or false, stops with BREAK", () => {
        const seen: string[] = [];
        visit(tree("a (b OR c) d"), { SearchOr: () => SKIP, Term: (n) => void seen.push(n.value.text) });
        expect(seen).toEqual(["a", "d"]);
        const seen2: string[] = [];
        visit(tree("a (b OR c) d"), { SearchOr: () => false, Term: (n) => void seen2.push(n.value.text) });
        expect(seen2).toEqual(["a", "d"]);
        const seen3: string[] = [];
        const done = visit(tree("a b c d"), { Term: (n) => (seen3.push(n.value.text), n.value.text === "b" ? BREAK : undefined) });
        expect(seen3).toEqual(["a", "b"]);
        expect(done).toBe(false);
        expect(visit(tree("a"), {})).toBe(true);
    });

    it("has a child-key entry for every kind, and the type guards agree with it", () => {
        const kinds = Object.keys(CHILD_KEYS) as NodeKind[];
        expect(kinds.length).toBe(63);
        const p = tree(text);
        expect(isCommand(p.commands[0])).toBe(true);
        expect(isCommand(p.commands[3])).toBe(true);
        expect(isSearchExpr((p.commands[0] as { filter: SearchExpr }).filter)).toBe(true);
        expect(isExpr({ kind: "Binary" })).toBe(true);
        expect(isExpr({ kind: "SearchAnd" })).toBe(false);
        // IR v2: command arguments have kinds of their own, never taken for expressions.
        expect(isExpr({ kind: "CallArg" })).toBe(false);
        expect(isExpr({ kind: "StringArg" })).toBe(false);
        expect(isNode({ kind: "Nope" })).toBe(false);
        expect(isNode(null)).toBe(false);
    });
});

describe("walkNodes", () => {
    const text = "index=a (b OR c=1) [search d | eval e=f+1] | stats count(eval(g>1)) AS n BY h | table i | `m(1)` | where x>1 AND y<2";
    // The order visit() enters nodes in, and what it sees when some kinds are skipped or stop the walk.
    const entered = (walk: (root: Node, enter: (n: Node) => unknown) => boolean, root: Node, act: (n: Node) => unknown): { order: Node[]; done: boolean } => {
        const order: Node[] = [];
        const done = walk(root, (n) => (order.push(n), act(n)));
        return { order, done };
    };
    const viaVisit = (root: Node, enter: (n: Node) => unknown): boolean => visit(root, { enter: (n) => enter(n) as undefined });
    const viaWalk = (root: Node, enter: (n: Node) => unknown): boolean => walkNodes(root, { enter: (n) => enter(n) as undefined });

    it("enters the nodes visit() enters, in the same order, with SKIP, false and BREAK as there", () => {
        const root = tree(text);
        const acts: ((n: Node) => unknown)[] = [
            () => undefined,
            (n) => (n.kind === "Subsearch" || n.kind === "Call" ? SKIP : undefined),
            (n) => (n.kind === "SearchOr" ? false : undefined),
            (n) => (n.kind === "FieldRef" ? BREAK : undefined),
        ];
        for (const act of acts) {
            const a = entered(viaVisit, root, act);
            const b = entered(viaWalk, root, act);
            expect(b.order.map((n) => n.kind)).toEqual(a.order.map((n) => n.kind));
            expect(b.order.every((n, i) => n === a.order[i])).toBe(true);
            expect(b.done).toBe(a.done);
        }
        expect(entered(viaWalk, root, () => undefined).order.length).toBeGreaterThan(20);
    });

    it("calls the generic enter before the kind's callback, and either one can skip", () => {
        const events: string[] = [];
        walkNodes(tree("a (b OR c) d"), {
            enter: (n) => void events.push(n.kind),
            SearchOr: () => (events.push("or"), SKIP),
            Term: (n) => void events.push(n.value.text),
        });
        expect(events).toEqual(["Pipeline", "SearchCommand", "SearchAnd", "Term", "a", "SearchOr", "or", "Term", "d"]);
        expect(() => walkNodes({} as Node, {})).toThrow(TypeError);
    });
});

describeShared("visit reaches every node of the corpus IR", () => {
    it("visits exactly the nodes a blind deep walk finds, each once, and walkNodes the same in the same order", () => {
        let searches = 0;
        for (const c of corpusSearches()) {
            const p = parse(c.search).pipeline;
            const expected = deepNodes(p);
            const visited: Node[] = [];
            visit(p, { enter: (n) => void visited.push(n) });
            const walked: Node[] = [];
            walkNodes(p, { enter: (n) => void walked.push(n) });
            if (walked.length !== visited.length || walked.some((n, i) => n !== visited[i])) throw new Error(`${c.name}: walkNodes and visit differ`);
            const set = new Set<object>(visited);
            expect(set.size, c.name).toBe(visited.length);
            for (const n of expected) if (!set.has(n)) throw new Error(`${c.name}: not visited: ${(n as Node).kind}`);
            searches++;
        }
        expect(searches).toBe(1824);
    });
});

describe("transform", () => {
    it("renames a field everywhere; the printed text parses back to the changed tree", () => {
        const input = deepFreeze(tree('user=bob | eval x=if(user="a", 1, 0) | stats count BY user | where user!="x" | rename user AS u | table user, y'));
        const out = transform(input, {
            Compare: (n) => (n.field === "user" ? { ...n, field: "account" } : undefined),
            Field: (n) => (n.name === "user" ? { ...n, name: "account" } : undefined),
            FieldRef: (n) => (n.name === "user" ? { ...n, name: "account" } : undefined),
            RenameCommand: (n) => ({ ...n, renames: n.renames.map((r) => (r.from === "user" ? { ...r, from: "account" } : r)) }),
        });
        const text = print(out);
        expect(text).toBe('account=bob | eval x=if(account = "a", 1, 0) | stats count BY account | where account != "x" | rename account AS u | table account, y');
        expect(roundTripTree(out).diff).toBeNull();
        // The typed fields are the IR's only copy: the edit is the tree.
        const rename = out.commands[4];
        expect(rename?.kind === "RenameCommand" ? rename.renames[0]?.from : null).toBe("account");
        // The input is untouched.
        expect(print(input)).toContain("user=bob");
    });

    it("rewrites inside subsearches, and a typed command's view follows its new arguments", () => {
        const input = tree("a | join user [search user=bob | fields user]");
        const out = transform(input, { Compare: (n) => ({ ...n, field: "account" }) });
        const join = out.commands[1];
        expect(join?.kind).toBe("JoinCommand");
        if (join?.kind !== "JoinCommand") return;
        const sub = join.subsearch?.commands[0];
        expect(sub?.kind === "SearchCommand" && sub.filter?.kind === "Compare" ? sub.filter.field : null).toBe("account");
        expect(print(out)).toBe("a | join user [search account=bob | fields user]");
        expect(roundTripTree(out).diff).toBeNull();
    });

    it("wraps a search in NOT (...)", () => {
        const input = tree("index=a (b OR c=1) | stats count");
        const out = transform(input, {
            SearchCommand: (n) => (n.filter ? { ...n, filter: { kind: "SearchNot", operand: n.filter, span: n.filter.span } } : undefined),
        });
        expect(print(out)).toBe("NOT (index=a b OR c=1) | stats count");
        expect(roundTripTree(out).diff).toBeNull();
    });

    it("shares unchanged subtrees and never mutates the input", () => {
        const input = deepFreeze(tree("a b | eval x=1 | stats count BY h"));
        const out = transform(input, { Number: (n) => ({ ...n, value: 2, raw: "2" }) });
        expect(out).not.toBe(input);
        expect(out.commands[0]).toBe(input.commands[0]);
        expect(out.commands[2]).toBe(input.commands[2]);
        expect(out.commands[1]).not.toBe(input.commands[1]);
        expect(print(out)).toBe("a b | eval x=2 | stats count BY h");
        expect(transform(input, () => undefined)).toBe(input);
    });

    it("deletes from arrays, nulls nullable slots, collapses AND/OR, deletes owners of required children", () => {
        const input = tree("a b c | where x>0 | eval y=1, z=2 | head 5");
        const noB = transform(input, { Term: (n) => (n.value.text === "b" ? null : undefined) });
        expect(print(noB)).toBe("a c | where x > 0 | eval y=1, z=2 | head 5");
        const onlyA = transform(input, { Term: (n) => (n.value.text === "a" ? undefined : null) });
        expect(print(onlyA)).toBe("a | where x > 0 | eval y=1, z=2 | head 5");
        expect((onlyA.commands[0] as { filter: SearchExpr }).filter.kind).toBe("Term");
        const noTerms = transform(input, { Term: () => null });
        expect((noTerms.commands[0] as { filter: SearchExpr | null }).filter).toBeNull();
        // The where's condition is required: deleting one side of it deletes the where stage.
        const noWhere = transform(input, { Field: () => null });
        expect(print(noWhere)).toBe("a b c | eval y=1, z=2 | head 5");
        // An assignment without its expression disappears from the eval.
        const noY = transform(input, { Number: (n) => (n.raw === "1" ? null : undefined) });
        expect(print(noY)).toBe("a b c | where x > 0 | eval z=2 | head 5");
        const noHead = transform(input, { HeadCommand: () => null });
        expect(print(noHead)).toBe("a b c | where x > 0 | eval y=1, z=2");
    });

    it("edits options of generic commands in place: they are among its arguments", () => {
        const out = transform(tree("x | mycmd a=1 b"), { OptionArg: (o) => ({ ...o, value: "2", raw: "2" }) });
        const c = out.commands[1];
        expect(c?.kind === "GenericCommand" ? optionsOf(c).map((o) => o.value) : null).toEqual(["2"]);
        expect(print(out)).toBe("x | mycmd a=2 b");
    });

    it("prints typed fields changed by a transform", () => {
        const out = transform(tree("x | rename a AS b | table a, b"), {
            RenameCommand: (n) => ({ ...n, renames: n.renames.map((r) => ({ ...r, to: "c d" })) }),
            TableCommand: (n) => ({ ...n, fields: [...n.fields, { kind: "FieldRef", name: "z", quoted: false, span: n.span }] }),
        });
        expect(print(out)).toBe('x | rename a AS "c d" | table a, b, z');
    });

    it("rejects a root Pipeline replaced by something else (API misuse)", () => {
        expect(() => transform(tree("a"), { Pipeline: () => null })).toThrow(TypeError);
        expect(transform(tree("a").commands[0] as Node, () => null)).toBeNull();
    });
});
