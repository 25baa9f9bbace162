/**
 * Field lineage: which fields each pipeline stage reads and writes, what Splunk command type the
 * stage has, and which fields are known to exist after a stage. Analyses use this to tell
 * event-level predicates (before the first transforming command) from filters on aggregated
 * results, and to notice fields used after a stage renamed or dropped them.
 *
 * Everything here is a pure function of the IR; nothing is mutated. Wildcard names stay
 * patterns (`process_*`); `*` matches any sequence of characters, as in SPL field lists.
 */
import type { Aggregation, Command, Expr, FieldRef, MacroCall, Pipeline, SearchExpr, StatsCommand } from "../ir/nodes.js";
import type { RexCommand } from "../ir/commands.js";
import { scanRegex } from "../lower/commands/rex.js";
import { optionsOf } from "../ir/options.js";
import { commandInfo, type CommandType } from "../commands/catalog.js";
import { globCaptures, globMatches } from "./glob.js";

/** What one stage does with fields. */
export interface StageLineage {
    /** Position of the stage in its pipeline. */
    index: number;
    /** The stage's IR kind (`StatsCommand`, `MacroCall`, ...). */
    kind: Command["kind"];
    /** The canonical command name; for a macro stage, the macro's name in backticks. */
    command: string;
    /** Fields the stage reads, in order of first use, without duplicates (wildcard patterns kept). */
    reads: string[];
    /**
     * Fields the stage creates or overwrites (wildcard patterns kept; `*` when it may write any
     * field, e.g. `spath` without a path or `fillnull` without a field list).
     */
    writes: string[];
    /**
     * Splunk's command type for this stage, chosen by its arguments where Splunk's type depends on
     * them (reference §5); null for a macro stage or a command the catalog does not know.
     */
    type: CommandType | null;
    /** The rows after this stage are no longer the events that came in (stats, chart, top, table, tstats, ...). */
    transforming: boolean;
}

/**
 * What is known about the fields of the results after a stage.
 *
 * `fields` are known to be present (at least on some rows); `patterns` are wildcard patterns of
 * names that may be present; `removed` are names and patterns known to be absent. With `exact`,
 * nothing outside `fields` and `patterns` exists; without it (after a raw search, an unexpanded
 * macro, a lookup without OUTPUT, ...) other fields may exist too, except the `removed` ones.
 * Entries of `fields` and `patterns` take precedence over a `removed` pattern that also matches.
 */
export interface FieldSet {
    exact: boolean;
    fields: string[];
    patterns: string[];
    removed: string[];
}

/** What {@link fieldStatus} says about one name. */
export type FieldStatus = "present" | "possible" | "absent";

// ---------------------------------------------------------------------------------------------
// Command types

const AGGREGATING = new Set(["stats", "chart", "timechart", "tstats", "mstats", "sistats", "sichart", "sitimechart", "geostats", "top", "rare", "sitop", "sirare"]);

/**
 * Splunk's command type of `command` standing at `index` of its pipeline. Where Splunk's type
 * depends on arguments (reference §5) the arguments decide: `search` is generating first and
 * streaming later; `bin` is streaming with `span=` and dataset processing without; `fillnull`
 * streaming with a field list; `dedup` dataset processing with `sortby` or `keepevents`;
 * `lookup local=true` orchestrating; `join` centralized streaming with a field list;
 * `addtotals col=true` and `xyseries grouped=true` transforming; `datamodel`/`from` generating
 * first. `append` counts as dataset processing: it adds rows but does not transform the input
 * rows (Splunk lists it as both). `inputlookup append=true` later in a pipeline is dataset
 * processing (UNVERIFIED). Null for macro stages and commands the catalog does not know.
 */
export function commandType(command: Command, index: number): CommandType | null {
    if (command.kind === "MacroCall") return null;
    const name = command.canonical;
    const info = commandInfo(name);
    if (!info) return null;
    const opt = (n: string): string | null => optionOf(command, n);
    switch (command.kind) {
        case "SearchCommand":
            return index === 0 ? "generating" : "streaming";
        case "BinCommand":
            return command.binSpan !== null ? "streaming" : "dataset";
        case "FillnullCommand":
            return command.fields.length > 0 ? "streaming" : "dataset";
        case "DedupCommand":
            return command.sortBy.length > 0 || isTrue(opt("keepevents")) ? "dataset" : "streaming";
        case "LookupCommand":
            return isTrue(opt("local")) ? "orchestrating" : "streaming";
        case "JoinCommand":
            return command.fields.length > 0 ? "centralized-streaming" : "dataset";
        case "AppendCommand":
            return "dataset";
        case "InputlookupCommand":
            return index > 0 && isTrue(opt("append")) ? "dataset" : "generating";
        case "StatsCommand":
            if (name === "tstats" || name === "mstats") return index > 0 && isTrue(opt("append")) ? "transforming" : "generating";
            break;
        case "OptionsCommand":
            if (name === "datamodel" || name === "from") return index === 0 ? "generating" : "dataset";
            break;
        case "AddtotalsCommand":
            return command.col ? "transforming" : "streaming";
        case "GenericCommand":
            if (name === "xyseries") return isTrue(opt("grouped")) ? "transforming" : "streaming";
            break;
        default:
            break;
    }
    return info.types[0] ?? null;
}

/**
 * True when the rows after this command are no longer the events that came in: Splunk's
 * transforming commands (stats, chart, timechart, top, rare, table, ...) and the report-generating
 * tstats/mstats. A `search`/`where` before the first such stage filters events; one after it
 * filters results (`| where count > 5`), and a raw-text term there matches nothing.
 */
export function isTransforming(command: Command): boolean {
    if (command.kind === "StatsCommand" && (command.canonical === "tstats" || command.canonical === "mstats")) return true;
    return commandType(command, 1) === "transforming";
}

/**
 * True for the commands that aggregate rows into groups (the stats family except eventstats and
 * streamstats, top, rare): a narrower test than `isTransforming`, which also counts `table`.
 */
export function isAggregating(command: Command): boolean {
    return command.kind !== "MacroCall" && AGGREGATING.has(command.canonical);
}

/** Index of the first transforming stage of a pipeline (see {@link StageLineage.transforming}), or -1. */
export function firstTransformingStage(pipeline: Pipeline): number {
    return pipeline.commands.findIndex((c) => isTransforming(c));
}

function optionOf(command: Command, name: string): string | null {
    const options = command.kind === "GenericCommand" ? optionsOf(command) : "options" in command ? command.options : [];
    let value: string | null = null;
    for (const o of options) if (o.name.toLowerCase() === name) value = o.value;
    return value;
}

function isTrue(v: string | null): boolean {
    return v !== null && /^(t|true|1|yes|y)$/i.test(v);
}

// ---------------------------------------------------------------------------------------------
// Names

/**
 * The output field name of an aggregation: its `AS` name, or Splunk's default, the call as
 * written (`count`, `min(_time)`, `values(Processes.dest)`). For `eval(...)` arguments the
 * expression is re-printed, which may differ in spacing from the source.
 */
export function aggregationName(agg: Aggregation): string {
    if (agg.as !== null) return agg.as;
    if (agg.args.length === 0) return agg.fn;
    return `${agg.fn}(${agg.args.map(exprText).join(", ")})`;
}

/**
 * The direct operands of an eval expression, in source order. The walkers below run on an
 * explicit stack with this: a long `a+b+c+...` chain is a left-deep tree thousands of levels deep.
 */
export function exprOperands(e: Expr): readonly Expr[] {
    switch (e.kind) {
        case "Call":
            return e.args;
        case "Binary":
            return [e.left, e.right];
        case "Unary":
            return [e.operand];
        default:
            return [];
    }
}

/** Pieces of an expression's text, in order: literal strings and operands still to render. */
function exprPieces(e: Expr): (Expr | string)[] {
    const list = (xs: readonly Expr[]): (Expr | string)[] => xs.flatMap((x, i) => (i === 0 ? [x] : [", ", x]));
    switch (e.kind) {
        case "Field":
            return [e.name];
        case "String":
            return [e.value];
        case "Number":
            return [e.raw];
        case "Boolean":
            return [e.value ? "true()" : "false()"];
        case "Placeholder":
            return [`$${e.name}$`];
        case "Call":
            if (e.infix && e.args[0]) return [e.args[0], " IN (", ...list(e.args.slice(1)), ")"];
            return [`${e.name}(`, ...list(e.args), ")"];
        case "Binary":
            return /^[A-Z]+$/.test(e.op) ? [e.left, ` ${e.op} `, e.right] : [e.left, e.op, e.right];
        case "Unary":
            return [e.op === "NOT" ? "NOT " : e.op, e.operand];
        case "MacroCall":
            return [`\`${e.name}\``];
        case "Subsearch":
            return ["[...]"];
    }
}

function exprText(root: Expr): string {
    const out: string[] = [];
    const todo: (Expr | string)[] = [root];
    while (todo.length > 0) {
        const x = todo.pop() as Expr | string;
        if (typeof x === "string") out.push(x);
        else {
            const pieces = exprPieces(x);
            for (let i = pieces.length - 1; i >= 0; i--) todo.push(pieces[i] as Expr | string);
        }
    }
    return out.join("");
}

/** The field names an eval/where expression reads (`Field` nodes), in order, without duplicates. */
export function exprFields(e: Expr, out: string[] = []): string[] {
    const todo: Expr[] = [e];
    while (todo.length > 0) {
        const x = todo.pop() as Expr;
        if (x.kind === "Field") push(out, x.name);
        const operands = exprOperands(x);
        for (let i = operands.length - 1; i >= 0; i--) todo.push(operands[i] as Expr);
    }
    return out;
}

/**
 * The field names a search expression reads: the fields of `Compare` and `In`, and `_raw` for
 * raw-text terms and TERM()/CASE() directives. Time modifiers, macros and subsearches read none.
 */
export function searchFields(e: SearchExpr | null, out: string[] = []): string[] {
    const todo: SearchExpr[] = e ? [e] : [];
    while (todo.length > 0) {
        const x = todo.pop() as SearchExpr;
        switch (x.kind) {
            case "SearchAnd":
            case "SearchOr":
                for (let i = x.operands.length - 1; i >= 0; i--) todo.push(x.operands[i] as SearchExpr);
                break;
            case "SearchNot":
                todo.push(x.operand);
                break;
            case "Compare":
            case "In":
                push(out, x.field);
                break;
            case "Term":
            case "Directive":
                push(out, "_raw");
                break;
            default:
                break;
        }
    }
    return out;
}

// Membership of the long lists `push` builds, so that a list of 100k names is not quadratic.
// A long list is indexed only after a few scans (most lists get one or two names, and an index
// per copied list would cost more than the scans); it is rebuilt when the list was changed
// behind push's back (its size no longer matches).
const pushed = new WeakMap<string[], Set<string> | number>();

function push(out: string[], name: string): void {
    if (name === "") return;
    if (out.length < 64) {
        if (!out.includes(name)) out.push(name);
        return;
    }
    const entry = pushed.get(out);
    let seen: Set<string>;
    if (entry instanceof Set && entry.size === out.length) seen = entry;
    else {
        const scans = typeof entry === "number" ? entry : 0;
        if (scans < 8) {
            pushed.set(out, scans + 1);
            if (!out.includes(name)) out.push(name);
            return;
        }
        seen = new Set(out);
        pushed.set(out, seen);
    }
    if (seen.has(name)) return;
    seen.add(name);
    out.push(name);
}

function pushAll(out: string[], names: readonly string[]): string[] {
    for (const n of names) push(out, n);
    return out;
}

/** The fields addtotals adds: the row total, and the label field of a column-total row. */
function addtotalsFields(c: Extract<Command, { kind: "AddtotalsCommand" }>): string[] {
    const out = c.row ? [c.fieldname] : [];
    const label = optionOf(c, "labelfield");
    if (c.col && label !== null) out.push(label);
    return out;
}

/** The fields a rex writes: the named groups of its pattern (none in sed mode). */
function rexGroups(c: RexCommand): string[] {
    return c.mode === "regex" && c.pattern !== null ? scanRegex(c.pattern).groups : [];
}

/** The names of a field list; macros standing among the fields (stats' BY) name no field here. */
const names = (refs: readonly (FieldRef | MacroCall)[]): string[] => {
    const out: string[] = [];
    for (const r of refs) if (r.kind === "FieldRef") out.push(r.name);
    return out;
};

const IPLOCATION_FIELDS = ["City", "Country", "Region", "lat", "lon"];
const IPLOCATION_ALL = ["Continent", "MetroCode", "Timezone"];
const ADDINFO_FIELDS = ["info_min_time", "info_max_time", "info_search_time", "info_sid"];
const TRANSACTION_FIELDS = ["duration", "eventcount"];

function iplocationFields(command: Extract<Command, { kind: "IplocationCommand" }>): string[] {
    const prefix = optionOf(command, "prefix") ?? "";
    const all = isTrue(optionOf(command, "allfields"));
    return [...IPLOCATION_FIELDS, ...(all ? IPLOCATION_ALL : [])].map((f) => prefix + f);
}

function topFields(command: Extract<Command, { kind: "TopCommand" }>): string[] {
    const out: string[] = [];
    const showcount = optionOf(command, "showcount");
    const showperc = optionOf(command, "showperc");
    if (showcount === null || isTrue(showcount)) out.push(optionOf(command, "countfield") ?? "count");
    if (showperc === null || isTrue(showperc)) out.push(optionOf(command, "percentfield") ?? "percent");
    return out;
}

// ---------------------------------------------------------------------------------------------
// Reads and writes of one stage

/** The reads, writes and type of one stage standing at `index` of its pipeline. */
export function stageFields(command: Command, index: number): StageLineage {
    const reads: string[] = [];
    const writes: string[] = [];
    switch (command.kind) {
        case "SearchCommand":
            searchFields(command.filter, reads);
            break;
        case "WhereCommand":
            exprFields(command.condition, reads);
            break;
        case "EvalCommand":
            for (const a of command.assignments) exprFields(a.expr, reads);
            // fieldformat changes how a field is shown, not its value.
            if (command.canonical !== "fieldformat") for (const a of command.assignments) push(writes, a.field);
            break;
        case "StatsCommand":
            for (const a of command.aggregations) for (const x of a.args) aggArgFields(x, reads);
            // Source order: aggregations, tstats' WHERE, chart's OVER, BY.
            searchFields(command.where, reads);
            if (command.over) push(reads, command.over);
            pushAll(reads, names(command.by));
            for (const a of command.aggregations) push(writes, aggregationName(a));
            break;
        case "TopCommand":
            pushAll(reads, [...names(command.fields), ...names(command.by)]);
            pushAll(writes, topFields(command));
            break;
        case "TableCommand":
        case "FieldsCommand":
            pushAll(reads, names(command.fields));
            break;
        case "RenameCommand":
            for (const r of command.renames) {
                push(reads, r.from);
                push(writes, r.to);
            }
            break;
        case "RexCommand":
            push(reads, command.field);
            pushAll(writes, command.mode === "sed" ? [command.field] : rexGroups(command));
            break;
        case "RegexCommand":
            push(reads, command.field);
            break;
        case "LookupCommand":
            pushAll(
                reads,
                command.inputs.map((m) => m.eventField),
            );
            // Without OUTPUT every column of the table is added: which ones is unknown here.
            pushAll(writes, command.outputMode ? command.outputs.map((m) => m.eventField) : ["*"]);
            break;
        case "InputlookupCommand":
            searchFields(command.where, reads);
            push(writes, "*");
            break;
        case "JoinCommand": {
            pushAll(reads, names(command.fields));
            searchFields(command.where, reads);
            const sub = command.subsearch ? fieldsAfter(command.subsearch, command.subsearch.commands.length - 1) : null;
            pushAll(writes, sub && sub.exact ? [...sub.fields, ...sub.patterns] : ["*"]);
            break;
        }
        case "AppendCommand":
        case "MultisearchCommand":
            push(writes, "*");
            break;
        case "DedupCommand":
            pushAll(reads, [...names(command.fields), ...command.sortBy.map((k) => k.field)]);
            break;
        case "SortCommand":
            pushAll(
                reads,
                command.keys.map((k) => k.field),
            );
            break;
        case "BinCommand":
            if (command.field) {
                push(reads, command.field);
                push(writes, command.as ?? command.field);
            }
            break;
        case "FillnullCommand":
            pushAll(writes, command.fields.length > 0 ? names(command.fields) : ["*"]);
            break;
        case "MvexpandCommand":
        case "MakemvCommand":
            if (command.field) {
                push(reads, command.field);
                push(writes, command.field);
            }
            break;
        case "SpathCommand":
            push(reads, command.input);
            push(writes, command.output ?? command.path ?? "*");
            break;
        case "ConvertCommand":
            for (const c of command.conversions) {
                push(reads, c.field);
                push(writes, c.as ?? c.field);
            }
            break;
        case "IplocationCommand":
            if (command.field) push(reads, command.field);
            pushAll(writes, iplocationFields(command));
            break;
        case "AddtotalsCommand":
            pushAll(reads, command.fields.length > 0 ? names(command.fields) : ["*"]);
            pushAll(writes, addtotalsFields(command));
            break;
        case "ReplaceCommand":
            pushAll(reads, command.fields.length > 0 ? names(command.fields) : ["*"]);
            pushAll(writes, command.fields.length > 0 ? names(command.fields) : ["*"]);
            break;
        case "TransactionCommand":
            pushAll(reads, names(command.fields));
            pushAll(writes, TRANSACTION_FIELDS);
            break;
        case "ForeachCommand":
            pushAll(reads, names(command.fields));
            pushAll(writes, foreachWrites(command));
            break;
        case "ReturnCommand":
            pushAll(
                reads,
                command.items.map((i) => i.field),
            );
            push(writes, "search");
            break;
        case "OptionsCommand":
            pushAll(writes, optionsCommandWrites(command));
            break;
        case "MapCommand":
            push(writes, "*");
            break;
        case "GenericCommand":
            // `strcat a b c`: the last field is the one written.
            if (command.canonical === "strcat") {
                const words = command.args.filter((a): a is Extract<typeof a, { kind: "WordArg" }> => a.kind === "WordArg");
                const dest = words[words.length - 1];
                if (dest) {
                    pushAll(
                        reads,
                        words
                            .slice(0, -1)
                            .map((w) => w.text)
                            .filter((t) => !t.startsWith('"')),
                    );
                    push(writes, dest.text);
                }
            }
            break;
        case "HeadCommand":
        case "OutputlookupCommand":
        case "MacroCall":
        case "Placeholder":
        case "ErrorCommand":
            // Reads and writes no field (or, for a macro or token stage, none that is known).
            break;
        default: {
            // Every kind has its case: a new command kind does not compile until it has one.
            const unhandled: never = command;
            return unhandled;
        }
    }
    const command_ = command.kind === "MacroCall" ? `\`${command.name}\`` : command.canonical;
    return { index, kind: command.kind, command: command_, reads, writes, type: commandType(command, index), transforming: isTransforming(command) };
}

function aggArgFields(e: Expr, out: string[]): void {
    // A quoted name in an aggregation (`dc("DNS.answer")`) names a field.
    if (e.kind === "String") push(out, e.value);
    else exprFields(e, out);
}

function optionsCommandWrites(command: Extract<Command, { kind: "OptionsCommand" }>): string[] {
    switch (command.canonical) {
        case "makeresults":
            return optionOf(command, "data") !== null ? ["_time", "*"] : ["_time"];
        case "addinfo":
            return ADDINFO_FIELDS;
        case "format":
            return ["search"];
        case "collect":
            return [];
        default:
            // rest, datamodel, from, xmlkv, fromjson: the fields come from the data.
            return ["*"];
    }
}

/** Fields a foreach template's evals write, with `<<FIELD>>` standing for each listed pattern. */
function foreachWrites(command: Extract<Command, { kind: "ForeachCommand" }>): string[] {
    const out: string[] = [];
    for (const c of command.template?.commands ?? []) {
        if (c.kind !== "EvalCommand") continue;
        for (const a of c.assignments) {
            if (a.field.includes("<<FIELD>>")) for (const f of names(command.fields)) push(out, a.field.split("<<FIELD>>").join(f));
            else push(out, a.field.replace(/<<[A-Z0-9]+>>/g, "*"));
        }
    }
    return out;
}

/** The lineage of every stage of a pipeline (nested pipelines are not descended into). */
export function lineage(pipeline: Pipeline): StageLineage[] {
    return pipeline.commands.map((c, i) => stageFields(c, i));
}

// ---------------------------------------------------------------------------------------------
// Field sets

const UNKNOWN: FieldSet = Object.freeze({ exact: false, fields: [], patterns: [], removed: [] }) as FieldSet;

function hasWildcard(name: string): boolean {
    return name.includes("*");
}

/** Whether `name` matches the wildcard `pattern` (a pattern given as `name` is matched as text). */
function matches(pattern: string, name: string): boolean {
    return hasWildcard(pattern) ? globMatches(pattern, name) : pattern === name;
}

/** Maps `name` through a wildcard pair (`Processes.*` -> `*`), or null when it does not match. */
function mapWildcard(from: string, to: string, name: string): string | null {
    const m = globCaptures(from, name);
    if (!m) return null;
    let k = 0;
    return to.replace(/\*/g, () => m[k++] ?? "*");
}

/** Whether a field may exist in a set: `present`, `possible` (pattern or inexact set), `absent`. */
export function fieldStatus(set: FieldSet, name: string): FieldStatus {
    if (set.fields.includes(name)) return "present";
    if (set.patterns.some((p) => matches(p, name))) return "possible";
    if (set.removed.some((r) => matches(r, name))) return "absent";
    return set.exact ? "absent" : "possible";
}

class Builder {
    exact: boolean;
    fields: string[];
    patterns: string[];
    removed: string[];

    constructor(s: FieldSet) {
        this.exact = s.exact;
        this.fields = [...s.fields];
        this.patterns = [...s.patterns];
        this.removed = [...s.removed];
    }

    add(name: string): void {
        if (name === "") return;
        if (hasWildcard(name)) {
            if (name === "*" && !this.exact) return;
            push(this.patterns, name);
        } else push(this.fields, name);
        if (this.removed.includes(name)) this.removed = this.removed.filter((r) => r !== name);
    }

    addAll(list: readonly string[]): this {
        for (const n of list) this.add(n);
        return this;
    }

    /** Drops names (and patterns) matching `name`; records it as removed. */
    remove(name: string): void {
        this.fields = this.fields.filter((f) => !matches(name, f));
        this.patterns = this.patterns.filter((p) => !(hasWildcard(name) ? globMatches(name, p) : p === name));
        if (!this.removed.includes(name)) this.removed.push(name);
    }

    /** Unknown fields may now exist; nothing is known to be absent any more. */
    unknown(): this {
        this.exact = false;
        this.removed = [];
        return this;
    }

    build(): FieldSet {
        return { exact: this.exact, fields: this.fields, patterns: this.patterns, removed: this.removed };
    }
}

/** `rename from AS to` applied to a set. */
function rename(b: Builder, from: string, to: string): void {
    if (from === to) return;
    if (!hasWildcard(from)) {
        // Renaming a field that does not exist does nothing (and leaves `to` alone).
        if (fieldStatus(b.build(), from) === "absent") return;
        const at = b.fields.indexOf(from);
        b.fields = b.fields.filter((f) => f !== to);
        if (at >= 0) b.fields = b.fields.map((f) => (f === from ? to : f));
        b.remove(from);
        b.add(to);
        return;
    }
    // Wildcard rename: every matching name and pattern is mapped in place (column order kept);
    // a renamed field replaces an existing field of the same name.
    const mappedFields = b.fields.map((f) => ({ name: mapWildcard(from, to, f) ?? f, renamed: matches(from, f) }));
    const targets = new Set(mappedFields.filter((f) => f.renamed).map((f) => f.name));
    const fields: string[] = [];
    for (const f of mappedFields) {
        if (!f.renamed && targets.has(f.name)) continue;
        if (!fields.includes(f.name)) fields.push(f.name);
    }
    const patterns: string[] = [];
    for (const p of b.patterns) {
        const m = mapWildcard(from, to, p) ?? p;
        if (!patterns.includes(m)) patterns.push(m);
    }
    b.fields = fields;
    b.patterns = patterns;
    b.removed = b.removed.filter((r) => !targets.has(r));
    if (!b.removed.includes(from)) b.removed.push(from);
    // Unknown fields may match `from` too; their new names are only known as a pattern.
    if (!b.exact) b.add(to);
}

/** `table`/`fields` keeping only `list` (plus the `_*` internal fields for `fields`). */
function restrict(prev: FieldSet, list: readonly string[], keepInternal: boolean): FieldSet {
    const b = new Builder({ exact: true, fields: [], patterns: [], removed: [] });
    const wanted = keepInternal ? [...list, "_*"] : list;
    for (const l of wanted) {
        if (!hasWildcard(l)) {
            if (fieldStatus(prev, l) !== "absent") b.add(l);
            continue;
        }
        for (const f of prev.fields) if (matches(l, f)) b.add(f);
        for (const p of prev.patterns) if (matches(l, p)) b.add(p);
        // A listed pattern may match fields the previous set only knows as patterns or not at all.
        if (!prev.exact || prev.patterns.length > 0) {
            if (!(keepInternal && l === "_*" && prev.exact)) b.add(l);
        }
    }
    return b.build();
}

/** Rows of either set (append) or columns of both (join): the union, exact when both are. */
function union(a: FieldSet, b: FieldSet): FieldSet {
    const out = new Builder({ exact: a.exact && b.exact, fields: [], patterns: [], removed: [] });
    out.addAll([...a.fields, ...a.patterns, ...b.fields, ...b.patterns]);
    for (const r of a.removed) if (fieldStatus(b, r) === "absent" && !out.removed.includes(r)) out.removed.push(r);
    for (const r of b.removed) if (fieldStatus(a, r) === "absent" && !out.removed.includes(r)) out.removed.push(r);
    return out.build();
}

/** The fields after a stats-family command, given the fields before it. */
function statsFields(prev: FieldSet, s: StatsCommand): FieldSet {
    const name = s.canonical;
    const aggNames = aggregateNames(prev, s);
    if (name === "eventstats" || name === "streamstats") return new Builder(prev).addAll(aggNames).build();
    const by = names(s.by);
    // A macro standing in the BY list may name any fields.
    const b = new Builder({ exact: !s.by.some((x) => x.kind === "MacroCall"), fields: [], patterns: [], removed: [] });
    const prestats = isTrue(optionOf(s, "prestats"));
    if (name === "timechart" || name === "sitimechart") {
        b.add("_time");
        if (s.by.length > 0)
            b.exact = false; // one column per value of the split-by field
        else b.addAll(aggNames);
        return b.build();
    }
    if (name === "chart" || name === "sichart") {
        const rows = s.over ? [s.over] : by.slice(0, 1);
        const split = s.over ? by.length > 0 : by.length > 1;
        b.addAll(rows);
        if (split) b.exact = false;
        else b.addAll(aggNames);
        return b.build();
    }
    b.addAll(by);
    if (prestats || name === "geostats") b.exact = false;
    else b.addAll(aggNames);
    return b.build();
}

/** Output names of a command's aggregations; wildcard aggregations map over the input fields. */
function aggregateNames(prev: FieldSet, s: StatsCommand): string[] {
    const out: string[] = [];
    for (const a of s.aggregations) {
        const arg = a.args[0];
        const pattern = a.args.length === 1 && arg?.kind === "Field" && hasWildcard(arg.name) ? arg.name : null;
        const target = aggregationName(a);
        if (!pattern || !hasWildcard(target)) {
            push(out, target);
            continue;
        }
        // `values(*) AS *`, `avg(tcp.*) AS avg_tcp.*`: one output per matching input field.
        for (const f of prev.fields) {
            if (s.by.some((x) => x.kind === "FieldRef" && x.name === f)) continue;
            const m = mapWildcard(pattern, target, f);
            if (m !== null) push(out, m);
        }
        for (const p of prev.patterns) {
            const m = mapWildcard(pattern, target, p);
            if (m !== null) push(out, m);
        }
        if (!prev.exact) push(out, target);
    }
    return out;
}

/** The fields after one stage, given the fields before it and the stage's position. */
function step(prev: FieldSet, c: Command, index: number): FieldSet {
    const fresh = (): Builder => new Builder(UNKNOWN);
    switch (c.kind) {
        case "SearchCommand":
            return index === 0 ? fresh().build() : prev;
        case "WhereCommand":
        case "RegexCommand":
        case "DedupCommand":
        case "SortCommand":
        case "HeadCommand":
        case "OutputlookupCommand":
        case "MvexpandCommand":
        case "MakemvCommand":
        case "ReplaceCommand":
            return prev;
        case "AddtotalsCommand":
            return new Builder(prev).addAll(addtotalsFields(c)).build();
        case "EvalCommand":
            return c.canonical === "fieldformat" ? prev : new Builder(prev).addAll(c.assignments.map((a) => a.field)).build();
        case "StatsCommand":
            return statsFields(prev, c);
        case "TopCommand":
            return new Builder({ exact: true, fields: [], patterns: [], removed: [] }).addAll([...names(c.by), ...names(c.fields), ...topFields(c)]).build();
        case "TableCommand":
        case "FieldsCommand": {
            // An unexpanded macro among the fields may name any field: nothing is known absent.
            if (c.rest.some((a) => a.kind === "MacroCall"))
                return c.kind === "FieldsCommand" && c.mode === "remove" ? new Builder(prev).unknown().build() : restrict(prev, [...names(c.fields), "*"], c.kind === "FieldsCommand");
            if (c.kind === "TableCommand") return restrict(prev, names(c.fields), false);
            if (c.mode === "keep") return restrict(prev, names(c.fields), true);
            const b = new Builder(prev);
            for (const f of c.fields) b.remove(f.name);
            return b.build();
        }
        case "RenameCommand": {
            const b = new Builder(prev);
            for (const r of c.renames) rename(b, r.from, r.to);
            return b.build();
        }
        case "RexCommand":
            return c.mode === "sed" ? prev : new Builder(prev).addAll(rexGroups(c)).build();
        case "LookupCommand":
            if (!c.outputMode) return new Builder(prev).unknown().build();
            return new Builder(prev).addAll(c.outputs.map((m) => m.eventField)).build();
        case "InputlookupCommand":
            if (index > 0 && isTrue(optionOf(c, "append"))) return new Builder(prev).unknown().build();
            return fresh().build();
        case "JoinCommand":
        case "AppendCommand": {
            if (!c.subsearch) return new Builder(prev).unknown().build();
            // appendpipe's pipeline runs over the current results: its first stage does not generate.
            const sub = c.canonical === "appendpipe" ? flow(c.subsearch.commands, prev, c.subsearch.commands.length - 1, 1) : flow(c.subsearch.commands, UNKNOWN, c.subsearch.commands.length - 1);
            return union(prev, sub);
        }
        case "MultisearchCommand": {
            let acc: FieldSet | null = c.canonical === "union" && index > 0 ? prev : null;
            for (const s of c.subsearches) {
                const f = flow(s.commands, UNKNOWN, s.commands.length - 1);
                acc = acc ? union(acc, f) : f;
            }
            if (!acc || c.datasets.length > 0) return new Builder(acc ?? UNKNOWN).unknown().build();
            return acc;
        }
        case "BinCommand":
            return c.as ? new Builder(prev).addAll([c.as]).build() : prev;
        case "FillnullCommand":
            // With a field list, fillnull creates the fields that are missing.
            return new Builder(prev).addAll(names(c.fields)).build();
        case "SpathCommand": {
            const out = c.output ?? c.path;
            return out ? new Builder(prev).addAll([out]).build() : new Builder(prev).unknown().build();
        }
        case "ConvertCommand":
            return new Builder(prev).addAll(c.conversions.flatMap((x) => (x.as ? [x.as] : []))).build();
        case "IplocationCommand":
            return new Builder(prev).addAll(iplocationFields(c)).build();
        case "TransactionCommand":
            return new Builder(prev).addAll(TRANSACTION_FIELDS).build();
        case "ForeachCommand":
            return new Builder(prev).addAll(foreachWrites(c)).build();
        case "ReturnCommand":
            return new Builder({ exact: true, fields: [], patterns: [], removed: [] }).addAll(["search"]).build();
        case "MapCommand":
            return fresh().build();
        case "OptionsCommand":
            switch (c.canonical) {
                case "makeresults":
                    return optionOf(c, "data") !== null ? fresh().addAll(["_time"]).build() : new Builder({ exact: true, fields: ["_time"], patterns: [], removed: [] }).build();
                case "addinfo":
                    return new Builder(prev).addAll(ADDINFO_FIELDS).build();
                case "format":
                    return { exact: true, fields: ["search"], patterns: [], removed: [] };
                case "collect":
                    return prev;
                case "xmlkv":
                case "fromjson":
                    return new Builder(prev).unknown().build();
                default:
                    return fresh().build(); // rest, datamodel, from: generating
            }
        case "GenericCommand":
            if (PASS_THROUGH.has(c.canonical)) return prev;
            return new Builder(prev).unknown().build();
        case "MacroCall":
        case "Placeholder":
        case "ErrorCommand":
            // Unknown text: keep what was known as a best guess, but promise nothing.
            return new Builder(prev).unknown().build();
    }
}

/** Untyped commands that neither add, remove nor rename fields. */
const PASS_THROUGH = new Set([
    "reverse",
    "uniq",
    "localop",
    "noop",
    "redistribute",
    "require",
    "sendemail",
    "sendalert",
    "outputcsv",
    "filldown",
    "nomv",
    "mvcombine",
    "highlight",
    "iconify",
    "abstract",
    "delete",
    "typer",
]);

/** Applies `commands[0..last]`; `offset` shifts the positions (1: the pipeline continues another one). */
function flow(commands: readonly Command[], start: FieldSet, last: number, offset = 0): FieldSet {
    let s = start;
    for (let i = 0; i <= last && i < commands.length; i++) {
        const c = commands[i];
        if (c) s = step(s, c, i + offset);
    }
    return s;
}

/**
 * What is known about the fields after stage `stageIndex` of `pipeline` (the stages 0 to
 * `stageIndex` applied in order). An index past the end gives the fields after the last stage;
 * a negative index gives the empty, exact set (no results yet). A pipeline that does not start
 * with a generating command starts from an unknown set.
 */
export function fieldsAfter(pipeline: Pipeline, stageIndex: number): FieldSet {
    if (stageIndex < 0) return { exact: true, fields: [], patterns: [], removed: [] };
    const s = flow(pipeline.commands, UNKNOWN, stageIndex);
    return { exact: s.exact, fields: [...s.fields], patterns: [...s.patterns], removed: [...s.removed] };
}

/** `fieldsAfter(pipeline, i)` for every stage `i`, in one pass (not one pass per stage). */
export function fieldsAfterEach(pipeline: Pipeline): FieldSet[] {
    const out: FieldSet[] = [];
    let s = UNKNOWN;
    pipeline.commands.forEach((c, i) => {
        s = step(s, c, i);
        out.push(s);
    });
    return out;
}
