/** Diagnostics placed in their file, with 1-based line and column of both ends, for the reports. */
import type { LineIndex } from "../index.js";
import type { RuleDiagnostic } from "../rules/index.js";

/** A diagnostic with `span` indexing the text of `file`, and its start and end as line:column. */
export interface LocatedDiagnostic extends RuleDiagnostic {
    line: number;
    column: number;
    endLine: number;
    endColumn: number;
}

/** Adds the positions of a diagnostic's span in its file. */
export function locate(d: RuleDiagnostic, li: LineIndex): LocatedDiagnostic {
    const start = li.position(d.span.start);
    const end = li.position(Math.max(d.span.start, d.span.end));
    return { ...d, line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}
