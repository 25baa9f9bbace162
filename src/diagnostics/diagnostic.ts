import type { Diagnostic, Severity } from "../ir/nodes.js";
import type { Span } from "../ir/span.js";
import { DIAGNOSTIC_CODES, type DiagnosticCode } from "./codes.js";

/** Creates a diagnostic with the catalog's severity unless one is given. */
export function diagnostic(code: DiagnosticCode, message: string, span: Span, severity?: Severity): Diagnostic {
    return { code, severity: severity ?? DIAGNOSTIC_CODES[code].severity, message, span: { start: span.start, end: span.end } };
}
