/**
 * Offsets to line:column and human-readable code frames. Lines count from 1, columns from 1
 * (as editors and compilers print them), both in UTF-16 code units.
 */
import type { Diagnostic } from "../ir/nodes.js";

/** Line starts of a text, for offset -> line/column in O(log n). */
export interface LineIndex {
    /** Offsets at which each line starts. */
    readonly lineStarts: readonly number[];
    /** 1-based line and column of an offset. */
    position(offset: number): { line: number; column: number };
}

/** Builds a line index of `text` (a newline is `\n`, `\r\n` or `\r`). */
export function createLineIndex(text: string): LineIndex {
    const lineStarts = [0];
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10) lineStarts.push(i + 1);
        else if (c === 13) {
            if (text.charCodeAt(i + 1) === 10) i++;
            lineStarts.push(i + 1);
        }
    }
    return {
        lineStarts,
        position(offset: number) {
            const o = Math.max(0, Math.min(offset, text.length));
            let lo = 0;
            let hi = lineStarts.length - 1;
            while (lo < hi) {
                const mid = (lo + hi + 1) >> 1;
                if ((lineStarts[mid] as number) <= o) lo = mid;
                else hi = mid - 1;
            }
            return { line: lo + 1, column: o - (lineStarts[lo] as number) + 1 };
        },
    };
}

/** Options of {@link formatDiagnostic}. */
export interface FormatDiagnosticOptions {
    /** File name printed before the position. */
    filename?: string;
    /** Print the source line with a caret under the span (default true). */
    codeFrame?: boolean;
    /** Reuse a line index built for the same text. */
    lineIndex?: LineIndex;
}

/**
 * Renders `file:line:col code severity message`, then (optionally) the source line with `^~~~`
 * under the span.
 */
export function formatDiagnostic(d: Diagnostic, text: string, options: FormatDiagnosticOptions = {}): string {
    const index = options.lineIndex ?? createLineIndex(text);
    const { line, column } = index.position(d.span.start);
    const head = `${options.filename ?? "<input>"}:${line}:${column} ${d.code} ${d.severity}: ${d.message}`;
    if (options.codeFrame === false) return head;
    return `${head}\n${codeFrame(text, d.span.start, d.span.end, index)}`;
}

/** The line holding `start`, with a marker under `start..end` (clipped to that line). */
export function codeFrame(text: string, start: number, end: number, index: LineIndex = createLineIndex(text)): string {
    const { line, column } = index.position(start);
    const lineStart = index.lineStarts[line - 1] as number;
    const next = index.lineStarts[line];
    let lineEnd = next === undefined ? text.length : next;
    while (lineEnd > lineStart && (text[lineEnd - 1] === "\n" || text[lineEnd - 1] === "\r")) lineEnd--;
    const source = text.slice(lineStart, lineEnd);
    const gutter = `${line} | `;
    const width = Math.max(1, Math.min(end, lineEnd) - start);
    const pad = " ".repeat(gutter.length + column - 1);
    // Long single-line searches are common: show a window around the span, not the whole line.
    const maxWidth = 160;
    if (source.length > maxWidth) {
        const from = Math.max(0, column - 1 - 60);
        const slice = source.slice(from, from + maxWidth);
        const lead = from > 0 ? "…" : "";
        const shift = column - 1 - from + lead.length;
        return `${gutter}${lead}${slice}${from + maxWidth < source.length ? "…" : ""}\n${" ".repeat(gutter.length + shift)}^${"~".repeat(Math.min(width, maxWidth - shift) - 1)}`;
    }
    return `${gutter}${source}\n${pad}^${"~".repeat(width - 1)}`;
}
