/**
 * The one table of child keys per node kind: `visit`, `transform` and the type guards are all
 * driven by it, so a new child field is one edit here (like graphql-js' `QueryDocumentKeys`).
 */
import type { Command, CommandArg, Expr, Pipeline, SearchExpr } from "../ir/nodes.js";

/** Every IR node: an object with a `kind`. */
export type Node = Pipeline | Command | SearchExpr | Expr | CommandArg;

/** The `kind` of any node. */
export type NodeKind = Node["kind"];

/**
 * The node(s) of one kind. Two kinds are shared by an expression node and a command argument
 * (`Call`: eval call and `name(args)` argument; `String`: eval string and quoted argument),
 * so `NodeOfKind<"Call">` is the union of both.
 */
export type NodeOfKind<K extends NodeKind> = Extract<Node, { kind: K }>;

/**
 * A path from a node to its child nodes, written as dot-separated property names:
 * `name[]` walks every element of an array, a trailing `?` marks a nullable slot (deleting its
 * node sets it to null instead of deleting the owner). Objects without a `kind` on the way
 * (`EvalAssignment`, `Aggregation`, `SearchValue`) are walked through, not visited.
 */
export type ChildPath = string;

/**
 * Child paths of every kind, in source order. A missing kind is a compile error, so a new node
 * kind cannot be forgotten.
 *
 * Commands that keep their arguments (`args`: GenericCommand, TopCommand and every typed
 * command of commands.ts) list only `args`: their `options`, `where`, `subsearch`,
 * `subsearches` and `template` are the same objects as (or objects inside) those arguments,
 * a typed view derived from them. They are visited once, through `args`, and `transform`
 * re-derives the typed view when the arguments change.
 */
export const CHILD_KEYS: { readonly [K in NodeKind]: readonly ChildPath[] } = {
    Pipeline: ["commands[]"],
    // search language
    SearchAnd: ["operands[]"],
    SearchOr: ["operands[]"],
    SearchNot: ["operand"],
    Compare: ["value.subsearch"],
    In: ["values[].subsearch"],
    Term: ["value.subsearch"],
    Directive: [],
    TimeModifier: [],
    MacroCall: [],
    Subsearch: ["pipeline"],
    // eval language
    Binary: ["left", "right"],
    Unary: ["operand"],
    Call: ["args[]"],
    Field: [],
    String: [],
    Number: [],
    Boolean: [],
    Placeholder: [],
    // command arguments
    Option: [],
    Word: [],
    Keyword: [],
    Group: ["args[]"],
    Punct: [],
    Where: ["filter?"],
    // core commands
    SearchCommand: ["filter?"],
    WhereCommand: ["condition", "macros[]"],
    EvalCommand: ["assignments[].expr", "macros[]"],
    StatsCommand: ["macros[]", "options[]", "aggregations[].args[]", "where?"],
    TopCommand: ["args[]"],
    GenericCommand: ["args[]"],
    ErrorCommand: [],
    // typed commands (src/ir/commands.ts): a typed view of their `args`
    TableCommand: ["args[]"],
    FieldsCommand: ["args[]"],
    RenameCommand: ["args[]"],
    RexCommand: ["args[]"],
    RegexCommand: ["args[]"],
    LookupCommand: ["args[]"],
    InputlookupCommand: ["args[]"],
    OutputlookupCommand: ["args[]"],
    JoinCommand: ["args[]"],
    AppendCommand: ["args[]"],
    MultisearchCommand: ["args[]"],
    DedupCommand: ["args[]"],
    SortCommand: ["args[]"],
    HeadCommand: ["args[]"],
    BinCommand: ["args[]"],
    FillnullCommand: ["args[]"],
    MvexpandCommand: ["args[]"],
    MakemvCommand: ["args[]"],
    SpathCommand: ["args[]"],
    ConvertCommand: ["args[]"],
    OptionsCommand: ["args[]"],
    ForeachCommand: ["args[]"],
    MapCommand: ["args[]"],
    ReturnCommand: ["args[]"],
    TransactionCommand: ["args[]"],
    IplocationCommand: ["args[]"],
    ReplaceCommand: ["args[]"],
};

/** One parsed step of a child path. */
export interface PathStep {
    /** Property name. */
    key: string;
    /** The property holds an array whose elements are walked. */
    array: boolean;
    /** Deleting the node in this slot sets it to null (last step only). */
    nullable: boolean;
}

const parsed = new Map<NodeKind, PathStep[][]>();

/** The parsed child paths of a kind (empty for unknown kinds: they are leaves). */
export function childPaths(kind: string): PathStep[][] {
    const hit = parsed.get(kind as NodeKind);
    if (hit) return hit;
    const paths = (CHILD_KEYS as Record<string, readonly ChildPath[] | undefined>)[kind] ?? [];
    const out = paths.map((p) =>
        p.split(".").map((seg) => {
            const nullable = seg.endsWith("?");
            const s = nullable ? seg.slice(0, -1) : seg;
            const array = s.endsWith("[]");
            return { key: array ? s.slice(0, -2) : s, array, nullable };
        }),
    );
    parsed.set(kind as NodeKind, out);
    return out;
}

const COMMAND_KINDS = new Set<string>(
    Object.keys(CHILD_KEYS).filter((k) => k.endsWith("Command")),
);
const SEARCH_KINDS = new Set<string>(["SearchAnd", "SearchOr", "SearchNot", "Compare", "In", "Term", "Directive", "TimeModifier", "MacroCall", "Subsearch"]);
const EXPR_KINDS = new Set<string>(["Binary", "Unary", "Call", "Field", "String", "Number", "Boolean", "Placeholder", "MacroCall", "Subsearch"]);

function kindOf(x: unknown): string | null {
    if (typeof x !== "object" || x === null) return null;
    const k = (x as { kind?: unknown }).kind;
    return typeof k === "string" ? k : null;
}

/** True for any IR node (an object whose `kind` is a node kind of this library). */
export function isNode(x: unknown): x is Node {
    const k = kindOf(x);
    return k !== null && Object.prototype.hasOwnProperty.call(CHILD_KEYS, k);
}

/**
 * True for a pipeline stage: a `...Command` kind, a `MacroCall` (a macro standing as a stage),
 * or a `Placeholder` with a `canonical` name (a dashboard token standing as a stage).
 */
export function isCommand(x: unknown): x is Command {
    const k = kindOf(x);
    return k !== null && (COMMAND_KINDS.has(k) || k === "MacroCall" || (k === "Placeholder" && "canonical" in (x as object)));
}

/** True for a node of the search language (`MacroCall` and `Subsearch` included). */
export function isSearchExpr(x: unknown): x is SearchExpr {
    const k = kindOf(x);
    return k !== null && SEARCH_KINDS.has(k);
}

/**
 * True for a node of the eval language. `Call` and `String` are also command-argument kinds:
 * an eval `Call` has `Expr` args, a `CallArg` has command args, and the two can only be told
 * apart by where they stand; this guard answers by kind.
 */
export function isExpr(x: unknown): x is Expr {
    const k = kindOf(x);
    return k !== null && EXPR_KINDS.has(k);
}
