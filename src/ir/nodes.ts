/**
 * The splc IR (irVersion 2): plain JSON objects, discriminated on `kind`, every node with a
 * `span` into the original text. No classes, parent pointers or cycles, so a tree survives
 * `JSON.stringify` and `structuredClone` unchanged. `docs/ir.md` describes every kind.
 */
import type { Origin, Span } from "./span.js";

/** The IR version this library produces. Bumped only for breaking changes of the shape. */
export const IR_VERSION = 2 as const;

/** Fields every node carries. */
export interface NodeBase {
    /** Source range in the original text (UTF-16 offsets, end exclusive). */
    span: Span;
    /** Present when the node was produced by expanding a macro. */
    origin?: Origin;
}

// ---------------------------------------------------------------------------------------------
// Pipeline

/** A `|`-separated sequence of commands: the whole search, and every subsearch. */
export interface Pipeline extends NodeBase {
    kind: "Pipeline";
    commands: Command[];
}

// ---------------------------------------------------------------------------------------------
// Search expressions (the search command, the leading search, tstats/inputlookup `where`)

/** A value on the right of a search comparison, in an `IN` list, or a bare term. */
export interface SearchValue {
    /** The value with quotes removed and SPL escapes (`\"`, `\\`, `\|`) resolved. */
    text: string;
    /** Exactly as written, quotes included. */
    raw: string;
    /** Written in double quotes. */
    quoted: boolean;
    /** Contains an unescaped `*` (a wildcard in search, quoted or not). */
    wildcard: boolean;
    /**
     * What the text looks like, for analysis: `number` (`404`, `-1.5`, `0x18`), `cidr`
     * (`10.0.0.0/8`), `wildcard` (has `*`), `token` (a `$name$` placeholder), `macro`
     * (a macro call standing as the value), `plain` otherwise.
     */
    type: "number" | "cidr" | "wildcard" | "token" | "macro" | "subsearch" | "plain";
    /** `field=TERM(x)` / `field=CASE(x)`: the directive wrapping the value; `text` is its inner text. */
    directive?: "TERM" | "CASE" | "PREFIX";
    /** `field>[ ... ]`: the subsearch standing as the value (type `subsearch`). */
    subsearch?: Subsearch;
    span: Span;
}

/**
 * Implicit or explicit AND of two or more operands, flattened, in source order. An empty
 * group `()` is a SearchAnd with no operands: it matches every event.
 */
export interface SearchAnd extends NodeBase {
    kind: "SearchAnd";
    operands: SearchExpr[];
}

/** OR of two or more operands, flattened, in source order. */
export interface SearchOr extends NodeBase {
    kind: "SearchOr";
    operands: SearchExpr[];
    /**
     * Present when the author wrote parentheses around this OR (`(a OR b) c`). It changes no
     * meaning (`a OR b c` is `(a OR b) c` already); `format` keeps such parentheses inside an AND,
     * where they clarify SPL's most misread rule. `print` ignores it, and so does `sameTree`.
     */
    parenthesized?: true;
}

/** `NOT x`. Never folded into `!=`: the two differ on events that lack the field. */
export interface SearchNot extends NodeBase {
    kind: "SearchNot";
    operand: SearchExpr;
}

/** Comparison operators of the search language. */
export type CompareOp = "=" | "!=" | "<" | "<=" | ">" | ">=";

/** `field op value`. The value is always a literal (`a=b` compares with the string "b"). */
export interface Compare extends NodeBase {
    kind: "Compare";
    field: string;
    op: CompareOp;
    value: SearchValue;
    /** The field is a search modifier (index, sourcetype, source, host, eventtype, tag, ...). */
    modifier: boolean;
}

/** `field IN (v1, v2, ...)`, equivalent to an OR of `field=v` comparisons. */
export interface In extends NodeBase {
    kind: "In";
    field: string;
    values: SearchValue[];
    modifier: boolean;
}

/** A bare word or a "quoted phrase", matched against the raw event text. */
export interface Term extends NodeBase {
    kind: "Term";
    value: SearchValue;
}

/**
 * `TERM(x)` (one indexed token), `CASE(x)` (case-sensitive match) or tstats' `PREFIX(x)`;
 * `text` is the inner text.
 */
export interface Directive extends NodeBase {
    kind: "Directive";
    name: "TERM" | "CASE" | "PREFIX";
    text: string;
}

/** `earliest=`, `latest=`, `_index_earliest=`, `_index_latest=`, `starttime=`, `*ago=`...: not field predicates. */
export interface TimeModifier extends NodeBase {
    kind: "TimeModifier";
    name: string;
    value: string;
}

/**
 * A macro reference `` `name(args)` `` that was not expanded. As a search operand, as a whole
 * stage, or as an option or value inside a command.
 */
export interface MacroCall extends NodeBase {
    kind: "MacroCall";
    /** The name before the parentheses. */
    name: string;
    /** The call's arguments as written (trimmed, quotes kept). Its arity is `args.length`. */
    args: string[];
    /**
     * Written after a command's last argument without a pipe (``stats count by host `m` ``,
     * ``where x>0`m` ``): a macro whose body starts with `|` continues the pipeline there.
     */
    glued?: boolean;
}

/** `[ ... ]`: a nested search whose results become search text at run time. */
export interface Subsearch extends NodeBase {
    kind: "Subsearch";
    pipeline: Pipeline;
}

/** Any node of a search expression. */
export type SearchExpr = SearchAnd | SearchOr | SearchNot | Compare | In | Term | Directive | TimeModifier | MacroCall | Subsearch;

// ---------------------------------------------------------------------------------------------
// eval / where expressions

/** A binary operator: `+ - * / % . = == != < <= > >=` as written, `AND OR XOR LIKE` upper-cased. */
export interface Binary extends NodeBase {
    kind: "Binary";
    op: string;
    left: Expr;
    right: Expr;
}

/** `NOT x` (also written `!x`), `-x`, `+x`. */
export interface Unary extends NodeBase {
    kind: "Unary";
    op: "NOT" | "-" | "+";
    operand: Expr;
}

/** A function call; `name` is lower-cased (`CASE(` in eval is `case`). `x IN (a, b)` is `in(x, a, b)` with `infix`. */
export interface Call extends NodeBase {
    kind: "Call";
    name: string;
    args: Expr[];
    /** Written as the infix operator `x IN (...)` rather than `in(x, ...)`. */
    infix?: boolean;
}

/** A field reference: a bare word, or a 'single-quoted' name (`quoted`). */
export interface Field extends NodeBase {
    kind: "Field";
    name: string;
    quoted: boolean;
}

/** A "double-quoted" string literal, escapes resolved. */
export interface StringLit extends NodeBase {
    kind: "String";
    value: string;
    raw: string;
}

/** A numeric literal. */
export interface NumberLit extends NodeBase {
    kind: "Number";
    /** The value; null when the literal is out of range of a 64-bit float (`1e999`, diagnostic SPL1105), as JSON has no Infinity. */
    value: number | null;
    raw: string;
}

/** `true()` / `false()`. */
export interface BooleanLit extends NodeBase {
    kind: "Boolean";
    value: boolean;
}

/**
 * A `$name$` placeholder (dashboard token, `map` field); `name` keeps a token filter
 * (`$tok|s$` has name `tok|s`). As a pipeline stage (`| $tkn_appendquery$`) it stands for a
 * command the dashboard fills in.
 */
export interface Placeholder extends NodeBase {
    kind: "Placeholder";
    name: string;
}

/** Any node of an eval/where expression (a subsearch may stand as a value: `searchmatch([...])`). */
export type Expr = Binary | Unary | Call | Field | StringLit | NumberLit | BooleanLit | Placeholder | MacroCall | Subsearch;

// ---------------------------------------------------------------------------------------------
// Field references of commands

/**
 * A field named in a command's field list (`table a, "b c", d*`, `stats ... BY host`,
 * `dedup x`), as written: wildcards kept, quotes removed. Distinct from the eval language's
 * {@link Field}, which is written in 'single quotes' when quoted.
 */
export interface FieldRef extends NodeBase {
    kind: "FieldRef";
    /** The name, quotes removed. */
    name: string;
    /** Written in double quotes (`"Product Name"`). */
    quoted: boolean;
}

// ---------------------------------------------------------------------------------------------
// Command arguments in their generic, structured form (kinds of their own, never an `Expr`)

/** `name=value`. `value` is the text with quotes removed; `raw` as written. */
export interface OptionArg extends NodeBase {
    kind: "OptionArg";
    name: string;
    value: string;
    raw: string;
    quoted: boolean;
}

/** A bare word (field name, number, `-`, ...). */
export interface WordArg extends NodeBase {
    kind: "WordArg";
    text: string;
}

/** A "double-quoted" string. */
export interface StringArg extends NodeBase {
    kind: "StringArg";
    value: string;
    raw: string;
    /**
     * An unmatched `)` follows the closing quote without a space (`"(?<x>.+")`, SPL1014):
     * Splunk may read it as part of the argument (unverified). It is not in `value`.
     */
    gluedParen?: boolean;
}

/** A clause keyword: AS, BY, OVER, OUTPUT, OUTPUTNEW, WITH, WHERE, GROUPBY, FROM, IN, AND, OR, NOT. */
export interface KeywordArg extends NodeBase {
    kind: "KeywordArg";
    /** Upper-cased. */
    keyword: string;
    /** As written (`as`, `By`): a keyword can also be a field name (`transaction from`). */
    raw: string;
}

/** `name(args)` written without a space, e.g. `ctime(firstTime)`. */
export interface CallArg extends NodeBase {
    kind: "CallArg";
    name: string;
    args: CommandArg[];
}

/** `( ... )` with a space before it, or standing alone. */
export interface GroupArg extends NodeBase {
    kind: "GroupArg";
    args: CommandArg[];
}

/** A comparison operator between arguments (`<`, `>=`, ...), or a lone `,`. */
export interface PunctArg extends NodeBase {
    kind: "PunctArg";
    text: string;
}

/** A `WHERE` clause in search syntax (inputlookup, join, ...). */
export interface WhereArg extends NodeBase {
    kind: "WhereArg";
    filter: SearchExpr | null;
}

/** One argument of a command, in source order. */
export type CommandArg = OptionArg | WordArg | StringArg | KeywordArg | CallArg | GroupArg | PunctArg | WhereArg | MacroCall | Subsearch;

// ---------------------------------------------------------------------------------------------
// Commands

/** Fields every command carries. */
export interface CommandBase extends NodeBase {
    /** The command name as written, lower-cased (`bucket` stays `bucket`). */
    name: string;
    /** The resolved name when `name` is an alias (`bucket` -> `bin`); otherwise equal to `name`. */
    canonical: string;
}

/** `search ...` or the implicit leading search. */
export interface SearchCommand extends CommandBase {
    kind: "SearchCommand";
    /** True for the leading search written without the `search` keyword. */
    implicit: boolean;
    filter: SearchExpr | null;
}

/** `where <expr>`. */
export interface WhereCommand extends CommandBase {
    kind: "WhereCommand";
    condition: Expr;
    /** Macros glued after the condition (`glued: true`); absent when there are none. */
    macros?: MacroCall[];
}

/** One `field = expr` of an eval. */
export interface EvalAssignment {
    field: string;
    expr: Expr;
    span: Span;
}

/** `eval a=..., b=...` (and `fieldformat`). */
export interface EvalCommand extends CommandBase {
    kind: "EvalCommand";
    assignments: EvalAssignment[];
    /** Macros glued after the last assignment (`glued: true`); absent when there are none. */
    macros?: MacroCall[];
}

/** One aggregation: `fn(args) AS name`. */
export interface Aggregation {
    /** Function name, lower-cased (`dc`, `values`, `count`, `perc95`, `eval` never: see args). */
    fn: string;
    /** The arguments: `Field` for a field (`*` for all), an eval expression for `eval(...)`. */
    args: Expr[];
    /** The `AS` name, or null when none was given (the output field is then the call text). */
    as: string | null;
    span: Span;
}

/** stats, eventstats, streamstats, chart, timechart, tstats, mstats, sistats, ... */
export interface StatsCommand extends CommandBase {
    kind: "StatsCommand";
    aggregations: Aggregation[];
    /**
     * The split-by list (`BY`), in order: fields, and unexpanded macros standing for fields
     * (`` BY host `m` ``). tstats' `BY PREFIX(x)` is a field named `PREFIX(x)`.
     */
    by: (FieldRef | MacroCall)[];
    /** chart's `OVER` field. */
    over: string | null;
    /** `name=value` options (also the ones after BY, such as `span=1h`). */
    options: OptionArg[];
    /** tstats/mstats: `datamodel=` of the FROM clause (`Endpoint.Processes`). */
    datamodel: string | null;
    /** tstats: `nodename=`. */
    nodename: string | null;
    /** tstats/mstats: the WHERE clause, in search syntax. */
    where: SearchExpr | null;
    /**
     * Macros standing in option position (`security_content_summariesonly`) or glued after the
     * last BY field (`glued`), unexpanded. Macros of the BY list are in `by`.
     */
    macros: MacroCall[];
}

/** `top` / `rare`. */
export interface TopCommand extends CommandBase, TypedArgs {
    kind: "TopCommand";
    fields: FieldRef[];
    by: FieldRef[];
    /** Options other than `limit`. */
    options: OptionArg[];
    /** The leading `N` or `limit=N` (null when neither is given: Splunk's default 10; 0 = unlimited). */
    limit: number | null;
}

/**
 * A command splc has no typed form for: its arguments, structured, in source order. Its
 * `name=value` options are the `OptionArg`s among them (`optionsOf` lists them).
 */
export interface GenericCommand extends CommandBase {
    kind: "GenericCommand";
    /** Every argument in source order. */
    args: CommandArg[];
}

/**
 * A dashboard token standing as a whole stage (`| $tkn_appendquery$`): the dashboard fills in
 * a command before the search runs (reference §1.9). `name` and `canonical` are the token as
 * written, dollars included; no command of the catalog has such a name.
 */
export interface PlaceholderStage extends CommandBase {
    kind: "Placeholder";
}

/** A stage whose text could not be parsed; the text is kept. */
export interface ErrorCommand extends CommandBase {
    kind: "ErrorCommand";
    text: string;
}

/** Typed command kinds beyond the core ones; see `commands.ts`. */
import type { TypedArgs, TypedCommand } from "./commands.js";

/** Any pipeline stage. */
export type Command = SearchCommand | WhereCommand | EvalCommand | StatsCommand | TopCommand | TypedCommand | MacroCall | PlaceholderStage | GenericCommand | ErrorCommand;

// ---------------------------------------------------------------------------------------------
// Diagnostics

/** How bad a diagnostic is. */
export type Severity = "error" | "warning" | "info";

/** A problem found in the text, with a stable code (see the README's code list). */
export interface Diagnostic {
    code: string;
    severity: Severity;
    message: string;
    span: Span;
    /** Other places that explain this one (e.g. the macro definition an error came from). */
    related?: { span: Span; message: string }[];
    /** Set when the span was mapped out of a macro expansion. */
    origin?: Origin;
}

/** What `parse()` returns. */
export interface ParseResult {
    irVersion: typeof IR_VERSION;
    pipeline: Pipeline;
    diagnostics: Diagnostic[];
    /** The text that was parsed (before macro expansion): every span indexes it. */
    text: string;
}
