/**
 * `format(text)`: parse, then pretty-print one stage per line with the pipe leading, wrapping
 * long expressions and argument lists at `width`.
 *
 * Comments (```...```) live on the lexer's hidden channel, not in the IR, so they are put back
 * by position, at stage granularity:
 * - a comment before the first stage stays on its own line at the top;
 * - a comment after a stage on the same line (nothing but blanks between the stage's end and
 *   the comment) stays at the end of that stage's last line;
 * - a comment after a line break, between two stages, goes on its own line before the next
 *   stage (after the last stage: on its own line at the end);
 * - a comment inside a stage stays in place before the element it precedes: a search operand,
 *   a command argument, an eval assignment, an aggregation or option of the stats family, a
 *   stage inside a subsearch (a comment is white space to the lexer, so it may stand wherever
 *   a space may); one that no such element follows (the last thing in a subsearch, or inside
 *   an expression) moves to its own line before the stage.
 * A formatted text therefore only has comments on their own lines or at line ends, which
 * these rules put back where they are: format(format(x)) === format(x).
 *
 * Safety: text with error diagnostics is returned unchanged (with the diagnostics), and so is
 * text whose formatted form would not parse back to the same IR (diagnostic SPL1201).
 */
import type { Command, Diagnostic, ParseResult, Pipeline } from "../ir/nodes.js";
import { parse } from "../parse.js";
import { lex } from "../parser/parse-tree.js";
import { codePointOffsets, forEachSpanned } from "../ir/span.js";
import { Token } from "antlr4ng";
import { SplParser } from "../generated/SplParser.js";
import { diagnostic } from "../diagnostics/diagnostic.js";
import { render } from "./doc.js";
import { stageDocs, type OrParens, type SourceComment } from "./print.js";
import { firstDifference } from "./equal.js";
import { unescapeSpl } from "../ir/escapes.js";

/** Options of {@link format}. */
export interface FormatOptions {
    /** Line width to wrap at (default 100). A single word longer than this stays whole. */
    width?: number;
    /** One level of indentation for continuation lines (default four spaces). */
    indent?: string;
    /**
     * Parentheses around an OR that is an operand of an AND (`(a OR b) c`). By default the ones
     * the author wrote are kept and none are added; true adds them wherever they are missing.
     */
    parenthesizeOr?: boolean;
}

/** What {@link formatWithDiagnostics} returns. */
export interface FormatResult {
    /** The formatted text; the input itself when it was not formatted. */
    text: string;
    /** True when the text was formatted (no errors, and the result parses back to the same IR). */
    formatted: boolean;
    /** True when `text` differs from the input. */
    changed: boolean;
    /** The diagnostics of parsing the input, plus SPL1201 when the safety check refused. */
    diagnostics: Diagnostic[];
}

/** What {@link checkFormat} returns (for `splc fmt --check`). */
export interface FormatCheck {
    /** True when the input is already formatted, or cannot be formatted (syntax errors). */
    ok: boolean;
    /** The formatted text (the input when it cannot be formatted). */
    expected: string;
    diagnostics: Diagnostic[];
}

const DEFAULT_WIDTH = 100;
const DEFAULT_INDENT = "    ";

/** Formats SPL text; returns the input unchanged when it has syntax errors. Never throws for string input. */
export function format(text: string, options: FormatOptions = {}): string {
    return formatWithDiagnostics(text, options).text;
}

/** Formats SPL text and says whether it did, and why not. */
export function formatWithDiagnostics(text: string, options: FormatOptions = {}): FormatResult {
    if (typeof text !== "string") throw new TypeError("format(text): text must be a string");
    const { output: _output, ...result } = formatParsed(parse(text), options);
    return result;
}

/** What {@link formatParsed} returns: a {@link FormatResult} and the parse of the formatted text. */
export interface FormatParsedResult extends FormatResult {
    /**
     * The parse of `text` when it was formatted (its IR equals the input's up to spans, which
     * lets a caller map spans onto the formatted text without parsing again), else null.
     */
    output: ParseResult | null;
}

/**
 * {@link formatWithDiagnostics} of a search parsed already, without macro expansion
 * (`parse(text)`): saves the parse of the input, and returns the parse of the output. A text
 * that is formatted already costs no second parse: its output is the text itself, whose parse
 * is `parsed` (the safety check, which compares the IR of the output with the input's, would
 * compare a parse with itself).
 */
export function formatParsed(parsed: ParseResult, options: FormatOptions = {}): FormatParsedResult {
    const text = parsed.text;
    const width = options.width ?? DEFAULT_WIDTH;
    const unit = options.indent ?? DEFAULT_INDENT;
    const diagnostics = parsed.diagnostics;
    if (diagnostics.some((d) => d.severity === "error")) return { text, formatted: false, changed: false, diagnostics, output: null };
    let out: string;
    let diff: string | null;
    let again: ParseResult | null = null;
    try {
        // A final line break stays (files end with one); other surrounding blanks go. One that
        // ends the last token (`\` before it is an escape) is no final line break.
        const last = parsed.pipeline.commands[parsed.pipeline.commands.length - 1];
        const finalBreak = /\r?\n$/.test(text) && (last === undefined || last.span.end < text.length);
        out = layout(text, parsed.pipeline, width, unit, options.parenthesizeOr === true ? "always" : "keep") + (finalBreak ? "\n" : "");
        // Text that is formatted already comes back as it is: its parse is the one given (the
        // same text parses to the same IR), so the check below would compare it with itself.
        if (out === text) return { text, formatted: true, changed: false, diagnostics, output: parsed };
        again = parse(out);
        diff = again.diagnostics.some((d) => d.severity === "error") ? "$ (the output has syntax errors)" : firstDifference(parsed.pipeline, again.pipeline);
    } catch (e) {
        // Never throw for string input: a tree too deep for the printer's recursion (thousands
        // of unparenthesised unary operators) is left as written.
        diff = `$ (${e instanceof Error ? e.name : "error"} while printing)`;
        out = text;
    }
    if (diff !== null) {
        const d = diagnostic("SPL1201", `not formatted: the formatted text would not parse back to the same search (first difference at ${diff})`, { start: 0, end: text.length });
        return { text, formatted: false, changed: false, diagnostics: [...diagnostics, d], output: null };
    }
    return { text: out, formatted: true, changed: out !== text, diagnostics, output: again };
}

/** Whether `text` is already formatted. Text that cannot be formatted counts as ok (its diagnostics say why). */
export function checkFormat(text: string, options: FormatOptions = {}): FormatCheck {
    const r = formatWithDiagnostics(text, options);
    return { ok: !r.changed, expected: r.text, diagnostics: r.diagnostics };
}

/** The ``` comments of a text, in order. */
function comments(text: string): SourceComment[] {
    if (!text.includes("```")) return [];
    const toOffset = codePointOffsets(text);
    const out: SourceComment[] = [];
    let last = -1;
    for (const t of lex(text).tokens.getTokens()) {
        if (t.type !== SplParser.COMMENT) {
            if (t.channel === Token.DEFAULT_CHANNEL) last = t.type;
            continue;
        }
        const span = { start: toOffset(t.start), end: toOffset(t.stop + 1) };
        out.push({ span, text: text.slice(span.start, span.end), afterPipe: last === SplParser.PIPE, afterBracket: last === SplParser.LBRACKET });
    }
    return out;
}

/**
 * IR nodes whose own strings hold a comment (`TERM(a```c```b)`, a call-form field name or BY
 * field `M(```c```)`: the lexer reads these as one token), with those strings. The printer
 * writes such comments with the string, so putting them back as well would add a copy on every
 * pass.
 */
function carriers(pipeline: Pipeline): { start: number; end: number; strings: string[] }[] {
    const out: { start: number; end: number; strings: string[] }[] = [];
    forEachSpanned(pipeline, (o) => {
        // A value standing for a subsearch prints from its pipeline, not from its text.
        if ("subsearch" in o && o.subsearch !== undefined) return;
        const strings: string[] = [];
        for (const [k, v] of Object.entries(o)) {
            if (k === "span" || k === "origin") continue;
            if (typeof v === "string") {
                if (v.includes("```")) strings.push(v);
            } else if (Array.isArray(v)) {
                for (const e of v) if (typeof e === "string" && e.includes("```")) strings.push(e);
            }
        }
        if (strings.length > 0) out.push({ start: o.span.start, end: o.span.end, strings });
    });
    return out;
}

/** Whether a carrier holds the comment `c` (it lies inside the node and one of its strings has its text, as written or with escapes resolved). */
function carried(c: SourceComment, carriers: readonly { start: number; end: number; strings: string[] }[]): boolean {
    const resolved = unescapeSpl(c.text);
    return carriers.some((s) => s.start <= c.span.start && c.span.end <= s.end && s.strings.some((t) => t.includes(c.text) || t.includes(resolved)));
}

function holds(k: Command, c: SourceComment): boolean {
    return k.span.start <= c.span.start && c.span.end <= k.span.end;
}

function layout(text: string, pipeline: Pipeline, width: number, unit: string, orParens: OrParens): string {
    const cmds = pipeline.commands;
    const leading: string[][] = cmds.map(() => []);
    const trailing: string[][] = cmds.map(() => []);
    const inside: SourceComment[][] = cmds.map(() => []);
    const footer: string[] = [];
    const header: string[] = [];
    const held = carriers(pipeline);
    const all = held.length === 0 ? comments(text) : comments(text).filter((c) => !carried(c, held));
    // Comments and stages are both in source order: one sweep finds, for each comment, the stages
    // that end before it (the last is `prev`) and the stage that holds it or follows it.
    const outside: { c: SourceComment; prev: number; next: number }[] = [];
    let ended = 0;
    for (const c of all) {
        while (ended < cmds.length && (cmds[ended] as Command).span.end <= c.span.start) ended++;
        let next = ended;
        while (next < cmds.length && (cmds[next] as Command).span.start < c.span.end && !holds(cmds[next] as Command, c)) next++;
        if (next < cmds.length && holds(cmds[next] as Command, c)) (inside[next] as SourceComment[]).push(c);
        else outside.push({ c, prev: ended - 1, next: next < cmds.length ? next : -1 });
    }
    const { docs, unclaimed } = stageDocs(pipeline, inside, orParens);
    const stages = docs.map((d) => render(d, width, unit));
    // The last line break before each comment, found by one scan over the text.
    let scanned = 0;
    let lastBreak = -1;
    for (const { c, prev, next } of outside) {
        for (; scanned < c.span.start; scanned++) if (text[scanned] === "\n" || text[scanned] === "\r") lastBreak = scanned;
        if (prev >= 0 && lastBreak < (cmds[prev] as Command).span.end) (trailing[prev] as string[]).push(c.text);
        else if (next >= 0) (leading[next] as string[]).push(c.text);
        else if (prev >= 0) footer.push(c.text);
        else header.push(c.text);
    }
    // Comments inside a stage that no element of it follows go before the stage, after the
    // ones written between the stages (source order).
    unclaimed.forEach((cs, i) => (leading[i] as string[]).push(...cs.map((c) => c.text)));
    const lines: string[] = [...header];
    stages.forEach((s, i) => {
        lines.push(...(leading[i] as string[]));
        const t = trailing[i] as string[];
        lines.push(t.length > 0 ? `${s} ${t.join(" ")}` : s);
    });
    lines.push(...footer);
    return lines.join("\n");
}
