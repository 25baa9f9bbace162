/**
 * The report of one rule in `splc analyze`: its analysis after suppressions and the config's
 * severities, and its diagnostics placed in the rule file. Made in the main thread or in the
 * analysis thread (`analyze-thread.ts`), by the same function.
 */
import { analyze, createLineIndex, type Analysis, type AnalyzeOptions, type LineIndex, type ParseResult } from "../index.js";
import { mapDiagnosticsToFile, type RuleSource } from "../rules/index.js";
import { applySeverities, type EffectiveConfig } from "./config.js";
import { locate, type LocatedDiagnostic } from "./located.js";
import { applySuppressions, findSuppressions } from "./suppress.js";

/** One analysed rule, as written by the json/jsonl formats. */
export interface RuleReport {
    id: string | null;
    name: string | null;
    file: string;
    format: string;
    /** The analysis; its diagnostics are those left after suppressions and the config's severities. */
    analysis: Analysis;
    /** The same diagnostics with spans in the rule file, plus line and column of both ends. */
    diagnostics: LocatedDiagnostic[];
}

/** What every report of a run shares. */
export interface ReportContext {
    config: EffectiveConfig;
    analyzeOptions: AnalyzeOptions;
    /** The line index of a file's text. */
    lineIndex(file: string): LineIndex;
}

/** Analyses one parsed rule and places its diagnostics in the rule file. */
export function reportRule(rule: RuleSource, result: ParseResult, cx: ReportContext): RuleReport {
    const raw = analyze(result, cx.analyzeOptions);
    const kept = applySeverities(applySuppressions(raw.diagnostics, findSuppressions(rule.spl, result.pipeline)), cx.config);
    const diagnostics = mapDiagnosticsToFile(rule, kept).map((d) => locate(d, cx.lineIndex(rule.file)));
    return { id: rule.id, name: rule.name, file: rule.file, format: rule.format, analysis: { ...raw, diagnostics: kept }, diagnostics };
}

/** Line indexes of the given file texts, each made on first use (an unknown file reads as empty). */
export function lineIndexes(texts: Readonly<Record<string, string>>): (file: string) => LineIndex {
    const made = new Map<string, LineIndex>();
    return (file) => {
        let li = made.get(file);
        if (!li) made.set(file, (li = createLineIndex(texts[file] ?? "")));
        return li;
    };
}

/** A report as one line of the jsonl format. */
export function jsonLine(report: RuleReport): string {
    return `${JSON.stringify(report)}\n`;
}
