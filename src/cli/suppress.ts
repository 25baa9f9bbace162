/**
 * Suppression comments inside a search:
 *
 *     ```splc-disable SPL4001```                  silences SPL4001 in the whole search
 *     ```splc-disable-next-stage SPL3005 SPL3007```  silences them in the stage after the comment
 *
 * Codes are separated by spaces or commas; text after `--` is a free reason. Without codes every
 * code is silenced. Being SPL comments, they survive `splc fmt` and Splunk ignores them.
 */
import { DIAGNOSTIC_CODES, type Diagnostic, type Pipeline, type Span } from "../index.js";
import { diagnostic } from "../diagnostics/diagnostic.js";
import { scanBackticks } from "../macros/scan.js";

/** The suppressions of one search. Spans index the search text as written (before expansion). */
export interface Suppressions {
    /** Codes silenced in the whole search; null entry set means every code. */
    whole: Set<string> | "all" | null;
    /** Codes silenced inside one stage's span. */
    stages: { span: Span; codes: Set<string> | "all" }[];
    /** Problems of the comments themselves (SPL6002, SPL6003). */
    diagnostics: Diagnostic[];
}

const DIRECTIVE = /^\s*splc-disable(-next-stage)?(?=\s|$)([\s\S]*)$/;

/** Reads the suppression comments of `text`, whose parse gave `pipeline`. */
export function findSuppressions(text: string, pipeline: Pipeline): Suppressions {
    const out: Suppressions = { whole: null, stages: [], diagnostics: [] };
    for (const comment of scanBackticks(text).comments) {
        const m = DIRECTIVE.exec(comment.inner);
        if (!m) continue;
        const span = { start: comment.start, end: comment.end };
        const codes = readCodes((m[2] ?? "").split("--")[0] ?? "", span, out.diagnostics);
        if (m[1]) {
            const next = pipeline.commands.find((c) => c.span.start >= comment.end);
            if (next) out.stages.push({ span: next.span, codes });
            else out.diagnostics.push(diagnostic("SPL6003", "splc-disable-next-stage: no stage follows this comment", span));
        } else if (codes === "all" || out.whole === "all") {
            out.whole = "all";
        } else {
            out.whole = new Set([...(out.whole ?? []), ...codes]);
        }
    }
    return out;
}

function readCodes(list: string, span: Span, problems: Diagnostic[]): Set<string> | "all" {
    const words = list.split(/[\s,]+/).filter((w) => w !== "");
    if (words.length === 0) return "all";
    const codes = new Set<string>();
    for (const w of words) {
        if (w in DIAGNOSTIC_CODES) codes.add(w);
        else problems.push(diagnostic("SPL6002", `unknown diagnostic code '${w}' in a suppression comment`, span));
    }
    return codes;
}

/** The diagnostics that no suppression silences, plus the suppressions' own problems. */
export function applySuppressions(diagnostics: readonly Diagnostic[], s: Suppressions): Diagnostic[] {
    const silenced = (set: Set<string> | "all" | null, code: string): boolean => set === "all" || (set !== null && set.has(code));
    const kept = diagnostics.filter((d) => {
        if (silenced(s.whole, d.code)) return false;
        return !s.stages.some((st) => d.span.start >= st.span.start && d.span.start < st.span.end && silenced(st.codes, d.code));
    });
    return [...kept, ...s.diagnostics];
}
