/**
 * Quoting and escaping for the printer: the smallest text that the lexer (grammar/SplLexer.g4)
 * reads back as the same token with the same meaning. Reference §1.3: inside and outside
 * quotes, `\"`, `\\` and `\|` resolve and every other backslash sequence stays as written;
 * `*` is a wildcard inside quotes too, so quoting never changes wildcard meaning.
 */
import { commandInfo, readsAsClauseKeyword, type CommandInfo } from "../commands/catalog.js";
import { WORD_BREAKERS } from "../parser/lex-context.js";

/** A `$token|filter$` piece of a WORD (grammar/SplLexer.g4 FILTERED_TOKEN), matched at `lastIndex`. */
const FILTERED_TOKEN = /\$[A-Za-z0-9_.:{}@-]+\|[A-Za-z]+\$/y;
/** Characters that end a WORD of the default lexer mode (`WORD_CHAR` excludes them). */
const NOT_WORD_CHAR = new Set([...WORD_BREAKERS]);
/** The search-language operators, upper case only: a value spelt like one must be quoted. */
const SEARCH_OPERATORS = new Set(["AND", "OR", "NOT", "IN"]);

/** The end of a `$token|filter$` piece starting at `i` of `s`, or -1. */
function filteredTokenEnd(s: string, i: number): number {
    FILTERED_TOKEN.lastIndex = i;
    return FILTERED_TOKEN.test(s) ? FILTERED_TOKEN.lastIndex : -1;
}

function isWordChar(c: string | undefined): boolean {
    return c !== undefined && !NOT_WORD_CHAR.has(c);
}

/**
 * The end of the backtick piece at `i` as the lexer reads it (src/parser/token-source.ts): after
 * a ```comment``` or a `macro`; `i + 1` for a backtick directly before another when no comment
 * starts there (a character of its own: no macro has an empty name); -1 when the comment or
 * macro never closes.
 */
function backtickPieceEnd(s: string, i: number): number {
    if (s.startsWith("```", i)) {
        const close = s.indexOf("```", i + 3);
        return close < 0 ? -1 : close + 3;
    }
    if (s[i + 1] === "`") return i + 1;
    const close = s.indexOf("`", i + 1);
    return close < 0 ? -1 : close + 1;
}

/** Whether a backslash at `i` of an escaped text must be doubled: it precedes `"`, `\`, `|` or ends the text. */
function backslashNeedsEscape(s: string, i: number): boolean {
    const n = s[i + 1];
    return n === undefined || n === '"' || n === "\\" || n === "|";
}

/**
 * `text` escaped so that the lexer unescapes it back: each character of `escaped` gets a
 * backslash, and a backslash is doubled only where it would start an escape (`\x` stays a
 * two-character sequence that unescapes to itself).
 */
function escapeWith(text: string, escaped: string, keepComments = false, doubleBackslashes = false): string {
    let out = "";
    for (let i = 0; i < text.length; i++) {
        const c = text[i] as string;
        // A ```comment``` or a `macro` inside a directive's parentheses is one token, `|`
        // included (as closingParen reads them: a backtick before another, when no comment
        // starts there, is a character of its own); only its backslashes are escaped.
        if (keepComments && c === "`") {
            const stop = backtickPieceEnd(text, i);
            if (stop > i + 1) {
                out += escapeWith(text.slice(i, stop), "");
                i = stop - 1;
                continue;
            }
        }
        if (c === "\\") {
            // Doubled, a backslash leaves what follows to be read on its own: a word character or a
            // `<<NAME>>` template (a pair would split it); any other character needs the pair.
            if (backslashNeedsEscape(text, i) || (doubleBackslashes && (isWordChar(text[i + 1]) || templateEnd(text, i + 1) >= 0))) out += "\\\\";
            else {
                out += c + (text[i + 1] as string);
                i++;
            }
        } else if (escaped.includes(c)) out += "\\" + c;
        else out += c;
    }
    return out;
}

/** The inside of a `"..."` literal whose unescaped text is `text`. Backslashes are doubled only where needed. */
export function escapeQuoted(text: string): string {
    return escapeWith(text, '"');
}

/** `"text"` with escapes. */
export function quote(text: string): string {
    return `"${escapeQuoted(text)}"`;
}

/**
 * Whether `s`, printed verbatim, is exactly one WORD (or TEMPLATE) token of the default mode:
 * word characters, backslash pairs, `!` before a word character, `<<NAME>>` template parts,
 * `$token|filter$` pieces.
 */
export function lexesAsWord(s: string): boolean {
    if (s === "") return false;
    for (let i = 0; i < s.length;) {
        const c = s[i] as string;
        if (c === "\\") {
            if (i + 1 >= s.length) return false;
            i += 2;
        } else if (c === "!") {
            if (!isWordChar(s[i + 1])) return false;
            i += 2;
        } else if (c === "<") {
            const end = templateEnd(s, i);
            if (end < 0) return false;
            i = end;
        } else if (c === "$") {
            // `$` is a word character; `$token|filter$` is one piece, its `|` included.
            const end = filteredTokenEnd(s, i);
            i = end >= 0 ? end : i + 1;
        } else if (isWordChar(c)) i++;
        else return false;
    }
    return true;
}

/**
 * Where a bare word is read. In a search command clause keywords are plain words; elsewhere the
 * command decides which of them are keywords (the catalog's rule, which the lexer applies too).
 */
export interface WordContext {
    /** Inside a search command (implicit or explicit), where only AND/OR/NOT/IN are reserved. */
    search: boolean;
    /** The command whose arguments are printed; undefined: one the catalog does not know. */
    command?: CommandInfo | undefined;
}

/** The context of the arguments of the command named `name` (outside its search-language parts). */
export function argumentContext(name: string): WordContext {
    return { search: false, command: commandInfo(name) };
}

/**
 * The context of a value right after `=` (`a=as`, `field=by`): the lexer reads a clause keyword
 * there as a word, so only the search operators stay reserved.
 */
export function afterEquals(cx: WordContext): WordContext {
    return cx.search ? cx : { ...cx, search: true };
}

function reserved(word: string, cx: WordContext): boolean {
    return SEARCH_OPERATORS.has(word) || (!cx.search && readsAsClauseKeyword(word, cx.command));
}

/**
 * Whether `text`, printed verbatim, is the glued call form `name(...)` of a value (WORD,
 * CALL_LPAREN, a body of balanced parentheses, RPAREN): a word directly before `(`, then a body whose parentheses balance outside "strings", comments and macros,
 * with no `|`, `[` or `]`, closing at the last character. Backslashes only before characters
 * they do not escape (`\a`), so the text is its own unescaped form.
 */
export function isCallForm(text: string): boolean {
    return inertBackslashes(text) && lexesAsCallForm(text);
}

/**
 * Whether `raw` lexes as one glued call form (see isCallForm), escapes allowed: a backslash
 * pair is one word piece, so `\|` and `\"` stay inside the body.
 */
export function lexesAsCallForm(raw: string): boolean {
    // The name ends at the first `(` that no backslash escapes (`\(` is a piece of the name).
    let open = 0;
    while (open < raw.length && raw[open] !== "(") open += raw[open] === "\\" ? 2 : 1;
    if (open <= 0 || open >= raw.length || !raw.endsWith(")")) return false;
    const name = raw.slice(0, open);
    if (!lexesAsWord(name) || /^(TERM|CASE|PREFIX)$/.test(name)) return false;
    return closingParen(raw, open) === raw.length - 1;
}

/**
 * The index of the `)` that closes the `(` at `open`, reading as the lexer does: a backslash
 * pair, a "string", a comment and a macro are single pieces whose parentheses do not count, and
 * a backtick directly before another (no comment, and no macro has an empty name) is a character
 * of its own. -1 when nothing closes it, or a `|`, `[` or `]` comes first.
 */
function closingParen(raw: string, open: number): number {
    let depth = 0;
    for (let i = open; i < raw.length; i++) {
        const c = raw[i] as string;
        if (c === "\\") i++;
        else if (c === '"') {
            i = quotedEnd(raw, i);
            if (i < 0) return -1;
        } else if (c === "`") {
            const end = backtickPieceEnd(raw, i);
            if (end < 0) return -1;
            i = end - 1;
        } else if (c === "(") depth++;
        else if (c === ")") {
            depth--;
            if (depth === 0) return i;
        } else if (c === "$") {
            // `$name|filter$`: a token with a filter is one word piece, its `|` included.
            const end = filteredTokenEnd(raw, i);
            if (end >= 0) i = end - 1;
        } else if (c === "|" || c === "[" || c === "]") return -1;
    }
    return -1;
}

/**
 * The inside of `TERM(...)`, `CASE(...)` or `PREFIX(...)` whose unescaped inner text is `text`:
 * as written, with backslashes doubled where the lexer would read an escape and `|` escaped.
 * Unescaping loses which quotes were escaped (`CASE("\"")` has the text `"""`): when the quotes
 * no longer pair up, the text from the first quote to the last becomes one string, or else
 * every quote is escaped, or else a search splits them (and doubles backslashes) as needed.
 */
export function directiveInner(text: string): string {
    const closes = (inner: string): boolean => closingParen(`(${inner})`, 0) === inner.length + 1;
    const plain = escapeWith(text, "|", true);
    if (closes(plain)) return plain;
    const first = text.indexOf('"');
    const last = text.lastIndexOf('"');
    if (first >= 0 && last > first) {
        const paired = escapeWith(text.slice(0, first), "|", true) + quote(text.slice(first + 1, last)) + escapeWith(text.slice(last + 1), "|", true);
        if (closes(paired)) return paired;
    }
    // A lone quote (`TERM(\")`): every quote escaped, outside any string.
    const escaped = escapeWith(text, '"|', true);
    if (closes(escaped)) return escaped;
    const split = quotesSplit(text);
    return split !== null && closes(split) ? split : plain;
}

/** Texts longer than this, or with more quotes, are not searched by {@link quotesSplit}. */
const SPLIT_MAX_LENGTH = 400;
const SPLIT_MAX_QUOTES = 40;
/** A step of {@link quotesSplit} that doubles a backslash. */
const DOUBLED = -2;

/**
 * The directive text with its quotes split between string delimiters and escaped quotes so
 * that its parentheses balance (`CASE("("("\""))`, whose text is `"("(""")`: the first pair must
 * be a string, the last quote escaped). Every split unescapes to the same text, so any one that
 * closes at the end reads back the same. A search over (offset, depth) states, each visited
 * once; null when there is none, or the text is too long to search (the caller then keeps
 * its plain form). Outside strings a comment or macro is one piece, as the lexer reads it; a
 * `$token|filter$` piece needs nothing of its own, since its `|` is escaped there. A backslash
 * that escapes nothing may also be doubled, so that the character after it counts on its own
 * (`a\\(b)` has the text `a\(b)`, whose `(` must count).
 */
function quotesSplit(text: string): string | null {
    const quotes: number[] = [];
    for (let i = 0; i < text.length; i++) if (text[i] === '"') quotes.push(i);
    if (text.length > SPLIT_MAX_LENGTH || quotes.length > SPLIT_MAX_QUOTES) return null;
    const width = text.length + 2;
    // How each state was reached: the previous state, and the quote closing a string taken from
    // it (-1: none; DOUBLED: the backslash there was doubled).
    const from = new Map<number, { prev: number; close: number }>();
    const todo: number[] = [0];
    from.set(0, { prev: -1, close: -1 });
    const reach = (state: number, prev: number, close: number): void => {
        if (from.has(state)) return;
        from.set(state, { prev, close });
        todo.push(state);
    };
    const goal = text.length * width;
    while (todo.length > 0 && !from.has(goal)) {
        const state = todo.pop() as number;
        const at = Math.floor(state / width);
        const depth = state % width;
        if (at >= text.length) continue;
        const c = text[at] as string;
        const next = (to: number, d: number): void => reach(to * width + d, state, -1);
        if (c === "(") next(at + 1, depth + 1);
        else if (c === ")") {
            if (depth > 0) next(at + 1, depth - 1);
        } else if (c === "[" || c === "]") continue;
        else if (c === "\\") {
            // A backslash that escapes nothing is a pair with what follows (`\(`, `\``), or it is
            // doubled and that character is read on its own: both unescape to the same text.
            if (backslashNeedsEscape(text, at)) next(at + 1, depth);
            else {
                reach((at + 1) * width + depth, state, DOUBLED);
                next(at + 2, depth);
            }
        } else if (c === "`") {
            // Outside a string a comment or macro is one piece, kept as written (escapeWith).
            const end = backtickPieceEnd(text, at);
            if (end >= 0) next(end, depth);
        } else if (c === '"') {
            next(at + 1, depth);
            for (const q of quotes) if (q > at) reach((q + 1) * width + depth, state, q);
        } else next(at + 1, depth);
    }
    if (!from.has(goal)) return null;
    // Walk back to the start, collecting the strings taken and the backslashes doubled.
    const steps: [number, number][] = [];
    for (let state = goal; state > 0;) {
        const step = from.get(state) as { prev: number; close: number };
        if (step.close !== -1) steps.push([Math.floor(step.prev / width), step.close]);
        state = step.prev;
    }
    steps.reverse();
    let out = "";
    let last = 0;
    for (const [at, close] of steps) {
        out += escapeWith(text.slice(last, at), '"|', true);
        if (close === DOUBLED) {
            out += "\\\\";
            last = at + 1;
        } else {
            out += quote(text.slice(at + 1, close));
            last = close + 1;
        }
    }
    return out + escapeWith(text.slice(last), '"|', true);
}

/** The index of the `"` closing the string that opens at `i` (backslash pairs skipped), or -1. */
function quotedEnd(s: string, i: number): number {
    for (let j = i + 1; j < s.length; j++) {
        if (s[j] === "\\") j++;
        else if (s[j] === '"') return j;
    }
    return -1;
}

/** Whether every backslash of `text` is followed by a character it leaves as written (a letter, a digit, `.`...). */
function inertBackslashes(text: string): boolean {
    for (let i = text.indexOf("\\"); i >= 0; i = text.indexOf("\\", i + 2)) {
        const n = text[i + 1];
        if (n === undefined || !/[A-Za-z0-9.:_-]/.test(n)) return false;
    }
    return true;
}

/**
 * The unquoted form of a search value whose unescaped text is `text`, or null when it needs
 * quotes: escapes `"`, `\` and `|` as the lexer reads them back, and accepts the glued call
 * form `name(x)` (a WORD with a parenthesised body).
 */
export function bareValue(text: string, cx: WordContext): string | null {
    if (text === "" || reserved(text, cx)) return null;
    if (isCallForm(text)) return text;
    // A backslash left single pairs with the next character, which can split what follows
    // (`\<<I>>` is no `<<I>>` template): then the backslashes before such text are doubled.
    for (const out of [escapeWith(text, '"|'), escapeWith(text, '"|', false, true)]) if (lexesAsWord(out) && !reserved(out, cx)) return out;
    return null;
}

/**
 * A field name of the search language (comparison field, BY field, AS name). Unquoted field
 * names keep their backslashes as written (the lowering does not unescape them), so the bare
 * form is the name itself; otherwise it is double-quoted.
 */
export function searchField(name: string, cx: WordContext): string {
    if (name !== "" && !reserved(name, cx) && (lexesAsWord(name) || isCallForm(name))) return name;
    return quote(name);
}

/**
 * A field name read from a command argument. A bare call form there is read back in the
 * canonical spelling of its pieces (one space between them, a comma glued to the piece before:
 * src/lower/commands/util.ts argText), so it stands bare only when already spelt so; else it is
 * double-quoted.
 */
export function argumentField(name: string, cx: WordContext): string {
    if (name !== "" && !reserved(name, cx) && (lexesAsWord(name) || (isCallForm(name) && canonicalCallEnd(name, 0) === name.length))) return name;
    return quote(name);
}

/**
 * The index after a canonical call form `f(a, b c)` or group `(a)` starting at `i` (see
 * argumentField): pieces are words, "strings", call forms and groups. -1 when there is none.
 */
function canonicalCallEnd(s: string, i: number): number {
    let j = i;
    while (j < s.length && !' (),"'.includes(s[j] as string)) j++;
    if (s[j] !== "(" || (j > i && !lexesAsWord(s.slice(i, j)))) return -1;
    j++;
    if (s[j] === ")") return j + 1;
    for (;;) {
        j = canonicalPieceEnd(s, j);
        if (j < 0) return -1;
        if (s[j] === ",") j++;
        if (s[j] === ")") return j + 1;
        if (s[j] !== " ") return -1;
        j++;
    }
}

function canonicalPieceEnd(s: string, i: number): number {
    if (s[i] === '"') {
        const close = quotedEnd(s, i);
        return close < 0 ? -1 : close + 1;
    }
    let j = i;
    while (j < s.length && !' (),"'.includes(s[j] as string)) j++;
    if (s[j] === "(") return canonicalCallEnd(s, i);
    return j > i && lexesAsWord(s.slice(i, j)) ? j : -1;
}

/**
 * A value the lowering keeps as written when it is bare (an option value, a `FROM` datamodel):
 * the text itself when it is one word, else quoted (quotes resolve escapes, the bare form does not).
 */
export function rawWordOrQuoted(text: string, cx: WordContext): string {
    return lexesAsWord(text) && !reserved(text, cx) ? text : quote(text);
}

/** An option value or other word printed verbatim when it is one word, else quoted. */
export function wordOrQuoted(text: string, cx: WordContext): string {
    return bareValue(text, cx) ?? quote(text);
}

const EVAL_KEYWORDS = new Set(["and", "or", "not", "in", "xor", "like"]);

function isIdentStart(c: string): boolean {
    return (c >= "A" && c <= "Z") || (c >= "a" && c <= "z") || c === "_" || c === "@" || c === "{" || c === "}" || c === "#";
}

function isIdentPart(c: string): boolean {
    return isIdentStart(c) || (c >= "0" && c <= "9") || c === ":";
}

/**
 * Whether `name` is an eval IDENT: dot-separated parts, each a run of name characters (not
 * starting with a digit or `:`) and `<<NAME>>` foreach templates. A linear scan, not a regular
 * expression: the nested repetition of the grammar's pattern backtracks exponentially on a long
 * name followed by a character it does not allow.
 */
function lexesAsEvalIdent(name: string): boolean {
    // `inWord`: the previous character continues a name run, so digits and `:` may follow.
    let inWord = false;
    let partEmpty = true;
    for (let i = 0; i < name.length;) {
        const c = name[i] as string;
        if (c === "<") {
            const end = templateEnd(name, i);
            if (end < 0) return false;
            i = end;
            inWord = false;
            partEmpty = false;
        } else if (c === ".") {
            if (partEmpty) return false;
            i++;
            inWord = false;
            partEmpty = true;
        } else if (inWord ? isIdentPart(c) : isIdentStart(c)) {
            i++;
            inWord = true;
            partEmpty = false;
        } else return false;
    }
    return !partEmpty;
}

/** The index after a `<<NAME>>` template starting at `i`, or -1. */
function templateEnd(s: string, i: number): number {
    if (s[i] !== "<" || s[i + 1] !== "<") return -1;
    let j = i + 2;
    while (j < s.length && /[A-Za-z0-9_]/.test(s[j] as string)) j++;
    return j > i + 2 && s[j] === ">" && s[j + 1] === ">" ? j + 2 : -1;
}

/** Whether an eval field name can stand unquoted. */
export function isEvalIdent(name: string): boolean {
    return lexesAsEvalIdent(name) && !EVAL_KEYWORDS.has(name.toLowerCase());
}

/** `'name'`: an eval field reference in single quotes (`\` and `'` escaped). */
export function singleQuote(name: string): string {
    return `'${name.replace(/[\\']/g, "\\$&")}'`;
}

/** The target of an eval assignment: bare when an IDENT (or a `$token$`), else double-quoted. */
export function evalTarget(field: string): string {
    if (isEvalIdent(field) || /^\$[A-Za-z0-9_.:{}@-]+\$$/.test(field)) return field;
    return quote(field);
}
