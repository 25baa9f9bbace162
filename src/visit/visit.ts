/**
 * `visit(node, visitor)`: a depth-first walk with enter/leave callbacks per kind, driven by the
 * child-key table of keys.ts. Iterative, so a deep tree (a long `a+b+c+...` chain is a
 * left-deep Binary tree) cannot exhaust the call stack.
 */
import { reverseFrom } from "../ir/span.js";
import { childPaths, isNode, type Node, type NodeKind, type NodeOfKind, type PathStep } from "./keys.js";

/** Return from `enter` to skip the node's children (`leave` is still called). `false` does the same. */
export const SKIP: unique symbol = Symbol("splc.visit.skip");
/** Return from `enter` or `leave` to stop the whole walk at once. */
export const BREAK: unique symbol = Symbol("splc.visit.break");

/** What a visitor callback may return: nothing, `false`/`SKIP` (skip children), or `BREAK`. */
export type VisitAction = void | undefined | boolean | typeof SKIP | typeof BREAK;

/** Where a node stands. `ancestors` and `path` are fresh arrays, safe to keep. */
export interface VisitInfo {
    /** The nearest enclosing node, or null at the root. */
    parent: Node | null;
    /**
     * Property names and array indices from `parent` to this node, e.g.
     * `["assignments", 2, "expr"]` for the expression of an eval's third assignment.
     */
    path: readonly (string | number)[];
    /** Enclosing nodes, outermost first (the root first; excludes the node itself). */
    ancestors: readonly Node[];
}

/** A callback of a visitor. */
export type VisitFn<N> = (node: N, info: VisitInfo) => VisitAction;

/** Enter and leave callbacks for one kind. */
export interface EnterLeave<N> {
    enter?: VisitFn<N>;
    leave?: VisitFn<N>;
}

/**
 * A visitor: generic `enter`/`leave` called for every node (before the kind's own callbacks on
 * enter, after them on leave), and per kind either a function (called on enter) or
 * `{ enter, leave }`. Kind callbacks receive the node narrowed to its kind.
 */
export type Visitor = {
    enter?: VisitFn<Node>;
    leave?: VisitFn<Node>;
} & {
    [K in NodeKind]?: VisitFn<NodeOfKind<K>> | EnterLeave<NodeOfKind<K>>;
};

/** One child of a node with the path that leads to it. */
export interface ChildEntry {
    node: Node;
    path: (string | number)[];
}

/** The direct child nodes of a node, in the order of the child-key table. */
export function childrenOf(node: Node): ChildEntry[] {
    const out: ChildEntry[] = [];
    for (const steps of childPaths(node.kind)) collect(node, steps, 0, [], out);
    return out;
}

/**
 * Pushes the nodes at the end of `steps` below `value` onto `out`: each with the path that leads
 * to it, or bare when `path` is null ({@link walkNodes} has no use for paths).
 */
function collect(value: unknown, steps: PathStep[], i: number, path: (string | number)[] | null, out: (ChildEntry | Node)[]): void {
    if (i === steps.length) {
        if (isNode(value)) out.push(path === null ? value : { node: value, path });
        return;
    }
    if (typeof value !== "object" || value === null) return;
    const step = steps[i] as PathStep;
    const next = (value as Record<string, unknown>)[step.key];
    // Plain loops and literal paths: this runs for every node of every walk.
    if (step.array) {
        if (!Array.isArray(next)) return;
        for (let idx = 0; idx < next.length; idx++) collect(next[idx], steps, i + 1, path === null ? null : path.length === 0 ? [step.key, idx] : [...path, step.key, idx], out);
    } else {
        collect(next, steps, i + 1, path === null ? null : path.length === 0 ? [step.key] : [...path, step.key], out);
    }
}

function enterOf(visitor: Visitor, kind: string): VisitFn<Node> | undefined {
    const v = (visitor as Record<string, VisitFn<Node> | EnterLeave<Node> | undefined>)[kind];
    return typeof v === "function" ? v : v?.enter;
}

function leaveOf(visitor: Visitor, kind: string): VisitFn<Node> | undefined {
    const v = (visitor as Record<string, VisitFn<Node> | EnterLeave<Node> | undefined>)[kind];
    return typeof v === "function" ? undefined : v?.leave;
}

/** An immutable chain of enclosing nodes (innermost first), shared by siblings. */
export interface Chain {
    node: Node;
    up: Chain | null;
}

/**
 * A VisitInfo whose `ancestors` array is made only when read: copying the ancestors for every
 * node would make a walk quadratic in the depth (a long `a+b+c+...` chain is deep). A class, so
 * that the getter lives once on the prototype rather than as a closure per node.
 */
class LazyInfo implements VisitInfo {
    private cached: Node[] | undefined;
    constructor(
        readonly parent: Node | null,
        readonly path: (string | number)[],
        private readonly chain: Chain | null,
    ) {}
    get ancestors(): readonly Node[] {
        if (!this.cached) {
            const out: Node[] = [];
            for (let c = this.chain; c; c = c.up) out.push(c.node);
            this.cached = out.reverse();
        }
        return this.cached;
    }
}

/** The VisitInfo of a node under `parent` (its chain: the parent and the parent's ancestors). */
export function makeInfo(parent: Node | null, path: (string | number)[], chain: Chain | null): VisitInfo {
    return new LazyInfo(parent, path, chain);
}

interface Frame {
    node: Node;
    info: VisitInfo;
    /** This node and its ancestors. */
    chain: Chain;
    children: ChildEntry[] | null;
    next: number;
}

/**
 * Walks `root` depth-first, calling the visitor on enter and leave of every node. Returns
 * false when a callback returned `BREAK`, true when the walk completed. The tree is not
 * modified (use `transform` for that).
 */
export function visit(root: Node, visitor: Visitor): boolean {
    if (!isNode(root)) throw new TypeError("visit(root, visitor): root must be an IR node");
    const stack: Frame[] = [];

    const enter = (node: Node, info: VisitInfo): "skip" | "break" | "go" => {
        let skip = false;
        if (visitor.enter) {
            const r = visitor.enter(node, info);
            if (r === BREAK) return "break";
            if (r === SKIP || r === false) skip = true;
        }
        const own = enterOf(visitor, node.kind);
        if (own) {
            const r = own(node, info);
            if (r === BREAK) return "break";
            if (r === SKIP || r === false) skip = true;
        }
        return skip ? "skip" : "go";
    };
    const leave = (node: Node, info: VisitInfo): boolean => {
        const own = leaveOf(visitor, node.kind);
        if (own && own(node, info) === BREAK) return false;
        return !(visitor.leave && visitor.leave(node, info) === BREAK);
    };

    const push = (node: Node, info: VisitInfo, up: Chain | null): boolean => {
        const r = enter(node, info);
        if (r === "break") return false;
        stack.push({ node, info, chain: { node, up }, children: r === "skip" ? [] : null, next: 0 });
        return true;
    };

    if (!push(root, makeInfo(null, [], null), null)) return false;
    while (stack.length > 0) {
        const top = stack[stack.length - 1] as Frame;
        if (top.children === null) top.children = childrenOf(top.node);
        if (top.next < top.children.length) {
            const child = top.children[top.next++] as ChildEntry;
            if (!push(child.node, makeInfo(top.node, child.path, top.chain), top.chain)) return false;
            continue;
        }
        stack.pop();
        if (!leave(top.node, top.info)) return false;
    }
    return true;
}

/** A visitor for {@link walkNodes}: enter callbacks without {@link VisitInfo}, generic and per kind. */
export type NodeVisitor = {
    enter?: (node: Node) => VisitAction;
} & {
    [K in NodeKind]?: (node: NodeOfKind<K>) => VisitAction;
};

/**
 * {@link visit} for callers that need neither {@link VisitInfo} nor leave callbacks: the same
 * nodes in the same order, the generic `enter` before the kind's callback, SKIP and BREAK as
 * there. The analyses walk every rule's IR several times and never read the info; making it (a
 * path, a chain link, an info object and a frame per node) was most of the cost of those walks.
 */
export function walkNodes(root: Node, visitor: NodeVisitor): boolean {
    if (!isNode(root)) throw new TypeError("walkNodes(root, visitor): root must be an IR node");
    const byKind = visitor as Record<string, ((node: Node) => VisitAction) | undefined>;
    // Pre-order from a stack: each node's children go on in reverse, so the first comes off first.
    const stack: Node[] = [root];
    while (stack.length > 0) {
        const node = stack.pop() as Node;
        let skip = false;
        if (visitor.enter) {
            const r = visitor.enter(node);
            if (r === BREAK) return false;
            if (r === SKIP || r === false) skip = true;
        }
        const own = byKind[node.kind];
        if (own) {
            const r = own(node);
            if (r === BREAK) return false;
            if (r === SKIP || r === false) skip = true;
        }
        if (skip) continue;
        const from = stack.length;
        for (const steps of childPaths(node.kind)) collect(node, steps, 0, null, stack);
        reverseFrom(stack, from);
    }
    return true;
}
