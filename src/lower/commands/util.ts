/**
 * Helpers shared by the typed command lowerings: reading field lists, options, numbers and
 * booleans out of a generic command's `CommandArg[]`, and reporting argument problems.
 */
import type { CommandArg, Diagnostic, FieldRef, GenericCommand, OptionArg, TopCommand } from "../../ir/nodes.js";
import type { TypedCommand } from "../../ir/commands.js";
import type { Origin, Span } from "../../ir/span.js";
import { diagnostic } from "../../diagnostics/diagnostic.js";
import type { DiagnosticCode } from "../../diagnostics/codes.js";

/** What every typed lowering receives. */
export interface CommandInput {
    node: GenericCommand;
    /** `node.args` with touching name parts glued (see {@link glueNames}); read this, not `node.args`. */
    args: CommandArg[];
    diagnostics: Diagnostic[];
    /** The typed node's `rest`: the arguments the reading keeps as written ({@link keepAsWritten}; macros are added after the reading). */
    rest: CommandArg[];
    /**
     * Set when the reading met an argument it could not place (SPL2006). Such a command stays
     * generic: its arguments, as written, are then the only exact record of it.
     */
    lossy?: boolean;
}

/** A command splc reads from its generic arguments (`top` included, whose type lives in nodes.ts). */
export type LoweredCommand = TypedCommand | TopCommand;

/** The kind of a {@link LoweredCommand}: the keys of the lowering table. */
export type LoweredKind = LoweredCommand["kind"];

/** How one kind is read: the canonical command names it answers to, and its reading. */
export interface LoweringEntry<K extends LoweredKind> {
    /** Canonical names (aliases resolve through the catalog first: `bucket` is `bin`). */
    names: readonly string[];
    lower: (input: CommandInput) => Extract<LoweredCommand, { kind: K }>;
}

/**
 * The lowering of every kind; each family file of this folder holds its kinds' entries and
 * `index.ts` joins them, so a kind without an entry does not compile.
 */
export type LoweringTable = { readonly [K in LoweredKind]: LoweringEntry<K> };

/**
 * Joins a quoted string and a word written without space between them into one word, as Splunk
 * reads them: `"Processes".*` (what `drop_dm_object_name("Processes")` expands to) is the
 * name `Processes.*`. The node keeps the arguments as written; only the typed reading glues.
 */
export function glueNames(args: readonly CommandArg[]): CommandArg[] {
    const out: CommandArg[] = [];
    for (const a of args) {
        const prev = out[out.length - 1];
        const part = a.kind === "WordArg" ? a.text : a.kind === "StringArg" ? a.value : null;
        const prevPart = prev?.kind === "WordArg" ? prev.text : prev?.kind === "StringArg" ? prev.value : null;
        if (prev && part !== null && prevPart !== null && prev.span.end === a.span.start && (prev.kind === "StringArg" || a.kind === "StringArg")) {
            out[out.length - 1] = { kind: "WordArg", text: prevPart + part, span: { start: prev.span.start, end: a.span.end } };
            continue;
        }
        out.push(a);
    }
    return out;
}

/** Reports a diagnostic. */
export function report(input: CommandInput, code: DiagnosticCode, message: string, span: Span): void {
    input.diagnostics.push(diagnostic(code, message, span));
}

/** SPL2006: an argument this command does not take in that position (a warning: Splunk may accept more than we model). */
export function notUnderstood(input: CommandInput, arg: CommandArg): void {
    report(input, "SPL2006", `${input.node.name}: argument '${argText(arg)}' not understood here`, arg.span);
    input.lossy = true;
}

/**
 * Puts an argument the reading does not take into `rest`, as written: a name glued from pieces
 * (`""e`, `"Processes".*`) goes back as its pieces. Only a whole argument can be printed back
 * at its place; a part of one stays in its owner.
 */
export function keepAsWritten(input: CommandInput, arg: CommandArg): void {
    if (!input.args.includes(arg)) return;
    if (input.node.args.includes(arg)) input.rest.push(arg);
    else for (const a of input.node.args) if (a.span.start >= arg.span.start && a.span.end <= arg.span.end) input.rest.push(a);
}

/** The fields a typed node takes over from the generic one. */
export interface BaseFields {
    name: string;
    canonical: string;
    span: Span;
    origin?: Origin;
    rest: CommandArg[];
}

/** The base fields of a typed node: the generic one's, and the `rest` the reading fills. */
export function base(input: CommandInput): BaseFields {
    const { node } = input;
    const b: BaseFields = { name: node.name, canonical: node.canonical, span: node.span, rest: input.rest };
    if (node.origin) b.origin = node.origin;
    return b;
}

/** A field reference node. */
export function fieldRef(name: string, quoted: boolean, span: Span): FieldRef {
    return { kind: "FieldRef", name, quoted, span };
}

/** The options whose names (lower-cased) are not in `typed`: the ones no typed field stands for. */
export function otherOptions(options: readonly OptionArg[], ...typed: string[]): OptionArg[] {
    return options.filter((o) => !typed.includes(o.name.toLowerCase()));
}

/** An argument rendered back to SPL text (close to the source; used for names and messages). */
export function argText(a: CommandArg): string {
    switch (a.kind) {
        case "OptionArg":
            return `${a.name}=${a.raw}`;
        case "WordArg":
            return a.text;
        case "StringArg":
            return a.raw;
        case "KeywordArg":
            return a.raw;
        case "CallArg":
            return `${a.name}(${listText(a.args)})`;
        case "GroupArg":
            return `(${listText(a.args)})`;
        case "PunctArg":
            return a.text;
        case "WhereArg":
            return "WHERE ...";
        case "MacroCall":
            return `\`${a.name}${a.args.length ? `(${a.args.join(",")})` : ""}\``;
        case "Subsearch":
            return "[...]";
    }
}

function listText(args: readonly CommandArg[]): string {
    const parts: string[] = [];
    for (const a of args) {
        const last = parts.length - 1;
        if (isComma(a) && last >= 0) parts[last] += ",";
        else parts.push(argText(a));
    }
    return parts.join(" ");
}

/**
 * The field name an argument stands for (a word, a quoted name, or `f(x)` such as `predicted(x)`),
 * or null. With `keywords`, a clause keyword also counts as a name (`transaction from`), as written.
 */
export function nameOf(a: CommandArg, keywords = false): FieldRef | null {
    switch (a.kind) {
        case "KeywordArg":
            return keywords ? fieldRef(a.raw, false, a.span) : null;
        case "WordArg":
            return fieldRef(a.text, false, a.span);
        case "StringArg":
            return fieldRef(a.value, true, a.span);
        case "CallArg":
            // `values(x)` is a real field name after an un-aliased aggregation.
            return fieldRef(argText(a), false, a.span);
        default:
            return null;
    }
}

/**
 * The source text of a run of arguments, rebuilt from their texts and the gaps between their
 * spans, each one space (white space, line breaks and comments read alike, so a reformatted
 * search keeps the text; no blanks inside parentheses), or null when a piece cannot be rebuilt
 * exactly (keywords lose their case). Used for text Splunk reads as one token, such as
 * an unquoted rex pattern that the generic lowering split into pieces.
 */
export function sourceOf(args: readonly CommandArg[]): string | null {
    let out = "";
    let at: number | null = null;
    for (const a of args) {
        let text: string | null;
        switch (a.kind) {
            case "WordArg":
                text = a.text;
                break;
            case "PunctArg":
                text = a.text;
                break;
            case "StringArg":
                text = a.raw;
                break;
            case "GroupArg":
                text = wrapped("(", a.args);
                break;
            case "CallArg":
                text = wrapped(`${a.name}(`, a.args);
                break;
            default:
                text = null;
        }
        if (text === null) return null;
        if (at !== null && a.span.start > at) out += " ";
        out += text;
        at = a.span.end;
        if (text.length !== a.span.end - a.span.start && a.kind !== "GroupArg" && a.kind !== "CallArg") return null;
    }
    return out;
}

/** `open` + the inner arguments + `)`, without blanks inside the parentheses (as printed). */
function wrapped(open: string, inner: readonly CommandArg[]): string | null {
    const text = sourceOf(inner);
    return text === null ? null : `${open}${text})`;
}

/** True for a lone `,` separator. */
export function isComma(a: CommandArg): boolean {
    return a.kind === "PunctArg" && a.text === ",";
}

/** True for a keyword argument (upper-cased) or a bare word spelled like it (case-insensitive). */
export function isKeyword(a: CommandArg | undefined, ...words: string[]): boolean {
    if (!a) return false;
    if (a.kind === "KeywordArg") return words.includes(a.keyword);
    if (a.kind === "WordArg") return words.includes(a.text.toUpperCase());
    return false;
}

/** The options of a command by lower-cased name (the last one wins, as in Splunk). */
export function optionMap(options: readonly OptionArg[]): Map<string, OptionArg> {
    const m = new Map<string, OptionArg>();
    for (const o of options) m.set(o.name.toLowerCase(), o);
    return m;
}

/** An option's value, or null. */
export function optionValue(options: readonly OptionArg[], name: string): string | null {
    return optionMap(options).get(name)?.value ?? null;
}

const INT = /^[+-]?\d+$/;

/** A non-negative integer word (`10`), or null. */
export function intOf(text: string): number | null {
    return INT.test(text) ? Number.parseInt(text, 10) : null;
}

/** The integer value of option `name` (SPL2008 when it is not an integer); `fallback` when absent. */
export function intOption(input: CommandInput, options: readonly OptionArg[], name: string, fallback: number): number;
export function intOption(input: CommandInput, options: readonly OptionArg[], name: string, fallback: null): number | null;
export function intOption(input: CommandInput, options: readonly OptionArg[], name: string, fallback: number | null): number | null {
    const o = optionMap(options).get(name);
    if (!o) return fallback;
    const n = intOf(o.value);
    if (n === null) {
        if (!isPlaceholder(o.value)) report(input, "SPL2008", `${input.node.name}: ${o.name} must be an integer, not '${o.value}'`, o.span);
        return fallback;
    }
    return n;
}

const TRUE = new Set(["t", "true", "1", "yes", "y"]);
const FALSE = new Set(["f", "false", "0", "no", "n"]);

/**
 * The options of the given (lower-case) names that a boolean typed field cannot stand for: the
 * last of each name (the one {@link boolOption} reads) when its value is no boolean (SPL2008).
 * They stay options, so that printing keeps them; the ones before them mean nothing.
 */
export function nonBoolOptions(options: readonly OptionArg[], names: readonly string[]): OptionArg[] {
    const last = optionMap(options);
    const out: OptionArg[] = [];
    for (const name of names) {
        const o = last.get(name);
        if (o && !TRUE.has(o.value.toLowerCase()) && !FALSE.has(o.value.toLowerCase())) out.push(o);
    }
    return out;
}

/** The boolean value of option `name` (SPL2008 when it is not a boolean); `fallback` when absent. */
export function boolOption(input: CommandInput, options: readonly OptionArg[], name: string, fallback: boolean): boolean {
    const o = optionMap(options).get(name);
    if (!o) return fallback;
    const v = o.value.toLowerCase();
    if (TRUE.has(v)) return true;
    if (FALSE.has(v)) return false;
    if (!isPlaceholder(o.value)) report(input, "SPL2008", `${input.node.name}: ${o.name} must be true or false, not '${o.value}'`, o.span);
    return fallback;
}

/** A `$token$` placeholder or a macro-looking value, which only gets its value at run time. */
export function isPlaceholder(text: string): boolean {
    return /^\$[^$]*\$$/.test(text) || text.startsWith("`");
}

/**
 * Checks the types of option values (SPL2008): the named boolean and integer options, when
 * present, must hold a boolean or an integer (or a `$token$` filled in at run time).
 */
export function checkOptions(input: CommandInput, options: readonly OptionArg[], types: { bool?: readonly string[]; int?: readonly string[] }): void {
    for (const name of types.bool ?? []) boolOption(input, options, name, false);
    for (const name of types.int ?? []) intOption(input, options, name, null);
}

export { optionsOf } from "../../ir/options.js";
