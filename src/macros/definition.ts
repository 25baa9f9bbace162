/**
 * Macro definitions and the lookup table the expander resolves calls against.
 *
 * Splunk identifies a search macro by its name *and* its number of arguments: the stanza
 * `foo` (no arguments), `foo(1)` and `foo(2)` are three different macros (macros.conf.spec,
 * "Macros can be overloaded"). Definitions arrive in two spellings — the stanza form
 * `name(N)` used by macros.conf, and the bare name plus an argument list used by
 * security_content's YAML files — and both normalise to one key `name(N)` (`name` when N = 0).
 */
import { diagnostic } from "../diagnostics/diagnostic.js";
import type { Diagnostic } from "../ir/nodes.js";

/** One search macro, as written in macros.conf, a security_content YAML file or by hand. */
export interface MacroDefinition {
    /** Bare (`security_content_ctime`) or stanza form (`security_content_ctime(1)`). */
    name: string;
    /** Argument names in order; the arity is their count. Omitted: the arity of the stanza form, else 0. */
    args?: string[];
    /** The body; arguments are referenced as `$name$`. */
    definition: string;
    /** True when the body is an eval expression whose string value is the expansion. */
    iseval?: boolean;
    /** Eval expression that validates the arguments (kept, not evaluated). */
    validation?: string;
    /** Message Splunk shows when `validation` fails (kept, not used). */
    errormsg?: string;
    description?: string;
    /** Where the definition was read from, for messages. */
    source?: { file?: string; line?: number };
}

/** A definition after normalisation: name and arity separated, key computed. */
export interface NormalizedMacro {
    /** `name(N)`, or the bare name when N = 0: Splunk's stanza name and the table key. */
    key: string;
    /** The bare name. */
    name: string;
    arity: number;
    /** Argument names, `arity` of them when the definition named them, else empty. */
    args: string[];
    definition: string;
    iseval: boolean;
    /** The definition this entry came from. */
    source: MacroDefinition;
}

/** Definitions keyed by `name(N)`, plus what was wrong with the input. */
export interface MacroTable {
    /** Key `name(N)` (`name` for N = 0) → definition. */
    byKey: Map<string, NormalizedMacro>;
    /** Bare name → the arities defined for it, ascending; used to explain arity mismatches. */
    arities: Map<string, number[]>;
    /** SPL4007 for malformed or duplicate definitions. They have no place in a search text, so span is 0..0. */
    diagnostics: Diagnostic[];
}

/** The table key of a macro: `name(N)`, or `name` when it takes no arguments. */
export function macroKey(name: string, arity: number): string {
    return arity === 0 ? name : `${name}(${arity})`;
}

// Splunk's spec allows letters, digits, `_` and `-` in argument names. Macro names are not
// specified as tightly; anything that cannot break the call syntax is accepted.
const ARG_NAME = /^[A-Za-z0-9_-]+$/;
const MACRO_NAME = /^[^\s()`"',=|[\]$]+$/;

/** Splits `name(N)` into name and N; a bare name gives arity `null`. */
export function splitStanzaName(name: string): { name: string; arity: number | null } {
    // A scan from the last `(` rather than a lazy regular expression, which is quadratic on
    // long runs of white space.
    const trimmed = name.trim();
    const open = trimmed.lastIndexOf("(");
    if (open >= 0 && trimmed.endsWith(")")) {
        const count = trimmed.slice(open + 1, -1).trim();
        if (/^\d+$/.test(count)) return { name: trimmed.slice(0, open).trim(), arity: Number(count) };
    }
    return { name: trimmed, arity: null };
}

const NO_SPAN = { start: 0, end: 0 };

function where(def: MacroDefinition): string {
    const file = def.source?.file;
    const line = def.source?.line;
    if (file === undefined && line === undefined) return "";
    return ` (${file ?? "?"}${line === undefined ? "" : `:${line}`})`;
}

/**
 * Normalises one definition, or explains why it cannot be used. Problems that still leave a
 * usable macro (an arity with no argument names) produce a diagnostic and a macro.
 */
export function normalizeMacro(def: MacroDefinition): { macro: NormalizedMacro | null; diagnostics: Diagnostic[] } {
    const diagnostics: Diagnostic[] = [];
    if (typeof def !== "object" || def === null) {
        return { macro: null, diagnostics: [diagnostic("SPL4007", `macro definition ${String(def)}: must be an object with a name and a definition`, NO_SPAN)] };
    }
    const bad = (msg: string) => diagnostic("SPL4007", `macro '${def.name}'${where(def)}: ${msg}`, NO_SPAN);
    if (typeof def.name !== "string" || typeof def.definition !== "string") {
        return { macro: null, diagnostics: [bad("name and definition must be strings")] };
    }
    const { name, arity: stanzaArity } = splitStanzaName(def.name);
    if (!MACRO_NAME.test(name)) return { macro: null, diagnostics: [bad("invalid macro name")] };
    // Also accept the corpus/security_content field name `arguments`, and a conf-style "a,b" string.
    const given: unknown = def.args ?? (def as { arguments?: unknown }).arguments;
    const args: string[] = typeof given === "string" ? splitArgNames(given) : Array.isArray(given) ? (given as string[]) : [];
    if (!Array.isArray(args) || args.some((a) => typeof a !== "string" || !ARG_NAME.test(a))) {
        return { macro: null, diagnostics: [bad("argument names may contain only letters, digits, '_' and '-'")] };
    }
    if (new Set(args).size !== args.length) return { macro: null, diagnostics: [bad("argument names must be unique")] };
    let arity = args.length;
    if (stanzaArity !== null) {
        if (given === undefined) {
            // Splunk requires the names; without them no $arg$ can be substituted, but calls
            // still resolve, which avoids a cascade of unknown-macro warnings.
            if (stanzaArity > 0) diagnostics.push(bad(`declares ${stanzaArity} argument(s) but names none`));
            arity = stanzaArity;
        } else if (stanzaArity !== args.length) {
            return { macro: null, diagnostics: [bad(`stanza declares ${stanzaArity} argument(s) but ${args.length} are named`)] };
        }
    }
    const macro: NormalizedMacro = {
        key: macroKey(name, arity),
        name,
        arity,
        args: args.length === arity ? [...args] : [],
        definition: def.definition,
        iseval: def.iseval === true,
        source: def,
    };
    return { macro, diagnostics };
}

/**
 * Builds the lookup table. A later definition of the same `name(N)` replaces an earlier one
 * (as a later configuration layer does in Splunk) and earns a warning.
 */
export function normalizeMacros(defs: readonly MacroDefinition[]): MacroTable {
    if (!Array.isArray(defs)) throw new TypeError("macros must be an array of macro definitions or a MacroTable");
    const table: MacroTable = { byKey: new Map(), arities: new Map(), diagnostics: [] };
    for (const def of defs) {
        const { macro, diagnostics } = normalizeMacro(def);
        table.diagnostics.push(...diagnostics);
        if (macro) addToTable(table, macro, true);
    }
    return table;
}

/**
 * Adds a macro to a table. With `replace` false an existing entry wins silently (used for
 * built-in fallbacks, which user definitions override).
 */
export function addToTable(table: MacroTable, macro: NormalizedMacro, replace: boolean): void {
    if (table.byKey.has(macro.key)) {
        if (!replace) return;
        table.diagnostics.push(diagnostic("SPL4007", `macro '${macro.key}'${where(macro.source)} is defined more than once; the last definition is used`, NO_SPAN, "warning"));
    }
    table.byKey.set(macro.key, macro);
    const list = table.arities.get(macro.name) ?? [];
    if (!list.includes(macro.arity)) {
        list.push(macro.arity);
        list.sort((a, b) => a - b);
    }
    table.arities.set(macro.name, list);
}

/** True for a {@link MacroTable} (as opposed to a list of definitions). */
export function isMacroTable(x: readonly MacroDefinition[] | MacroTable): x is MacroTable {
    return !Array.isArray(x) && (x as MacroTable).byKey instanceof Map;
}

function str(x: unknown): string | undefined {
    return typeof x === "string" ? x : undefined;
}

function bool(x: unknown): boolean | undefined {
    if (typeof x === "boolean") return x;
    if (typeof x === "number") return x !== 0;
    if (typeof x === "string") {
        const v = x.trim().toLowerCase();
        if (["1", "true", "t", "yes", "y"].includes(v)) return true;
        if (["0", "false", "f", "no", "n", ""].includes(v)) return false;
    }
    return undefined;
}

/**
 * Reads a plain object into a definition: a record of the corpus JSONL (`name`, `arguments`,
 * `definition`, `description`, `path`), a parsed security_content macro YAML file (same fields),
 * or an object already in {@link MacroDefinition} shape (`args`). Argument lists may also be a
 * comma-separated string, as in macros.conf. Returns null when `name` or `definition` is not a
 * string; other oddities are left to {@link normalizeMacros} to report.
 */
export function macroFromRecord(obj: unknown): MacroDefinition | null {
    if (typeof obj !== "object" || obj === null) return null;
    const r = obj as Record<string, unknown>;
    const name = str(r["name"]);
    const definition = str(r["definition"]);
    if (name === undefined || definition === undefined) return null;
    const def: MacroDefinition = { name, definition };
    const rawArgs = r["arguments"] ?? r["args"];
    if (Array.isArray(rawArgs)) def.args = rawArgs.map((a) => String(a));
    else if (typeof rawArgs === "string") def.args = splitArgNames(rawArgs);
    const iseval = bool(r["iseval"]);
    if (iseval !== undefined) def.iseval = iseval;
    const validation = str(r["validation"]);
    if (validation !== undefined) def.validation = validation;
    const errormsg = str(r["errormsg"]);
    if (errormsg !== undefined) def.errormsg = errormsg;
    const description = str(r["description"]);
    if (description !== undefined) def.description = description;
    const path = str(r["path"]);
    if (path !== undefined) def.source = { file: path };
    return def;
}

/** Splits a macros.conf `args` value (`a, b,c`) into names; empty text gives no names. */
export function splitArgNames(value: string): string[] {
    const t = value.trim();
    return t === "" ? [] : t.split(",").map((s) => s.trim());
}

/** Parses a boolean setting the way Splunk's .conf files spell them (`1`, `true`, `0`, `false`…). */
export function parseConfBoolean(value: string): boolean | undefined {
    return bool(value);
}
