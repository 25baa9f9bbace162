/** `splc expand`: the search with its macros expanded, as Splunk would run it. */
import { expandMacros, type Diagnostic } from "../index.js";
import { EXIT, printDiagnostics, UsageError, parseCommandArgs } from "./io.js";
import { expandOptions, loadMacros, MACRO_OPTIONS } from "./macros-option.js";
import { inFileSpans, readSearchInput, ruleLabel } from "./rule-input.js";

export const EXPAND_HELP = `Usage: splc expand [file|-] --macros <file|dir>... [--builtins] [--undefined keep|empty]

Prints the search with every macro call expanded textually (as Splunk does before parsing). The
input is plain SPL (a file or standard input) or a rule file (YAML, savedsearches.conf, JSON
Lines), whose searches are printed one after the other under a '== name' line when there are
several.
  --macros <path>      macros.conf, security_content macro YAML, or a JSONL of macros (repeatable)
  --builtins           also use splc's built-in CIM macros (drop_dm_object_name)
  --undefined <policy> keep (default: unknown calls stay, with a warning) or empty (removed)
Diagnostics go to stderr. Exit code 1 when expansion reports an error.
`;

export async function runExpand(args: string[]): Promise<number> {
    const parsed = parseCommandArgs(args, {
        ...MACRO_OPTIONS,
    });
    if (parsed.positionals.length > 1) throw new UsageError("expand takes one file (or - for standard input)");
    const options = expandOptions(parsed.values);
    const macros = await loadMacros(parsed.values.macros ?? []);
    const input = readSearchInput(parsed.positionals[0] ?? "-");
    const shown: Diagnostic[] = [...input.diagnostics];
    const searches = input.rules === null ? [{ rule: null, spl: input.text }] : input.rules.map((rule) => ({ rule, spl: rule.spl }));
    searches.forEach(({ rule, spl }, i) => {
        const result = expandMacros(spl, macros, options);
        if (rule && searches.length > 1) process.stdout.write(`== ${ruleLabel(rule, i)}\n`);
        process.stdout.write(result.text.endsWith("\n") ? result.text : `${result.text}\n`);
        shown.push(...inFileSpans(input, rule, result.diagnostics));
    });
    printDiagnostics(shown, input.text, input.name, true);
    return shown.some((d) => d.severity === "error") ? EXIT.diagnostics : EXIT.ok;
}
