/** `splc parse [file|-]`: the IR of a search, or of the searches in a rule file, as JSON. */
import { parse, type Diagnostic, type ParseResult } from "../index.js";
import { failOnOption, fails } from "./fail-on.js";
import { EXIT, printDiagnostics, UsageError, parseCommandArgs } from "./io.js";
import { inFileSpans, readSearchInput } from "./rule-input.js";

export const PARSE_HELP = `Usage: splc parse [file|-] [--compact] [--fail-on error|warning|none] [--post-process]

Parses SPL and prints { irVersion, pipeline, diagnostics, text } as JSON on stdout. The input is a
plain SPL file or standard input, or a rule file (security_content or Anvilogic YAML,
savedsearches.conf, JSON Lines): its searches are read through the rule loaders; a file with
several rules prints a JSON array of { id, name, result }. Diagnostics also go to stderr as
file:line:col code severity: message, at their place in the file.

  --compact                     one-line JSON
  --fail-on error|warning|none  exit 1 when a diagnostic of that severity (or worse) remains
                                (default error)
  --post-process                the text is a dashboard post-process search (starts with a
                                command, no pipe)
`;

export function runParse(args: string[]): number {
    const parsed = parseCommandArgs(args, { compact: { type: "boolean" }, "fail-on": { type: "string" }, "post-process": { type: "boolean" } });
    const failOn = failOnOption(parsed.values["fail-on"]);
    if (parsed.positionals.length > 1) throw new UsageError("parse takes one file (or - for standard input)");
    const input = readSearchInput(parsed.positionals[0] ?? "-");
    const options = parsed.values["post-process"] === true ? { postProcess: true } : {};
    const indent = parsed.values.compact === true ? undefined : 2;
    const shown: Diagnostic[] = [...input.diagnostics];
    let output: ParseResult | { id: string | null; name: string | null; result: ParseResult }[];
    if (input.rules === null) {
        output = parse(input.text, options);
        shown.push(...output.diagnostics);
    } else {
        const results = input.rules.map((rule) => {
            const result = parse(rule.spl, options);
            shown.push(...inFileSpans(input, rule, result.diagnostics));
            return { id: rule.id, name: rule.name, result };
        });
        output = results.length === 1 && results[0] ? results[0].result : results;
    }
    process.stdout.write(`${JSON.stringify(output, null, indent)}\n`);
    printDiagnostics(shown, input.text, input.name, false);
    return fails(failOn, shown) ? EXIT.diagnostics : EXIT.ok;
}
