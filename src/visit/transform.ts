/**
 * `transform(node, fn)`: copy-on-write rewriting driven by the child-key table. Children are
 * transformed first (post-order), then `fn` sees the node with its new children and may keep
 * it, replace it or delete it. Unchanged subtrees are shared with the input; the input is never
 * mutated.
 */
import type { Pipeline } from "../ir/nodes.js";
import { childPaths, isNode, type Node, type NodeKind, type NodeOfKind, type PathStep } from "./keys.js";
import { childrenOf, makeInfo, type Chain, type ChildEntry, type VisitInfo } from "./visit.js";

/** What a transform callback returns: a replacement node, `undefined` to keep, `null` to delete. */
export type TransformResult = Node | null | undefined | void;

/** A transform callback. `info.ancestors` and `info.parent` are the nodes of the input tree. */
export type TransformFn = (node: Node, info: VisitInfo) => TransformResult;

/** A callback for every node, or per-kind callbacks (kinds without one are kept). */
export type Transformer = TransformFn | { [K in NodeKind]?: (node: NodeOfKind<K>, info: VisitInfo) => TransformResult };

const DELETE: unique symbol = Symbol("splc.transform.delete");
type Out = Node | typeof DELETE;

/**
 * Returns a new tree with `fn` applied to every node, children before parents. A replacement
 * node is used as returned (its children are not transformed again).
 *
 * Deleting (`null`): from an array (pipeline stages, AND/OR operands, IN values' subsearches,
 * arguments, options, eval assignments, aggregation arguments) the element is removed; a
 * nullable slot (`filter`, `where`, `subsearch`, `template`) becomes null; deleting a required
 * child (a Binary side, a NOT operand, an eval assignment's expression, a subsearch's
 * pipeline) deletes its owner in turn (an eval assignment without its expression disappears
 * from the eval). A SearchAnd/SearchOr left with one operand becomes that operand, with none it
 * is deleted. Typed commands store their meaning once, in their typed fields: an edit of a
 * field reference, an option or a nested pipeline is what `print` writes (nothing is derived
 * again). To change a typed field that holds no node (`RenameCommand.renames`, `RexCommand.
 * pattern`), return a new command from its callback.
 *
 * Replacements are not type-checked against their slot: putting an Expr where a SearchExpr
 * belongs makes a tree that prints but does not mean anything.
 */
export function transform(root: Pipeline, fn: Transformer): Pipeline;
export function transform(root: Node, fn: Transformer): Node | null;
export function transform(root: Node, fn: Transformer): Node | null {
    if (!isNode(root)) throw new TypeError("transform(root, fn): root must be an IR node");
    const call = normalise(fn);

    // Iterative post-order: a frame collects the results of its children (in the order of
    // `childrenOf`, which is the order `rebuild` consumes them), then finishes its node.
    interface Frame {
        node: Node;
        info: VisitInfo;
        chain: Chain;
        children: ChildEntry[];
        results: Out[];
    }
    const open = (node: Node, info: VisitInfo, up: Chain | null): Frame => ({ node, info, chain: { node, up }, children: childrenOf(node), results: [] });
    const stack: Frame[] = [open(root, makeInfo(null, [], null), null)];
    let out: Out = DELETE;
    while (stack.length > 0) {
        const top = stack[stack.length - 1] as Frame;
        if (top.results.length < top.children.length) {
            const child = top.children[top.results.length] as ChildEntry;
            stack.push(open(child.node, makeInfo(top.node, child.path, top.chain), top.chain));
            continue;
        }
        stack.pop();
        const r = finish(top.node, top.results, top.info, call);
        const parent = stack[stack.length - 1];
        if (parent) parent.results.push(r);
        else out = r;
    }
    if (root.kind === "Pipeline") {
        if (out === DELETE || out.kind !== "Pipeline") throw new TypeError("transform: the root Pipeline must stay a Pipeline");
    }
    return out === DELETE ? null : out;
}

/** Rebuilds a node from its transformed children, then applies the callback. */
function finish(node: Node, results: Out[], info: VisitInfo, call: TransformFn): Out {
    let k = 0;
    const next = (): Out => results[k++] as Out;
    let cur: Node = node;
    for (const steps of childPaths(node.kind)) {
        const r = rebuild(cur, steps, 0, next);
        if (r === DELETE) return DELETE;
        cur = r as Node;
    }
    if (cur !== node) {
        if (cur.kind === "SearchAnd" || cur.kind === "SearchOr") {
            if (cur.operands.length === 0) return DELETE;
            // The collapsed operand was already transformed: hand it up as is.
            if (cur.operands.length === 1) return cur.operands[0] as Node;
        }
    }
    const r = call(cur, info);
    if (r === null) return DELETE;
    if (r === undefined) return cur;
    if (!isNode(r)) throw new TypeError(`transform: the callback returned a non-node for a ${cur.kind}`);
    return r;
}

/**
 * Rebuilds `value` along one child path, taking each child's result from `next()`; returns
 * `value` unchanged, a shallow copy, or DELETE.
 */
function rebuild(value: unknown, steps: PathStep[], i: number, next: () => Out): unknown {
    if (i === steps.length) return isNode(value) ? next() : value;
    if (typeof value !== "object" || value === null) return value;
    const obj = value as Record<string, unknown>;
    const step = steps[i] as PathStep;
    const cur = obj[step.key];
    if (cur === undefined || cur === null) return value;
    if (step.array) {
        if (!Array.isArray(cur)) return value;
        let changed = false;
        const out: unknown[] = [];
        for (const el of cur as unknown[]) {
            const r = rebuild(el, steps, i + 1, next);
            if (r === DELETE) changed = true;
            else {
                if (r !== el) changed = true;
                out.push(r);
            }
        }
        return changed ? { ...obj, [step.key]: out } : value;
    }
    const r = rebuild(cur, steps, i + 1, next);
    if (r === cur) return value;
    if (r === DELETE) return i + 1 === steps.length && step.nullable ? { ...obj, [step.key]: null } : DELETE;
    return { ...obj, [step.key]: r };
}

function normalise(fn: Transformer): TransformFn {
    if (typeof fn === "function") return fn;
    const table = fn as Record<string, TransformFn | undefined>;
    return (node, info) => {
        const f = table[node.kind];
        return f ? f(node, info) : undefined;
    };
}
