/**
 * `rex` (field extraction / sed) and `regex` (filtering by a regular expression).
 */
import type { RegexCommand, RexCommand } from "../../ir/commands.js";
import type { CommandArg, StringArg } from "../../ir/nodes.js";
import { cover, type Span } from "../../ir/span.js";
import { base, intOption, isComma, keepAsWritten, notUnderstood, optionsOf, optionValue, otherOptions, report, sourceOf, type CommandInput, type LoweringTable } from "./util.js";

/** What {@link scanRegex} finds in a PCRE pattern. */
export interface RegexScan {
    /** Named groups, in order of appearance, without duplicates. */
    groups: string[];
    /** Structural problems (unbalanced parentheses, bad group names), with offsets into the pattern. */
    problems: { message: string; offset: number }[];
}

const GROUP_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Scans a PCRE pattern for its named groups (`(?<name>…)`, `(?P<name>…)`, `(?'name'…)`) and
 * for problems that make any regex engine reject it. It does not compile the pattern: JavaScript's
 * engine differs from PCRE (`(?i)`, possessive quantifiers, `\x{..}`), so only structure is checked.
 */
export function scanRegex(pattern: string): RegexScan {
    const groups: string[] = [];
    const problems: RegexScan["problems"] = [];
    const open: number[] = [];
    let inClass = false;
    for (let i = 0; i < pattern.length; i++) {
        const c = pattern[i];
        if (c === "\\") {
            // `\Q...\E` quotes everything up to `\E`.
            if (pattern[i + 1] === "Q") {
                const end = pattern.indexOf("\\E", i + 2);
                i = end < 0 ? pattern.length : end + 1;
            } else i++;
            continue;
        }
        if (inClass) {
            if (c === "]") inClass = false;
            continue;
        }
        if (c === "[") {
            inClass = true;
            // `[]...]` and `[^]...]`: a leading `]` is literal.
            if (pattern[i + 1] === "^") i++;
            if (pattern[i + 1] === "]") i++;
            continue;
        }
        if (c === "(") {
            open.push(i);
            if (pattern[i + 1] !== "?") continue;
            const name = groupName(pattern, i);
            if (name === null) continue;
            if (!GROUP_NAME.test(name.text)) problems.push({ message: `invalid group name '${name.text}'`, offset: i });
            else if (!groups.includes(name.text)) groups.push(name.text);
            continue;
        }
        if (c === ")") {
            if (open.length === 0) problems.push({ message: "unmatched ')'", offset: i });
            else open.pop();
        }
    }
    if (inClass) problems.push({ message: "unterminated character class '['", offset: pattern.lastIndexOf("[") });
    for (const o of open) problems.push({ message: "unclosed '('", offset: o });
    return { groups, problems };
}

/** The name of a named group opening at `i` (`(?<`, `(?P<`, `(?'`), or null for other `(?` groups. */
function groupName(p: string, i: number): { text: string } | null {
    let j = i + 2;
    let close: string;
    if (p[j] === "P" && p[j + 1] === "<") {
        j += 2;
        close = ">";
    } else if (p[j] === "<" && p[j + 1] !== "=" && p[j + 1] !== "!") {
        j += 1;
        close = ">";
    } else if (p[j] === "'") {
        j += 1;
        close = "'";
    } else return null;
    const end = p.indexOf(close, j);
    return { text: end < 0 ? p.slice(j) : p.slice(j, end) };
}

/** Reports the problems of a pattern as SPL2007 at the pattern's argument. */
function checkPattern(input: CommandInput, pattern: string, span: Span): string[] {
    const scan = scanRegex(pattern);
    for (const p of scan.problems) report(input, "SPL2007", `${input.node.name}: invalid regular expression: ${p.message}`, span);
    return scan.groups;
}

/**
 * The pattern of a quoted argument. With a `)` glued after the closing quote (SPL1014) and a
 * pattern that is only valid with it (`"(?<x>.+")`), the `)` is read as part of the argument.
 */
function gluedReading(a: StringArg): string {
    if (!a.gluedParen || scanRegex(a.value).problems.length === 0) return a.value;
    const withParen = `${a.value})`;
    return scanRegex(withParen).problems.length === 0 ? withParen : a.value;
}

/** `rex [field=f] "regex" [max_match=n] [offset_field=f]` or `rex [field=f] mode=sed "s/a/b/"` */
export function lowerRex(input: CommandInput): RexCommand {
    const { node } = input;
    const options = optionsOf(node);
    const mode = (optionValue(options, "mode") ?? "").toLowerCase() === "sed" ? "sed" : "regex";
    let patternArg: StringArg | null = null;
    const stray: CommandArg[] = [];
    for (const a of input.args) {
        if (a.kind === "OptionArg" || isComma(a) || a.kind === "MacroCall") continue;
        if (a.kind === "StringArg" && !patternArg) patternArg = a;
        else stray.push(a);
    }
    const m = optionValue(options, "mode");
    const modeOpt = options.find((o) => o.name.toLowerCase() === "mode");
    if (m !== null && m.toLowerCase() !== "sed" && modeOpt) report(input, "SPL2008", `rex: mode must be 'sed', not '${m}'`, modeOpt.span);
    // An unquoted pattern: Splunk's documentation requires the quotes, but a pattern without
    // spaces is one token to Splunk; read it back from the pieces the generic lowering made.
    const unquoted = !patternArg && stray.length > 0 ? sourceOf(stray) : null;
    const first = stray[0];
    const last = stray[stray.length - 1];
    if (!patternArg && first && last) {
        report(input, "SPL2006", "rex: write the regular expression in double quotes", cover(first.span, last.span));
        // Not readable as one pattern: the pieces stay as written, so that printing keeps them.
        if (unquoted === null) for (const a of stray) keepAsWritten(input, a);
    } else {
        for (const a of stray) notUnderstood(input, a);
        if (!patternArg && !input.args.some((a) => a.kind === "MacroCall")) {
            report(input, "SPL2005", mode === "sed" ? "rex mode=sed needs a quoted sed expression" : "rex needs a quoted regular expression", node.span);
        }
    }
    const pattern = patternArg ? gluedReading(patternArg) : unquoted;
    const patternSpan = patternArg?.span ?? (first && last ? cover(first.span, last.span) : node.span);
    if (pattern !== null && mode === "regex") checkPattern(input, pattern, patternSpan);
    return {
        kind: "RexCommand",
        ...base(input),
        field: optionValue(options, "field") ?? "_raw",
        mode,
        pattern,
        maxMatch: intOption(input, options, "max_match", 1),
        options: otherOptions(options, "field", "mode", "max_match"),
    };
}

/** `regex [field(=|!=)]"pattern"` (also `regex field = "pattern"`, `regex "pattern"` on `_raw`). */
export function lowerRegex(input: CommandInput): RegexCommand {
    const { node } = input;
    let field = "_raw";
    let negated = false;
    let pattern: string | null = null;
    let patternSpan: Span | null = null;
    const args: CommandArg[] = input.args.filter((a) => !isComma(a));
    // `regex uri_path-"(?i)x"`: a field joined to its pattern by `-`, most likely a typo for `=`.
    const raw = input.node.args;
    for (let i = 0; i + 1 < raw.length; i++) {
        const w = raw[i];
        const s = raw[i + 1];
        if (w?.kind === "WordArg" && s?.kind === "StringArg" && /^[A-Za-z_][\w.]*-$/.test(w.text) && w.span.end === s.span.start && raw.length === 2) {
            report(input, "SPL2009", `regex: '${w.text}${s.raw}' joins the field to its pattern with '-'; '=' was probably meant (Splunk's reading of this is unverified)`, {
                start: w.span.start,
                end: s.span.end,
            });
            checkPattern(input, s.value, s.span);
            return { kind: "RegexCommand", ...base(input), field: w.text.slice(0, -1), negated: false, pattern: s.value };
        }
    }
    for (let i = 0; i < args.length; i++) {
        const a = args[i];
        if (!a) break;
        if (pattern === null && a.kind === "OptionArg") {
            field = a.name;
            pattern = a.value;
            patternSpan = a.span;
            continue;
        }
        const op = args[i + 1];
        const value = args[i + 2];
        if (pattern === null && a.kind === "WordArg" && op?.kind === "PunctArg" && (op.text === "!=" || op.text === "=") && value && (value.kind === "StringArg" || value.kind === "WordArg")) {
            field = a.text;
            negated = op.text === "!=";
            pattern = value.kind === "StringArg" ? value.value : value.text;
            patternSpan = value.span;
            i += 2;
            continue;
        }
        if (pattern === null && a.kind === "StringArg") {
            pattern = gluedReading(a);
            patternSpan = a.span;
            continue;
        }
        if (a.kind !== "MacroCall") notUnderstood(input, a);
    }
    if (pattern === null && !input.args.some((a) => a.kind === "MacroCall")) report(input, "SPL2005", "regex needs a quoted regular expression", node.span);
    if (pattern !== null && patternSpan) checkPattern(input, pattern, patternSpan);
    return { kind: "RegexCommand", ...base(input), field, negated, pattern };
}

/** This family's entries of the lowering table (index.ts). */
export const REX_LOWERINGS = {
    RexCommand: { names: ["rex"], lower: lowerRex },
    RegexCommand: { names: ["regex"], lower: lowerRegex },
} satisfies Partial<LoweringTable>;
