/** `splc fmt [--check|--diff] <files|->`: pretty SPL, one stage per line, in SPL and rule files. */
import { writeFileSync } from "node:fs";
import { formatWithDiagnostics, type Diagnostic, type FormatOptions } from "../index.js";
import { unifiedDiff } from "./diff.js";
import { EXIT, OutputError, printDiagnostics, UsageError, parseCommandArgs } from "./io.js";
import { inFileSpans, readSearchInput, ruleLabel, type SearchInput } from "./rule-input.js";
import { replaceRuleSearch } from "./rule-rewrite.js";

export const FMT_HELP = `Usage: splc fmt [--check | --diff] [--width N] [--parenthesize-or] <files...|->

Formats SPL in place (standard input to standard output with -): one stage per line with the
pipe leading, long boolean expressions and argument lists wrapped at --width (default 100),
\`\`\` comments kept. Rule files (security_content and Anvilogic YAML, savedsearches.conf, JSON
Lines) are read through the rule loaders: only the search inside each rule is rewritten (as a
YAML literal block, or .conf continuation lines) and every other byte of the file stays. A search
with syntax errors is left unchanged and its errors are reported. Parentheses the author wrote
around an OR inside an AND are kept: \`a OR b c\` means \`(a OR b) c\`, and they say so.
  --check     change nothing; list the files that are not formatted and exit 1 if any
  --diff      change nothing; print a unified diff of what would change and exit 1 if any
  --width N   line width
  --parenthesize-or   add those parentheses around every OR inside an AND
`;

/** What formatting one file gives. */
interface FileFormat {
    text: string;
    diagnostics: Diagnostic[];
    /** Rules whose formatted search could not be written back into the file. */
    unwritable: string[];
}

export function runFmt(args: string[]): number {
    const parsed = parseCommandArgs(args, { check: { type: "boolean" }, diff: { type: "boolean" }, width: { type: "string" }, "parenthesize-or": { type: "boolean" } });
    const width = parsed.values.width === undefined ? undefined : Number(parsed.values.width);
    if (width !== undefined && !(Number.isInteger(width) && width > 10)) throw new UsageError("--width takes a whole number above 10");
    const options: FormatOptions = { ...(width === undefined ? {} : { width }), ...(parsed.values["parenthesize-or"] === true ? { parenthesizeOr: true } : {}) };
    const files = parsed.positionals.length > 0 ? parsed.positionals : ["-"];
    const check = parsed.values.check === true;
    const diff = parsed.values.diff === true;
    if (check && diff) throw new UsageError("--check and --diff cannot be combined");
    let unformatted = 0;
    let errors = 0;
    for (const file of files) {
        const input = readSearchInput(file);
        const result = formatInput(input, options);
        printDiagnostics(result.diagnostics, input.text, input.name, true);
        for (const name of result.unwritable) process.stderr.write(`${input.name}: ${name}: the formatted search cannot be written back into this file; left as is\n`);
        if (result.diagnostics.some((d) => d.severity === "error") || result.unwritable.length > 0) errors++;
        const changed = result.text !== input.text;
        if (check || diff) {
            if (!changed) continue;
            unformatted++;
            process.stdout.write(check ? `${input.name}: not formatted\n` : unifiedDiff(input.text, result.text, input.name));
        } else if (file === "-") {
            process.stdout.write(result.text);
        } else if (changed) {
            try {
                writeFileSync(file, result.text);
            } catch (e) {
                throw new OutputError(`cannot write ${file}: ${(e as Error).message}`);
            }
        }
    }
    return unformatted > 0 || errors > 0 ? EXIT.diagnostics : EXIT.ok;
}

function formatInput(input: SearchInput, options: FormatOptions): FileFormat {
    if (input.rules === null) {
        const r = formatWithDiagnostics(input.text, options);
        return { text: r.text, diagnostics: r.diagnostics.filter((d) => d.severity === "error"), unwritable: [] };
    }
    const out: FileFormat = { text: input.text, diagnostics: input.diagnostics.filter((d) => d.severity === "error"), unwritable: [] };
    // Last rule first, so the spans of the rules before it still index the text being edited.
    const order = input.rules.map((rule, index) => ({ rule, index })).sort((x, y) => y.rule.fileSpan.start - x.rule.fileSpan.start);
    for (const { rule, index } of order) {
        const r = formatWithDiagnostics(rule.spl, options);
        out.diagnostics.push(
            ...inFileSpans(
                input,
                rule,
                r.diagnostics.filter((d) => d.severity === "error"),
            ),
        );
        if (!r.changed) continue;
        const next = replaceRuleSearch(out.text, input.name, rule, index, r.text);
        if (next === null) out.unwritable.push(ruleLabel(rule, index));
        else out.text = next;
    }
    out.diagnostics.sort((a, b) => a.span.start - b.span.start);
    return out;
}
