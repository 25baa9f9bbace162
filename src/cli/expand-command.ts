/** `splc expand`: the search with its macros expanded, as Splunk would run it. */
import { parseArgs } from "node:util";
import { expandMacros } from "../index.js";
import { EXIT, printDiagnostics, readInput, UsageError } from "./io.js";
import { expandOptions, loadMacros } from "./macros-option.js";

export const EXPAND_HELP = `Usage: splc expand [file|-] --macros <file|dir>... [--builtins] [--undefined keep|empty]

Prints the search with every macro call expanded textually (as Splunk does before parsing).
  --macros <path>      macros.conf, security_content macro YAML, or a JSONL of macros (repeatable)
  --builtins           also use splc's built-in CIM macros (drop_dm_object_name)
  --undefined <policy> keep (default: unknown calls stay, with a warning) or empty (removed)
Diagnostics go to stderr. Exit code 1 when expansion reports an error.
`;

export async function runExpand(args: string[]): Promise<number> {
    let parsed;
    try {
        parsed = parseArgs({ args, allowPositionals: true, options: {
            macros: { type: "string", multiple: true }, builtins: { type: "boolean" }, undefined: { type: "string" },
        } });
    } catch (e) {
        throw new UsageError((e as Error).message);
    }
    if (parsed.positionals.length > 1) throw new UsageError("expand takes one file (or - for standard input)");
    const file = parsed.positionals[0] ?? "-";
    const macros = await loadMacros(parsed.values.macros ?? []);
    const text = readInput(file);
    const result = expandMacros(text, macros, expandOptions(parsed.values));
    process.stdout.write(result.text.endsWith("\n") ? result.text : `${result.text}\n`);
    printDiagnostics(result.diagnostics, text, file === "-" ? "<stdin>" : file, true);
    return result.diagnostics.some((d) => d.severity === "error") ? EXIT.diagnostics : EXIT.ok;
}
