/** `splc fmt [--check] <files|->`: pretty SPL, one stage per line. */
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { formatWithDiagnostics } from "../index.js";
import { EXIT, OutputError, printDiagnostics, readInput, UsageError } from "./io.js";

export const FMT_HELP = `Usage: splc fmt [--check] [--width N] <file.spl...|->

Formats SPL files in place (standard input to standard output with -): one stage per line with
the pipe leading, long boolean expressions and argument lists wrapped at --width (default 100),
\`\`\` comments kept. A file with syntax errors is left unchanged and its errors are reported.
  --check     change nothing; list the files that are not formatted and exit 1 if any
  --width N   line width
`;

export function runFmt(args: string[]): number {
    let parsed;
    try {
        parsed = parseArgs({ args, allowPositionals: true, options: { check: { type: "boolean" }, width: { type: "string" } } });
    } catch (e) {
        throw new UsageError((e as Error).message);
    }
    const width = parsed.values.width === undefined ? undefined : Number(parsed.values.width);
    if (width !== undefined && !(Number.isInteger(width) && width > 10)) throw new UsageError("--width takes a whole number above 10");
    const files = parsed.positionals.length > 0 ? parsed.positionals : ["-"];
    const check = parsed.values.check === true;
    let unformatted = 0;
    let errors = 0;
    for (const file of files) {
        const text = readInput(file);
        const name = file === "-" ? "<stdin>" : file;
        const result = formatWithDiagnostics(text, width === undefined ? {} : { width });
        printDiagnostics(result.diagnostics.filter((d) => d.severity === "error"), text, name, true);
        if (result.diagnostics.some((d) => d.severity === "error")) errors++;
        if (check) {
            if (result.changed) {
                unformatted++;
                process.stdout.write(`${name}: not formatted\n`);
            }
        } else if (file === "-") {
            process.stdout.write(result.text);
        } else if (result.changed) {
            try {
                writeFileSync(file, result.text);
            } catch (e) {
                throw new OutputError(`cannot write ${file}: ${(e as Error).message}`);
            }
        }
    }
    return unformatted > 0 || errors > 0 ? EXIT.diagnostics : EXIT.ok;
}
