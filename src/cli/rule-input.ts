/**
 * Inputs of `parse`, `expand` and `fmt`: a plain SPL file (or standard input) is one search; a
 * rule file (YAML, `.conf`, JSON Lines) is read through the rule loaders, so these commands see
 * the searches inside it, never the file's own text as SPL.
 */
import { detectFileKind, loadRuleText, mapDiagnosticsToFile, type RuleDiagnostic, type RuleSource } from "../rules/index.js";
import type { Diagnostic } from "../index.js";
import { readInput } from "./io.js";

/** One input file and the searches found in it. */
export interface SearchInput {
    /** The name to print: the path, or `<stdin>`. */
    name: string;
    /** The file's whole text. */
    text: string;
    /** Null for plain SPL (the search is the whole text); the rules found otherwise. */
    rules: RuleSource[] | null;
    /** Problems of the file itself (broken YAML, no search); spans index `text`. */
    diagnostics: RuleDiagnostic[];
}

/** Reads `path` (`-`: standard input, always plain SPL) and finds its searches. */
export function readSearchInput(path: string): SearchInput {
    const text = readInput(path);
    const name = path === "-" ? "<stdin>" : path;
    if (path === "-" || detectFileKind(path, text) === "spl") return { name, text, rules: null, diagnostics: [] };
    const loaded = loadRuleText(text, { filename: name });
    return { name, text, rules: loaded.rules, diagnostics: loaded.diagnostics };
}

/** Diagnostics of a search of `input` with spans moved into the file's text. */
export function inFileSpans(input: SearchInput, rule: RuleSource | null, diagnostics: readonly Diagnostic[]): Diagnostic[] {
    return rule ? mapDiagnosticsToFile(rule, diagnostics) : [...diagnostics];
}

/** A label for one rule of a file: its name, id, or position. */
export function ruleLabel(rule: RuleSource, i: number): string {
    return rule.name ?? rule.id ?? `${rule.file}#${i + 1}`;
}
