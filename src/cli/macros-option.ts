/** Loading `--macros <file|dir>` for the commands that expand macros. */
import { loadRuleFiles } from "../rules/node.js";
import type { ExpandOptions, MacroDefinition } from "../index.js";
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
        printDiagnostics(loaded.diagnostics.filter((d) => d.file === file), text, file, true);
    }
    return loaded.macros;
}

/** Expansion options from `--builtins` and `--undefined keep|empty`. */
export function expandOptions(values: { builtins?: boolean; undefined?: string }): ExpandOptions {
    const policy = values.undefined ?? "keep";
    if (policy !== "keep" && policy !== "empty") throw new UsageError(`--undefined must be keep or empty, not '${policy}'`);
    return { builtins: values.builtins === true, undefined: policy };
}
