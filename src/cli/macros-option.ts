/** Loading `--macros <file|dir>` for the commands that expand macros. */
import { loadRuleFiles } from "../rules/node.js";
import { normalizeMacros, type ExpandOptions, type MacroDefinition, type MacroTable } from "../index.js";
import type { LoadRuleFilesResult } from "../rules/node.js";
import { printDiagnostics } from "./io.js";
import { UsageError } from "./io.js";

/** Reads macro definitions from macros.conf, security_content macro YAML, or JSONL files and folders. */
export async function loadMacros(paths: readonly string[]): Promise<MacroDefinition[]> {
    if (paths.length === 0) return [];
    // Every file given to --macros is read as macros (a `.conf` named other than macros.conf too).
    const loaded = await loadRuleFiles(paths, { format: "macros" });
    for (const d of loaded.diagnostics) {
        if (d.code === "SPL5005") throw new UsageError(d.message);
    }
    for (const [file, text] of Object.entries(loaded.texts)) {
        printDiagnostics(
            loaded.diagnostics.filter((d) => d.file === file),
            text,
            file,
            true,
        );
    }
    return loaded.macros;
}

/** Expansion options from `--builtins` and `--undefined keep|empty`. */
export function expandOptions(values: { builtins?: boolean; undefined?: string }): ExpandOptions {
    const policy = values.undefined ?? "keep";
    if (policy !== "keep" && policy !== "empty") throw new UsageError(`--undefined must be keep or empty, not '${policy}'`);
    return { builtins: values.builtins === true, undefined: policy };
}

/** The `parseArgs` options shared by the commands that read rules and expand their macros. */
export const MACRO_OPTIONS = {
    macros: { type: "string", multiple: true },
    builtins: { type: "boolean" },
    undefined: { type: "string" },
} as const;

/**
 * Loads rule files and the macros among them and in `--macros`, and builds the macro table
 * (null when there is nothing to expand). Unreadable inputs are usage errors.
 */
export async function loadRulesWithMacros(
    paths: readonly string[],
    values: { macros?: string[]; builtins?: boolean; undefined?: string },
): Promise<{ inputs: LoadRuleFilesResult; definitions: MacroDefinition[]; table: MacroTable | null; expand: ExpandOptions }> {
    const inputs = await loadRuleFiles(paths);
    // Every file given to --macros is read as macros, as loadMacros does.
    const extra = values.macros && values.macros.length > 0 ? await loadRuleFiles(values.macros, { format: "macros" }) : null;
    const unreadable = [...inputs.diagnostics, ...(extra?.diagnostics ?? [])].filter((d) => d.code === "SPL5005");
    if (unreadable.length > 0) throw new UsageError(unreadable.map((d) => `${d.file}: ${d.message}`).join("\n"));
    const definitions = [...inputs.macros, ...(extra?.macros ?? [])];
    const expand = expandOptions(values);
    return { inputs, definitions, table: definitions.length > 0 || expand.builtins ? normalizeMacros(definitions) : null, expand };
}
