/**
 * Decoding of YAML scalar source text with a per-character offset map.
 *
 * Why mirror the `yaml` package instead of walking our own grammar: the value a rule's search
 * has is, by definition, what the YAML parser returns, so these functions follow `yaml` 2.x's
 * `resolve-flow-scalar` and `resolve-block-scalar` step by step, recording for each produced
 * character where in the file it came from. The caller compares the result with the parser's
 * value and falls back to a coarse map if they ever differ (a future `yaml` version, an edge
 * case missed here), so a mistake here costs precision, never correctness of the SPL text.
 */
import type { CST } from "yaml";
import { isBlank, MappedTextBuilder, type MappedText } from "./offset-map.js";

/**
 * YAML line folding of a plain or single-quoted scalar's source (`unfoldLines` in `yaml`): a
 * single line break and the indentation around it become one space, each further empty line a
 * `\n`. `base` is the file offset of `source[0]`.
 */
function unfoldLines(source: string, base: number, out: MappedTextBuilder): void {
    let nl = source.indexOf("\n");
    if (nl < 0) {
        out.copy(source, 0, source.length, base);
        return;
    }
    const contentEnd = (start: number, newline: number): number => (newline > start && source[newline - 1] === "\r" ? newline - 1 : newline);
    // First line: trailing blanks trimmed.
    let e = contentEnd(0, nl);
    while (e > 0 && isBlank(source[e - 1])) e--;
    out.copy(source, 0, e, base);
    let sep = " ";
    let sepPos = base + e;
    let pos = nl + 1;
    // Middle lines: blanks trimmed on both sides; an empty line turns the pending space into \n.
    while ((nl = source.indexOf("\n", pos)) >= 0) {
        const lineEnd = contentEnd(pos, nl);
        let s = pos;
        while (s < lineEnd && isBlank(source[s])) s++;
        let t = lineEnd;
        while (t > s && isBlank(source[t - 1])) t--;
        if (s >= t) {
            // Keep the map monotonic: this newline takes the pending break's place, and the
            // pending one moves to this empty line.
            if (sep === "\n") {
                out.emit("\n", sepPos);
                sepPos = base + pos;
            } else sep = "\n";
        } else {
            out.emit(sep, sepPos);
            out.copy(source, s, t, base);
            sep = " ";
            sepPos = base + t;
        }
        pos = nl + 1;
    }
    // Last line: leading blanks skipped, the rest kept as is.
    let s = pos;
    while (s < source.length && isBlank(source[s])) s++;
    out.emit(sep, sepPos);
    out.copy(source, s, source.length, base);
}

/** Drops the second quote of each `''` pair (left to right, as `replace(/''/g, "'")` does). */
function unescapeSingleQuotes(m: MappedText): MappedText {
    if (!m.text.includes("''")) return m;
    let text = "";
    const offsets: number[] = [];
    for (let i = 0; i < m.text.length; i++) {
        text += m.text[i] as string;
        offsets.push(m.offsets[i] as number);
        if (m.text[i] === "'" && m.text[i + 1] === "'") i++;
    }
    offsets.push(m.offsets[m.offsets.length - 1] as number);
    return { text, offsets };
}

const ESCAPES: Readonly<Record<string, string>> = {
    "0": "\0",
    a: "\x07",
    b: "\b",
    e: "\x1b",
    f: "\f",
    n: "\n",
    r: "\r",
    t: "\t",
    v: "\v",
    N: "\u0085",
    _: "\u00a0",
    L: "\u2028",
    P: "\u2029",
    " ": " ",
    '"': '"',
    "/": "/",
    "\\": "\\",
    "\t": "\t",
};

/** A double-quoted scalar's source, quotes included (`doubleQuotedValue` in `yaml`). */
function doubleQuoted(source: string, base: number, out: MappedTextBuilder): void {
    for (let i = 1; i < source.length - 1; ++i) {
        const ch = source[i] as string;
        if (ch === "\r" && source[i + 1] === "\n") continue;
        if (ch === "\n") {
            // Folding: one line break -> a space, n+1 line breaks -> n newlines; indentation dropped.
            const at = i;
            let fold = "";
            let next = source[i + 1];
            while (next === " " || next === "\t" || next === "\n" || next === "\r") {
                if (next === "\r" && source[i + 2] !== "\n") break;
                if (next === "\n") fold += "\n";
                i += 1;
                next = source[i + 1];
            }
            out.emit(fold || " ", base + at);
        } else if (ch === "\\") {
            const at = i;
            let next = source[++i];
            const cc = next === undefined || !Object.prototype.hasOwnProperty.call(ESCAPES, next) ? undefined : ESCAPES[next];
            if (cc) out.emit(cc, base + at);
            else if (next === "\n") {
                // An escaped line break joins the lines; the next line's indentation is dropped.
                next = source[i + 1];
                while (next === " " || next === "\t") next = source[++i + 1];
            } else if (next === "\r" && source[i + 1] === "\n") {
                next = source[++i + 1];
                while (next === " " || next === "\t") next = source[++i + 1];
            } else if (next === "x" || next === "u" || next === "U") {
                const length = next === "x" ? 2 : next === "u" ? 4 : 8;
                const hex = source.substr(i + 1, length);
                const code = hex.length === length && /^[0-9a-fA-F]+$/.test(hex) ? parseInt(hex, 16) : NaN;
                let decoded: string;
                try {
                    decoded = String.fromCodePoint(code);
                } catch {
                    decoded = source.substr(i - 1, length + 2);
                }
                out.emit(decoded, base + at);
                i += length;
            } else {
                // Invalid escape: `yaml` keeps both characters (and reports an error).
                out.copy(source, at, at + 2, base);
            }
        } else if (ch === " " || ch === "\t") {
            // Blanks before a line break are dropped; elsewhere kept.
            const wsStart = i;
            let next = source[i + 1];
            while (next === " " || next === "\t") next = source[++i + 1];
            if (next !== "\n" && !(next === "\r" && source[i + 2] === "\n")) out.copy(source, wsStart, i + 1, base);
        } else {
            out.copy(source, i, i + 1, base);
        }
    }
}

/** Decodes a flow scalar token (plain, single- or double-quoted) of the CST. */
export function mapFlowScalar(token: CST.FlowScalar): MappedText | null {
    const { source, offset } = token;
    const out = new MappedTextBuilder();
    switch (token.type) {
        case "scalar":
            unfoldLines(source, offset, out);
            return out.finish(offset + source.length);
        case "single-quoted-scalar": {
            unfoldLines(source.slice(1, -1), offset + 1, out);
            return unescapeSingleQuotes(out.finish(offset + Math.max(1, source.length - 1)));
        }
        case "double-quoted-scalar":
            doubleQuoted(source, offset, out);
            return out.finish(offset + Math.max(1, source.length - 1));
        default:
            return null;
    }
}

/** One line of a block scalar's body: where it starts, its indentation and its content. */
interface BlockLine {
    start: number;
    indent: number;
    content: string;
}

/** Splits a block scalar body as `yaml`'s `splitLines` does (indentation = leading spaces only). */
function splitBlockLines(source: string): BlockLine[] {
    const lines: BlockLine[] = [];
    let start = 0;
    for (;;) {
        const nl = source.indexOf("\n", start);
        const end = nl < 0 ? source.length : nl;
        let indent = 0;
        while (start + indent < end && source[start + indent] === " ") indent++;
        lines.push({ start, indent, content: source.slice(start + indent, end) });
        if (nl < 0) break;
        start = nl + 1;
    }
    return lines;
}

/** Decodes a block scalar token (`|` or `>`) of the CST (`resolveBlockScalar` in `yaml`). */
export function mapBlockScalar(token: CST.BlockScalar): MappedText | null {
    const header = token.props[0];
    if (!header || header.type !== "block-scalar-header") return null;
    const mode = header.source[0];
    let explicitIndent = 0;
    let chomp = "";
    for (let i = 1; i < header.source.length; ++i) {
        const ch = header.source[i] as string;
        if (!chomp && (ch === "-" || ch === "+")) chomp = ch;
        else {
            const n = Number(ch);
            if (!explicitIndent && n) explicitIndent = n;
        }
    }
    let headerLength = 0;
    for (const p of token.props) headerLength += "source" in p && typeof p.source === "string" ? p.source.length : 0;
    const base = token.offset + headerLength;
    const { source } = token;
    const out = new MappedTextBuilder();
    const lines = source ? splitBlockLines(source) : [];
    // Break position (file offset) of line i: where its content ends, before any \r.
    const breakAt = (l: BlockLine): number => {
        const c = l.content;
        return base + l.start + l.indent + (c.endsWith("\r") ? c.length - 1 : c.length);
    };

    let chompStart = lines.length;
    for (let i = lines.length - 1; i >= 0; --i) {
        const c = (lines[i] as BlockLine).content;
        if (c === "" || c === "\r") chompStart = i;
        else break;
    }
    if (chompStart === 0) {
        if (chomp === "+" && lines.length > 0) out.emit("\n".repeat(Math.max(1, lines.length - 1)), base);
        return out.finish(base + source.length);
    }

    let trimIndent = token.indent + explicitIndent;
    let contentStart = 0;
    for (let i = 0; i < chompStart; ++i) {
        const l = lines[i] as BlockLine;
        if (l.content === "" || l.content === "\r") {
            if (explicitIndent === 0 && l.indent > trimIndent) trimIndent = l.indent;
        } else {
            if (explicitIndent === 0) trimIndent = l.indent;
            contentStart = i;
            break;
        }
    }
    for (let i = lines.length - 1; i >= chompStart; --i) {
        if ((lines[i] as BlockLine).indent > trimIndent) chompStart = i + 1;
    }

    const copyIndent = (l: BlockLine, indent: number): void => {
        if (indent > trimIndent) out.copy(source, l.start + trimIndent, l.start + indent, base);
    };
    // Leading empty lines keep their extra indentation.
    for (let i = 0; i < contentStart; ++i) {
        const l = lines[i] as BlockLine;
        copyIndent(l, l.indent);
        out.emit("\n", breakAt(l));
    }
    let sep = "";
    let sepPos = base;
    let prevMoreIndented = false;
    const literal = mode !== ">";
    for (let i = contentStart; i < chompStart; ++i) {
        const l = lines[i] as BlockLine;
        let indent = l.indent;
        let content = l.content;
        if (content.endsWith("\r")) content = content.slice(0, -1);
        const contentAt = l.start + l.indent;
        // `yaml` reports a less-indented line as an error and drops its indentation.
        if (content && indent < trimIndent) indent = 0;
        if (literal) {
            out.emit(sep, sepPos);
            copyIndent(l, indent);
            out.copy(source, contentAt, contentAt + content.length, base);
            sep = "\n";
        } else if (indent > trimIndent || content[0] === "\t") {
            // More-indented lines of a folded block keep their line breaks.
            if (sep === " ") sep = "\n";
            else if (!prevMoreIndented && sep === "\n") sep = "\n\n";
            out.emit(sep, sepPos);
            copyIndent(l, indent);
            out.copy(source, contentAt, contentAt + content.length, base);
            sep = "\n";
            prevMoreIndented = true;
        } else if (content === "") {
            if (sep === "\n") {
                out.emit("\n", sepPos);
                sepPos = base + l.start;
            } else sep = "\n";
            continue;
        } else {
            out.emit(sep, sepPos);
            out.copy(source, contentAt, contentAt + content.length, base);
            sep = " ";
            prevMoreIndented = false;
        }
        sepPos = breakAt(l);
    }
    const lastContent = lines[chompStart - 1] as BlockLine;
    if (chomp === "+") {
        let prev = lastContent;
        for (let i = chompStart; i < lines.length; ++i) {
            const l = lines[i] as BlockLine;
            out.emit("\n", breakAt(prev));
            copyIndent(l, l.indent);
            prev = l;
        }
        if (out.lastChar !== "\n") out.emit("\n", breakAt(prev));
    } else if (chomp !== "-") {
        out.emit("\n", breakAt(lastContent));
    }
    const result = out.finish(0);
    const last = result.offsets[result.offsets.length - 2];
    // The final break of a body that ends the file without one is synthetic: it maps to the end
    // of the file, and the end of the text may not go past it.
    const bodyEnd = base + (source?.length ?? 0);
    result.offsets[result.offsets.length - 1] = last === undefined ? base : Math.max(last, Math.min(last + 1, bodyEnd));
    return result;
}
