/**
 * The one table of child keys per node kind: `visit`, `transform` and the type guards are all
 * driven by it, so a new child field is one edit here (like graphql-js' `QueryDocumentKeys`).
 */
import type { Command, CommandArg, Expr, FieldRef, Pipeline, SearchExpr } from "../ir/nodes.js";

/** Every IR node: an object with a `kind`. */
export type Node = Pipeline | Command | SearchExpr | Expr | CommandArg | FieldRef;

/** The `kind` of any node. */
export type NodeKind = Node["kind"];

/** The node of one kind (`MacroCall` and `Subsearch` stand in several languages: one type each). */
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
 * A typed command's children are its typed fields that hold nodes (field references, options,
 * filters, nested pipelines) and its `rest`; each node is reachable once.
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
    OptionArg: [],
    WordArg: [],
    StringArg: [],
    KeywordArg: [],
    CallArg: ["args[]"],
    GroupArg: ["args[]"],
    PunctArg: [],
    WhereArg: ["filter?"],
    // field references
    FieldRef: [],
    // core commands
    SearchCommand: ["filter?"],
    WhereCommand: ["condition", "macros[]"],
    EvalCommand: ["assignments[].expr", "macros[]"],
    StatsCommand: ["macros[]", "options[]", "aggregations[].args[]", "where?", "by[]"],
    TopCommand: ["options[]", "fields[]", "by[]", "rest[]"],
    GenericCommand: ["args[]"],
    ErrorCommand: [],
    // typed commands (src/ir/commands.ts)
    TableCommand: ["fields[]", "rest[]"],
    FieldsCommand: ["fields[]", "rest[]"],
    RenameCommand: ["rest[]"],
    RexCommand: ["options[]", "rest[]"],
    RegexCommand: ["rest[]"],
    LookupCommand: ["options[]", "rest[]"],
    InputlookupCommand: ["options[]", "where?", "rest[]"],
    OutputlookupCommand: ["options[]", "rest[]"],
    JoinCommand: ["options[]", "fields[]", "where?", "subsearch?", "rest[]"],
    AppendCommand: ["options[]", "subsearch?", "rest[]"],
    MultisearchCommand: ["options[]", "subsearches[]", "rest[]"],
    DedupCommand: ["fields[]", "options[]", "rest[]"],
    SortCommand: ["options[]", "rest[]"],
    HeadCommand: ["options[]", "rest[]"],
    BinCommand: ["options[]", "rest[]"],
    FillnullCommand: ["fields[]", "rest[]"],
    MvexpandCommand: ["options[]", "rest[]"],
    MakemvCommand: ["options[]", "rest[]"],
    SpathCommand: ["options[]", "rest[]"],
    ConvertCommand: ["rest[]"],
    OptionsCommand: ["options[]", "positionals[]", "rest[]"],
    ForeachCommand: ["fields[]", "options[]", "template?", "rest[]"],
    MapCommand: ["options[]", "subsearch?", "rest[]"],
    ReturnCommand: ["rest[]"],
    TransactionCommand: ["fields[]", "options[]", "rest[]"],
    IplocationCommand: ["options[]", "rest[]"],
    ReplaceCommand: ["fields[]", "rest[]"],
    AddtotalsCommand: ["options[]", "fields[]", "rest[]"],
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

const COMMAND_KINDS = new Set<string>(Object.keys(CHILD_KEYS).filter((k) => k.endsWith("Command")));
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

/** True for a node of the eval language (`MacroCall` and `Subsearch` included). Command arguments have kinds of their own. */
export function isExpr(x: unknown): x is Expr {
    const k = kindOf(x);
    return k !== null && EXPR_KINDS.has(k);
}
