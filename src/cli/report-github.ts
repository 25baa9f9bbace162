/**
 * `--format github`: GitHub Actions workflow commands, one per diagnostic, which the runner turns
 * into annotations on the pull request:
 *
 *     ::error file=rules/x.yml,line=8,col=3,endLine=8,endColumn=4,title=SPL1002::unbalanced ...
 *
 * Escaping follows the runner's rules: in the message `%`, CR and LF become `%25`, `%0D`,
 * `%0A`; in property values `:` and `,` also become `%3A` and `%2C`.
 */
import type { Severity } from "../index.js";
import type { LocatedDiagnostic } from "./located.js";

const COMMAND: Record<Severity, "error" | "warning" | "notice"> = { error: "error", warning: "warning", info: "notice" };

/** Escapes a command's message. */
export function escapeData(s: string): string {
    return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** Escapes a property value. */
export function escapeProperty(s: string): string {
    return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/** One workflow command line (without the line break). */
export function githubAnnotation(d: LocatedDiagnostic): string {
    const props = [`file=${escapeProperty(d.file)}`, `line=${d.line}`, `col=${d.column}`, `endLine=${d.endLine}`, `endColumn=${d.endColumn}`, `title=${escapeProperty(`${d.code} ${d.severity}`)}`];
    return `::${COMMAND[d.severity]} ${props.join(",")}::${escapeData(d.message)}`;
}
