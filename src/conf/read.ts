/**
 * Splunk `.conf` files (`savedsearches.conf`, `macros.conf`): `[stanza]` headers, `key = value` settings,
 * `#` comment lines.
 *
 * Line continuation: a value whose line ends with a backslash continues on the next line. The
 * backslash is removed and the line break is KEPT in the value (multi-line searches saved by
 * Splunk Web come back with their line breaks), and the next line is taken as written, leading
 * blanks included. Only a backslash that is the very last character of the line continues it
 * (a backslash followed by blanks does not). A `#` only starts a comment at the beginning of a
 * line: `search = a # b` keeps `# b`. Keys before the first stanza belong to `default`. Values
 * are trimmed of blanks at both ends. A repeated key overrides the earlier one, as in Splunk.
 */
import type { Span } from "../ir/span.js";
import { isBlank, MappedTextBuilder, type MappedText } from "./mapped-text.js";

/** One `key = value` setting. */
export interface ConfSetting {
    key: string;
    keySpan: Span;
    /** The value with continuations resolved, and the file offset of each character. */
    value: MappedText;
    /** From the first to the last character of the value in the file. */
    valueSpan: Span;
}

/** One `[stanza]` and its settings, in file order (a repeated key appears twice). */
export interface ConfStanza {
    name: string;
    /** The header line's `[...]`; for the implicit `default` stanza, an empty span at 0. */
    nameSpan: Span;
    settings: ConfSetting[];
}

/** A line the reader could not use, with its span. */
export interface ConfProblem {
    message: string;
    span: Span;
}

/** Reads `.conf` text into stanzas; malformed lines are reported and skipped. Never throws. */
export function readConf(text: string): { stanzas: ConfStanza[]; problems: ConfProblem[] } {
    const problems: ConfProblem[] = [];
    const stanzas: ConfStanza[] = [{ name: "default", nameSpan: { start: 0, end: 0 }, settings: [] }];
    // Lines as [start, end) without the line break: \n, \r\n, or a lone \r (old Mac files,
    // which would otherwise read as one line and give no stanzas at all).
    const lines: { start: number; end: number }[] = [];
    let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    while (pos <= text.length) {
        let end = pos;
        while (end < text.length && text[end] !== "\n" && text[end] !== "\r") end++;
        lines.push({ start: pos, end });
        pos = text[end] === "\r" && text[end + 1] === "\n" ? end + 2 : end + 1;
    }
    for (let li = 0; li < lines.length; li++) {
        const { start, end } = lines[li] as { start: number; end: number };
        let s = start;
        while (s < end && isBlank(text[s])) s++;
        if (s === end || text[s] === "#") continue;
        if (text[s] === "[") {
            const close = text.lastIndexOf("]", end - 1);
            if (close < s) {
                problems.push({ message: "stanza header is missing its closing ]", span: { start: s, end } });
                continue;
            }
            stanzas.push({ name: text.slice(s + 1, close).trim(), nameSpan: { start: s, end: close + 1 }, settings: [] });
            continue;
        }
        const eq = text.indexOf("=", s);
        if (eq < 0 || eq >= end) {
            problems.push({ message: "line is not `key = value`, a [stanza] header or a # comment", span: { start: s, end } });
            continue;
        }
        let ke = eq;
        while (ke > s && isBlank(text[ke - 1])) ke--;
        if (ke === s) {
            problems.push({ message: "setting has no key before '='", span: { start: s, end: eq + 1 } });
            continue;
        }
        // The value: from after '=' and its blanks, through continuation lines.
        let vs = eq + 1;
        while (vs < end && isBlank(text[vs])) vs++;
        const out = new MappedTextBuilder();
        let from = vs;
        let lineEnd = end;
        while (lineEnd > from && text[lineEnd - 1] === "\\" && li + 1 < lines.length) {
            out.copy(text, from, lineEnd - 1, 0);
            // The kept line break maps to the backslash that asked for it.
            out.emit("\n", lineEnd - 1);
            li++;
            const next = lines[li] as { start: number; end: number };
            from = next.start;
            lineEnd = next.end;
        }
        // A backslash on the file's last line has nothing to continue onto: drop it.
        if (lineEnd > from && text[lineEnd - 1] === "\\" && li + 1 >= lines.length) lineEnd--;
        while (lineEnd > from && isBlank(text[lineEnd - 1])) lineEnd--;
        out.copy(text, from, lineEnd, 0);
        let value = out.finish(lineEnd);
        // Trailing blanks before a final continuation-only line (`a \` + empty line) are trimmed too.
        value = trimMappedEnd(value);
        (stanzas[stanzas.length - 1] as ConfStanza).settings.push({
            key: text.slice(s, ke),
            keySpan: { start: s, end: ke },
            value,
            valueSpan: { start: vs, end: Math.max(vs, value.offsets[value.offsets.length - 1] as number) },
        });
    }
    return { stanzas, problems };
}

function trimMappedEnd(m: MappedText): MappedText {
    let n = m.text.length;
    while (n > 0 && /\s/.test(m.text[n - 1] as string)) n--;
    if (n === m.text.length) return m;
    const endOffset = n === 0 ? (m.offsets[0] as number) : (m.offsets[n - 1] as number) + 1;
    return { text: m.text.slice(0, n), offsets: [...m.offsets.slice(0, n), endOffset] };
}

/** The last value of `key` in a stanza (later settings override earlier ones). */
export function confValue(stanza: ConfStanza, key: string): ConfSetting | undefined {
    for (let i = stanza.settings.length - 1; i >= 0; i--) {
        const s = stanza.settings[i] as ConfSetting;
        if (s.key === key) return s;
    }
    return undefined;
}
