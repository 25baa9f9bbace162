/** Carrying diagnostics about a rule's SPL (spans index `spl`) over to the rule's file. */
import type { Diagnostic } from "../ir/nodes.js";
import type { Span } from "../ir/span.js";
import type { RuleDiagnostic, RuleSource } from "./types.js";

/**
 * Maps a span of `rule.spl` to a span of the file text. The end is mapped as the end of the
 * span's last character, so a span over a folded line break still ends where its text does.
 */
export function toFileSpan(rule: RuleSource, span: Span): Span {
    const start = rule.toFileOffset(span.start);
    if (span.end <= span.start) return { start, end: start };
    const end = rule.toFileOffset(span.end - 1) + 1;
    return { start, end: Math.max(start, end) };
}

/**
 * Rewrites diagnostics of a parse of `rule.spl` so that `span` and `related` spans index the
 * rule's file; `origin` (a span in a macro definition) is left as is. Each result names the file.
 */
export function mapDiagnosticsToFile(rule: RuleSource, diagnostics: readonly Diagnostic[]): RuleDiagnostic[] {
    return diagnostics.map((d) => {
        const mapped: RuleDiagnostic = { ...d, span: toFileSpan(rule, d.span), file: rule.file };
        if (d.related) mapped.related = d.related.map((r) => ({ ...r, span: toFileSpan(rule, r.span) }));
        return mapped;
    });
}
