/** `splc parse [file|-]`: the IR of one search as JSON. */
import { parse } from "../index.js";
import { EXIT, printDiagnostics, readInput, UsageError } from "./io.js";

export const PARSE_HELP = `Usage: splc parse [file|-] [--compact] [--post-process]

Parses one SPL search (a file holding the search text, or standard input) and prints
{ irVersion, pipeline, diagnostics } as JSON on stdout. Diagnostics also go to stderr as
file:line:col code severity: message. Exit code 1 when there are errors.

  --compact        one-line JSON
  --post-process   the text is a dashboard post-process search (starts with a command, no pipe)
`;

export function runParse(args: string[]): number {
    const compact = args.includes("--compact");
    const postProcess = args.includes("--post-process");
    const files = args.filter((a) => a !== "--compact" && a !== "--post-process");
    for (const a of files) if (a.startsWith("--")) throw new UsageError(`unknown option ${a}`);
    if (files.length > 1) throw new UsageError("parse takes one file (or - for standard input)");
    const file = files[0] ?? "-";
    const text = readInput(file);
    const result = parse(text, postProcess ? { postProcess } : {});
    process.stdout.write(`${JSON.stringify(result, null, compact ? undefined : 2)}\n`);
    printDiagnostics(result.diagnostics, text, file === "-" ? "<stdin>" : file, false);
    return result.diagnostics.some((d) => d.severity === "error") ? EXIT.diagnostics : EXIT.ok;
}
