/**
 * Walking and rewriting the IR: `visit` (enter/leave per kind, SKIP/BREAK), `transform`
 * (copy-on-write), the node type guards and the child-key table that drives them.
 */
export { visit, childrenOf, SKIP, BREAK, type Visitor, type VisitFn, type VisitInfo, type VisitAction, type EnterLeave, type ChildEntry } from "./visit.js";
export { transform, type Transformer, type TransformFn, type TransformResult } from "./transform.js";
export { CHILD_KEYS, isNode, isCommand, isSearchExpr, isExpr, type Node, type NodeKind, type NodeOfKind, type ChildPath } from "./keys.js";
