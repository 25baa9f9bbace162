/**
 * Putting a new search into a rule file: the search's value (its `fileSpan`, from the loaders'
 * offset maps) is replaced by the new text encoded for the file's format, and every other byte
 * of the file stays. The result is loaded again and accepted only when the rule now reads back
 * as exactly the new search.
 */
import { loadRuleText, type RuleSource } from "../rules/index.js";

/** The new file text, or null when the format cannot carry `spl` here (nothing is written then). */
export function replaceRuleSearch(text: string, filename: string, rule: RuleSource, index: number, spl: string): string | null {
    const encoded = encodeValue(text, rule, spl);
    if (encoded === null) return null;
    const next = text.slice(0, rule.fileSpan.start) + encoded + text.slice(rule.fileSpan.end);
    const again = loadRuleText(next, { filename });
    const same = again.rules[index];
    if (!same || same.spl !== spl || again.rules.length !== loadRuleText(text, { filename }).rules.length) return null;
    return next;
}

function encodeValue(text: string, rule: RuleSource, spl: string): string | null {
    switch (rule.format) {
        case "security_content":
        case "anvilogic":
            return /\.(jsonl|ndjson)$/i.test(rule.file) ? JSON.stringify(spl) : yamlBlock(text, rule, spl);
        case "savedsearches":
            // A .conf value goes on over lines that end in a backslash; the line break is kept.
            return spl.replace(/\r?\n/g, `\\${eol(text)}`);
        case "spl":
            return spl;
        case "macros":
            return null;
    }
}

/**
 * A YAML literal block scalar (`|-`, or `|` when the search ends with a line break), indented two
 * columns deeper than the key's line. Blocks keep line breaks and need no escapes, so the search
 * reads back unchanged whatever quotes or backslashes it holds.
 */
function yamlBlock(text: string, rule: RuleSource, spl: string): string | null {
    const lineStart = text.lastIndexOf("\n", rule.fileSpan.start - 1) + 1;
    const keyIndent = /^[ ]*(?:-[ ]+)*/.exec(text.slice(lineStart, rule.fileSpan.start))?.[0].length ?? 0;
    const pad = " ".repeat(keyIndent + 2);
    const body = spl.endsWith("\n") ? spl.slice(0, -1) : spl;
    if (/^[ \t]/.test(body) || body.includes("\r")) return null;
    const lines = body.split("\n").map((l) => (l.trim() === "" ? "" : pad + l));
    const header = spl.endsWith("\n") ? "|" : "|-";
    const nl = eol(text);
    // The span of a block scalar ends after its last line break: keep the one that follows it.
    const tail = text[rule.fileSpan.end - 1] === "\n" ? nl : "";
    return `${header}${nl}${lines.join(nl)}${tail}`;
}

/** The file's line break: CRLF when it uses CRLF, else LF. */
function eol(text: string): string {
    return /\r\n/.test(text) ? "\r\n" : "\n";
}
