/**
 * Words ANTLR's syntax errors in SPL terms ("unbalanced parenthesis", "unterminated string"),
 * with a span at the construct the user has to fix, never ANTLR's own message.
 */
import type { CommonTokenStream, Token } from "antlr4ng";
import { SplParser } from "../generated/SplParser.js";
import type { Diagnostic } from "../ir/nodes.js";
import type { Span } from "../ir/span.js";
import { diagnostic } from "../diagnostics/diagnostic.js";
import type { RawSyntaxError } from "./parse-tree.js";

// The parser carries the same token types as the lexer; importing the generated lexer would put it
// back in every bundle, which uses the hand-written scanner (token-source.ts).
const T = SplParser;
const OPENERS = new Set<number>([T.LPAREN, T.CALL_LPAREN, T.TERM_OPEN, T.CASE_OPEN, T.PREFIX_OPEN]);
const BOOLEAN = new Set<number>([T.AND, T.OR, T.NOT, T.XOR]);
const COMPARISON = new Set<number>([T.EQ, T.EQEQ, T.NEQ, T.LT, T.LE, T.GT, T.GE]);

/** Problems the lexer alone can see: unterminated strings, macros, comments, stray characters. */
export function lexicalDiagnostics(tokens: CommonTokenStream, spanOf: (t: Token) => Span): Diagnostic[] {
    const out: Diagnostic[] = [];
    for (const t of tokens.getTokens()) {
        switch (t.type) {
            case T.UNTERMINATED_STRING:
                out.push(diagnostic("SPL1003", 'unterminated string: the closing " is missing', spanOf(t)));
                break;
            case T.UNTERMINATED_SQFIELD:
                out.push(diagnostic("SPL1003", "unterminated field name: the closing ' is missing", spanOf(t)));
                break;
            case T.UNTERMINATED_MACRO:
                out.push(diagnostic("SPL1005", "macro is missing its closing backtick", spanOf(t)));
                break;
            case T.UNTERMINATED_COMMENT:
                out.push(diagnostic("SPL1008", "comment is missing its closing ```", spanOf(t)));
                break;
            case T.ERROR_CHAR:
                out.push(diagnostic("SPL1007", `unexpected character '${t.text ?? ""}'`, spanOf(t)));
                break;
        }
    }
    return out;
}

/**
 * Brackets and parentheses that are never closed, or closed without being opened. The stray
 * closers are returned too: the caller hides them from the parser so that one stray `)` costs
 * a diagnostic, not the rest of the pipeline.
 */
export function balanceDiagnostics(tokens: CommonTokenStream, spanOf: (t: Token) => Span): { diagnostics: Diagnostic[]; strays: Token[]; gluedParens: Token[] } {
    const out: Diagnostic[] = [];
    const strays: Token[] = [];
    const gluedParens: Token[] = [];
    // One stack per bracket level: parentheses cannot cross a `|` or a `]`.
    const brackets: Token[] = [];
    const parens: Token[][] = [[]];
    const flushParens = (): void => {
        const level = parens[parens.length - 1] as Token[];
        for (const p of level) out.push(diagnostic("SPL1002", "unbalanced parenthesis: this '(' is never closed", spanOf(p)));
        level.length = 0;
    };
    let previous: Token | null = null;
    for (const t of tokens.getTokens()) {
        if (t.channel !== 0) continue;
        const before = previous;
        previous = t;
        if (OPENERS.has(t.type)) (parens[parens.length - 1] as Token[]).push(t);
        else if (t.type === T.RPAREN) {
            const level = parens[parens.length - 1] as Token[];
            if (level.length > 0) level.pop();
            else if (before?.type === T.QUOTED && before.stop + 1 === t.start) {
                // `"(?<x>.+")`: a `)` glued after a closing quote. Splunk may read the quote as
                // ending only part of one argument; that reading is unverified, so no error.
                out.push(
                    diagnostic("SPL1014", "')' right after a closing quote: Splunk may read it as part of the quoted argument (unverified); move the quote after it if that was meant", spanOf(t)),
                );
                strays.push(t);
                gluedParens.push(t);
            } else {
                out.push(diagnostic("SPL1002", "unbalanced parenthesis: ')' without a matching '('", spanOf(t)));
                strays.push(t);
            }
        } else if (t.type === T.PIPE) flushParens();
        else if (t.type === T.LBRACKET) {
            brackets.push(t);
            parens.push([]);
        } else if (t.type === T.RBRACKET) {
            if (brackets.length === 0) {
                out.push(diagnostic("SPL1010", "unexpected ']' with no open subsearch", spanOf(t)));
                strays.push(t);
                continue;
            }
            flushParens();
            parens.pop();
            brackets.pop();
        } else if (t.type === T.EOF) {
            flushParens();
        }
    }
    for (const b of brackets) out.push(diagnostic("SPL1004", "subsearch is missing its closing ]", spanOf(b)));
    return { diagnostics: out, strays, gluedParens };
}

/** Words the parser's own errors that the two passes above do not already explain. */
export function parserDiagnostics(errors: RawSyntaxError[], tokens: CommonTokenStream, spanOf: (t: Token) => Span, explained: Diagnostic[]): Diagnostic[] {
    const out: Diagnostic[] = [];
    const explainedAt = explained.map((d) => d.span);
    for (const e of errors) {
        const t = e.token;
        if (!t) continue;
        const at = spanOf(t);
        if (t.type === T.UNTERMINATED_STRING || t.type === T.UNTERMINATED_MACRO || t.type === T.UNTERMINATED_COMMENT || t.type === T.UNTERMINATED_SQFIELD || t.type === T.ERROR_CHAR) continue;
        const prev = e.previousIndex >= 0 ? tokens.get(e.previousIndex) : null;
        // A bracket/paren problem already has a diagnostic at the bracket itself.
        if (
            (t.type === T.RPAREN || t.type === T.RBRACKET || t.type === T.EOF || t.type === T.PIPE) &&
            (e.expected.includes(T.RPAREN) || e.expected.includes(T.RBRACKET) || t.type === T.RPAREN || t.type === T.RBRACKET) &&
            explainedAt.length > 0
        )
            continue;
        if (prev && COMPARISON.has(prev.type)) {
            out.push(diagnostic("SPL1006", `expected a value after '${prev.text ?? "="}'`, spanOf(prev)));
            continue;
        }
        if (prev && BOOLEAN.has(prev.type)) {
            out.push(diagnostic("SPL1011", `expected an operand after '${prev.text ?? ""}'`, spanOf(prev)));
            continue;
        }
        if (prev && prev.type === T.IN && t.type !== T.LPAREN) {
            out.push(diagnostic("SPL1012", "IN needs a parenthesised list of values: field IN (a, b)", spanOf(prev)));
            continue;
        }
        if (t.type === T.EOF) {
            out.push(diagnostic("SPL1011", "the search ends where more was expected", at));
            continue;
        }
        if (e.afterCommand === "evalCommand" && (t.type === T.IDENT || t.type === T.SQFIELD || t.type === T.QUOTED)) {
            out.push(diagnostic("SPL1001", `expected ',' before the next eval assignment '${clip(t.text ?? "")}'`, at));
            continue;
        }
        if (e.afterCommand !== null) {
            out.push(diagnostic("SPL1001", `unexpected '${clip(t.text ?? "")}' after the end of the command; the rest of this stage is skipped`, at));
            continue;
        }
        out.push(diagnostic("SPL1001", `syntax error: '${clip(t.text ?? "")}' cannot stand here`, at));
    }
    return out;
}

function clip(s: string): string {
    return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}
