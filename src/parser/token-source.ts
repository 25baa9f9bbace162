/**
 * A hand-written scanner for grammar/SplLexer.g4, feeding the generated parser. It produces the
 * same tokens as the generated lexer wrapped in modal-lexer.ts (types, channels, offsets, lines
 * and columns; test/parser/token-source.test.ts compares the two on the corpus, the fixtures and
 * mutated input) at a fraction of the cost: the generated lexer simulates an automaton per
 * character, which was about 40% of a parse. The grammar stays the specification: a change
 * to SplLexer.g4 needs the same change here, and the differential test says where they differ.
 *
 * ANTLR's rules for a lexer, which the scanner follows: the longest match wins, and between
 * rules of equal length the one written first (keywords before WORD and IDENT, TEMPLATE
 * before WORD).
 */
import { CommonToken, CommonTokenFactory, IntStream, Token, type CharStream, type TokenFactory, type TokenSource } from "antlr4ng";
import { SplParser as T } from "../generated/SplParser.js";
import { SplCharStream } from "./char-stream.js";
import { LexContext, WORD_BREAKERS, type LexCursor, type LexStart } from "./lex-context.js";

const HIDDEN = Token.HIDDEN_CHANNEL;

// Character classes of the grammar's fragments, for ASCII (every code point above 127 is a
// WORD_CHAR and nothing else).
const WORD_CHAR = 1; // not one of WORD_BREAKERS
const NAME_START = 2; // [A-Za-z_@{}#]
const NAME_CHAR = 4; // [A-Za-z0-9_@{}:#]
const TOKEN_NAME = 8; // [A-Za-z0-9_.:{}@-]
const TEMPLATE_CHAR = 16; // [A-Za-z0-9_]
const LETTER = 32; // [A-Za-z]
const DIGIT = 64; // [0-9]
const WS = 128; // [ \t\r\n\f]

const CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
    const ch = String.fromCharCode(c);
    let k = 0;
    if (!WORD_BREAKERS.includes(ch)) k |= WORD_CHAR;
    if (/[A-Za-z_@{}#]/.test(ch)) k |= NAME_START;
    if (/[A-Za-z0-9_@{}:#]/.test(ch)) k |= NAME_CHAR;
    if (/[A-Za-z0-9_.:{}@-]/.test(ch)) k |= TOKEN_NAME;
    if (/[A-Za-z0-9_]/.test(ch)) k |= TEMPLATE_CHAR;
    if (/[A-Za-z]/.test(ch)) k |= LETTER;
    if (/[0-9]/.test(ch)) k |= DIGIT;
    if (/[ \t\r\n\f]/.test(ch)) k |= WS;
    CLASS[c] = k;
}

/** Whether code point `c` (-1 at the end) is in class `k`. */
function is(c: number, k: number): boolean {
    return c >= 0 && (c < 128 ? ((CLASS[c] as number) & k) !== 0 : k === WORD_CHAR);
}

// Keywords by mode, in the grammar's order; `exact` ones are upper case only.
interface Keyword {
    type: number;
    lower: number[];
    exact: boolean;
}
const keyword = (word: string, type: number, exact: boolean): Keyword => ({ type, lower: [...word.toLowerCase()].map((c) => c.charCodeAt(0)), exact });
const DEFAULT_KEYWORDS: Keyword[] = [
    ...(["AND", "OR", "NOT", "IN"] as const).map((w) => keyword(w, T[w], true)),
    ...(["AS", "BY", "OVER", "OUTPUT", "OUTPUTNEW", "WITH", "WHERE", "GROUPBY", "FROM"] as const).map((w) => keyword(w, T[w], false)),
];
const EVAL_KEYWORDS: Keyword[] = (["AND", "OR", "NOT", "IN", "XOR", "LIKE"] as const).map((w) => keyword(w, T[w], false));
// Directives: upper case and glued to their `(`, which a WORD cannot hold.
const DIRECTIVES: Keyword[] = [keyword("TERM", T.TERM_OPEN, true), keyword("CASE", T.CASE_OPEN, true), keyword("PREFIX", T.PREFIX_OPEN, true)];

/** One-character tokens by character: those of both modes, and the arithmetic operators of the EVAL mode. */
function charTable(types: Record<string, number>): Uint8Array {
    const table = new Uint8Array(128);
    for (const [ch, type] of Object.entries(types)) table[ch.charCodeAt(0)] = type;
    return table;
}
const PUNCTUATION = charTable({ "|": T.PIPE, "[": T.LBRACKET, "]": T.RBRACKET, "(": T.LPAREN, ")": T.RPAREN, ",": T.COMMA });
const ARITHMETIC = charTable({ "+": T.PLUS, "-": T.MINUS, "*": T.STAR, "/": T.SLASH, "%": T.PERCENT });

/** Token types whose text may hold a line break (1), by type. */
const MULTILINE = new Uint8Array(256);
for (const t of [T.WS, T.COMMENT, T.UNTERMINATED_COMMENT, T.MACRO, T.UNTERMINATED_MACRO, T.QUOTED, T.UNTERMINATED_STRING, T.SQFIELD, T.UNTERMINATED_SQFIELD, T.WORD]) MULTILINE[t] = 1;

/** SPL's tokens, with the contextual types of lex-context.ts, scanned by hand. */
export class SplTokenSource implements TokenSource {
    readonly inputStream: SplCharStream;
    readonly sourceName = IntStream.UNKNOWN_SOURCE_NAME;
    /** For the parser's error recovery, which makes the tokens it reports as missing with it; the lexer's own default. */
    tokenFactory = CommonTokenFactory.DEFAULT as TokenFactory<Token>;
    line = 1;
    /** One unit per code point (SplCharStream.units). */
    private readonly cp: string;
    private readonly n: number;
    private readonly source: [TokenSource, CharStream];
    private readonly context: LexContext;
    private pos = 0;
    /** Offset of the first code point of the current line. */
    private lineStart = 0;
    /** The first line break at or after the current line start (-1: not looked for yet): found once, not once per token. */
    private nextNewline = -1;
    private evalMode = false;
    // The token being scanned (fields rather than a returned object: one token, no allocation).
    private type = 0;
    private channel = 0;

    constructor(input: SplCharStream, start: LexStart = "pipeline") {
        this.inputStream = input;
        this.cp = input.units;
        this.n = input.units.length;
        this.source = [this, input];
        const cursor: LexCursor = {
            LA: (offset) => this.at(this.pos + offset - 1),
            rewind: (index) => {
                // The generated lexer moves its column back by the code points removed and keeps
                // its line; a column counted from the line start does the same. A line break in
                // the removed part is counted again, as the generated lexer does.
                this.pos = index;
                this.nextNewline = -1;
            },
            setEvalMode: (on) => {
                this.evalMode = on;
            },
        };
        this.context = new LexContext(cursor, start);
    }

    get column(): number {
        return this.pos - this.lineStart;
    }

    nextToken(): Token {
        const start = this.pos;
        const line = this.line;
        const column = start - this.lineStart;
        if (start >= this.n) return this.token(Token.EOF, Token.DEFAULT_CHANNEL, start, start - 1, line, column);
        this.channel = Token.DEFAULT_CHANNEL;
        const end = this.evalMode ? this.scanEval(start) : this.scanDefault(start);
        if (MULTILINE[this.type] === 1) {
            if (this.nextNewline < start) this.nextNewline = this.newlineFrom(start);
            while (this.nextNewline < end) {
                this.line++;
                this.lineStart = this.nextNewline + 1;
                this.nextNewline = this.newlineFrom(this.lineStart);
            }
        }
        this.pos = end;
        const token = this.token(this.type, this.channel, start, end - 1, line, column);
        if (this.channel === Token.DEFAULT_CHANNEL) this.context.next(token);
        return token;
    }

    /** A token as the generated lexer makes it (its text is read from the input when asked for). */
    private token(type: number, channel: number, start: number, stop: number, line: number, column: number): Token {
        const t = CommonToken.fromSource(this.source, type, channel, start, stop);
        t.line = line;
        t.column = column;
        // CommonToken's `text` getter may return undefined (a token without input); ours have one.
        return t as unknown as Token;
    }

    /** The offset of the first line break at or after `i`, or the end of the text. */
    private newlineFrom(i: number): number {
        const at = this.cp.indexOf("\n", i);
        return at < 0 ? this.n : at;
    }

    /** The code point at `i`, or -1 past the end. */
    private at(i: number): number {
        return i < this.n ? this.cp.charCodeAt(i) : -1;
    }

    /** Sets the token type and returns the end offset. */
    private emit(type: number, end: number): number {
        this.type = type;
        return end;
    }

    /** The tokens both modes read alike: brackets, comparison operators, comments, macros, strings; -1 for others. */
    private common(p: number, c: number): number {
        const single = c < 128 ? (PUNCTUATION[c] as number) : 0;
        if (single !== 0) return this.emit(single, p + 1);
        switch (c) {
            case 0x60: // `
                return this.backtick(p);
            case 0x3d: // =
                return this.at(p + 1) === 0x3d ? this.emit(T.EQEQ, p + 2) : this.emit(T.EQ, p + 1);
            case 0x3e: // >
                return this.at(p + 1) === 0x3d ? this.emit(T.GE, p + 2) : this.emit(T.GT, p + 1);
            case 0x22: // "
                return this.quoted(p, 0x22, T.QUOTED, T.UNTERMINATED_STRING);
            case 0x3c: // <: `<=`, or `<` unless a `<<name>>` template starts here
                if (this.at(p + 1) === 0x3d) return this.emit(T.LE, p + 2);
                return this.template(p) === 0 ? this.emit(T.LT, p + 1) : -1;
        }
        return c < 128 && ((CLASS[c] as number) & WS) !== 0 ? this.whitespace(p) : -1;
    }

    private scanDefault(p: number): number {
        const c = this.cp.charCodeAt(p);
        const common = this.common(p, c);
        if (common >= 0) return common;
        if (c === 0x21 && this.at(p + 1) === 0x3d) return this.emit(T.NEQ, p + 2);
        const end = this.word(p);
        if (end === p) return this.emit(T.ERROR_CHAR, p + 1);
        if (c === 0x3c) return this.emit(end === this.template(p) ? T.TEMPLATE : T.WORD, end);
        const kw = this.keyword(p, end, DEFAULT_KEYWORDS);
        if (kw !== 0) return this.emit(kw, end);
        if (this.at(end) === 0x28) {
            const directive = this.keyword(p, end, DIRECTIVES);
            if (directive !== 0) return this.emit(directive, end + 1);
        }
        return this.emit(T.WORD, end);
    }

    private scanEval(p: number): number {
        const c = this.cp.charCodeAt(p);
        const common = this.common(p, c);
        if (common >= 0) return common;
        const operator = c < 128 ? (ARITHMETIC[c] as number) : 0;
        if (operator !== 0) return this.emit(operator, p + 1);
        switch (c) {
            case 0x21: // !
                return this.at(p + 1) === 0x3d ? this.emit(T.NEQ, p + 2) : this.emit(T.BANG, p + 1);
            case 0x3c: {
                // a `<<name>>` template, alone or starting a name
                const end = this.ident(p);
                return this.emit(end === this.template(p) ? T.TEMPLATE : T.IDENT, end);
            }
            case 0x2e: // .
                return is(this.at(p + 1), DIGIT) ? this.emit(T.NUMBER, this.exponent(this.digits(p + 1))) : this.emit(T.DOT, p + 1);
            case 0x27: // '
                return this.quoted(p, 0x27, T.SQFIELD, T.UNTERMINATED_SQFIELD);
            case 0x24: {
                // $
                const end = this.placeholder(p);
                return end === 0 ? this.emit(T.ERROR_CHAR, p + 1) : this.emit(T.PLACEHOLDER, end);
            }
        }
        if (c < 128) {
            const k = CLASS[c] as number;
            if ((k & DIGIT) !== 0) {
                let i = this.digits(p);
                if (this.at(i) === 0x2e) i = this.digits(i + 1);
                return this.emit(T.NUMBER, this.exponent(i));
            }
            if ((k & NAME_START) !== 0) {
                const end = this.ident(p);
                const kw = this.keyword(p, end, EVAL_KEYWORDS);
                return this.emit(kw !== 0 ? kw : T.IDENT, end);
            }
        }
        return this.emit(T.ERROR_CHAR, p + 1);
    }

    private whitespace(p: number): number {
        let i = p + 1;
        while (is(this.at(i), WS)) i++;
        this.channel = HIDDEN;
        return this.emit(T.WS, i);
    }

    /** COMMENT, UNTERMINATED_COMMENT, MACRO, UNTERMINATED_MACRO, or a lone backtick (ERROR_CHAR). */
    private backtick(p: number): number {
        const cp = this.cp;
        const n = this.n;
        if (this.at(p + 1) === 0x60) {
            if (this.at(p + 2) !== 0x60) return this.emit(T.ERROR_CHAR, p + 1);
            // The comment ends at the first ``` after the opening one; without one it runs to the end.
            const close = cp.indexOf("```", p + 3);
            if (close < 0) return this.emit(T.UNTERMINATED_COMMENT, n);
            this.channel = HIDDEN;
            return this.emit(T.COMMENT, close + 3);
        }
        const close = cp.indexOf("`", p + 1);
        if (close >= 0) return this.emit(T.MACRO, close + 1);
        return this.emit(T.UNTERMINATED_MACRO, n);
    }

    /** A quoted string or field; without its closing quote it runs to the end. */
    private quoted(p: number, quote: number, closed: number, open: number): number {
        const cp = this.cp;
        const n = this.n;
        let i = p + 1;
        while (i < n) {
            const c = cp.charCodeAt(i);
            if (c === quote) return this.emit(closed, i + 1);
            i += c === 0x5c ? 2 : 1;
        }
        return this.emit(open, n);
    }

    /** The end of WORD from `p` (its pieces: WORD_CHAR, `\` and any character, `!` and a WORD_CHAR, `<<name>>`, `$tok|f$`), or `p`. */
    private word(p: number): number {
        const n = this.n;
        const cp = this.cp;
        let i = p;
        while (i < n) {
            const c = cp.charCodeAt(i);
            if (c >= 128 || ((CLASS[c] as number) & WORD_CHAR) !== 0) {
                if (c === 0x24) {
                    // `$tok|s$`: the longest reading (the other stops at the `|`).
                    const f = this.filteredToken(i);
                    if (f !== 0) {
                        i = f;
                        continue;
                    }
                }
                i++;
            } else if (c === 0x5c) {
                if (i + 1 >= n) break;
                i += 2;
            } else if (c === 0x21) {
                if (!is(this.at(i + 1), WORD_CHAR)) break;
                i += 2;
            } else if (c === 0x3c) {
                const t = this.template(i);
                if (t === 0) break;
                i = t;
            } else break;
        }
        return i;
    }

    /** The end of IDENT from `p`: name parts (a name or `<<name>>`), dot-separated. */
    private ident(p: number): number {
        let i = p;
        for (;;) {
            const c = this.at(i);
            if (is(c, NAME_START)) {
                i++;
                while (is(this.at(i), NAME_CHAR)) i++;
            } else if (c === 0x3c && this.template(i) !== 0) {
                i = this.template(i);
            } else if (c === 0x2e && i > p && (is(this.at(i + 1), NAME_START) || this.template(i + 1) !== 0)) {
                i++;
            } else return i;
        }
    }

    /** The end of `<<name>>` at `p`, or 0. */
    private template(p: number): number {
        if (this.at(p) !== 0x3c || this.at(p + 1) !== 0x3c) return 0;
        let i = p + 2;
        while (is(this.at(i), TEMPLATE_CHAR)) i++;
        if (i === p + 2 || this.at(i) !== 0x3e || this.at(i + 1) !== 0x3e) return 0;
        return i + 2;
    }

    /** The end of `$name|filter$` at `p`, or 0. */
    private filteredToken(p: number): number {
        let i = p + 1;
        while (is(this.at(i), TOKEN_NAME)) i++;
        if (i === p + 1 || this.at(i) !== 0x7c) return 0;
        const f = i + 1;
        i = f;
        while (is(this.at(i), LETTER)) i++;
        return i > f && this.at(i) === 0x24 ? i + 1 : 0;
    }

    /** The end of `$name$` or `$name|filter$` at `p`, or 0. */
    private placeholder(p: number): number {
        let i = p + 1;
        while (is(this.at(i), TOKEN_NAME)) i++;
        if (i === p + 1) return 0;
        if (this.at(i) === 0x24) return i + 1;
        return this.filteredToken(p);
    }

    private digits(p: number): number {
        let i = p;
        while (is(this.at(i), DIGIT)) i++;
        return i;
    }

    /** `i` moved past an exponent (`e5`, `E-3`) if one starts there. */
    private exponent(i: number): number {
        if ((this.at(i) | 0x20) !== 0x65) return i;
        let j = i + 1;
        const sign = this.at(j);
        if (sign === 0x2b || sign === 0x2d) j++;
        return is(this.at(j), DIGIT) ? this.digits(j) : i;
    }

    /** The keyword whose text is exactly `p..end`, or 0. */
    private keyword(p: number, end: number, keywords: readonly Keyword[]): number {
        const len = end - p;
        if (len < 2 || len > 9) return 0;
        const cp = this.cp;
        for (const k of keywords) {
            if (k.lower.length !== len) continue;
            let ok = true;
            for (let j = 0; j < len && ok; j++) {
                const c = cp.charCodeAt(p + j);
                const want = k.lower[j] as number;
                ok = k.exact ? c === want - 0x20 : (c | 0x20) === want && c < 128 && is(c, LETTER);
            }
            if (ok) return k.type;
        }
        return 0;
    }
}
