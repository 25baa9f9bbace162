/**
 * The generated lexer plus SPL's context (lex-context.ts): the grammar's own reading of the
 * text, kept as the specification that the hand-written scanner (token-source.ts) is tested
 * against, and for the benchmarks.
 */
import { type CharStream, type Token } from "antlr4ng";
import { SplLexer } from "../generated/SplLexer.js";
import { LexContext, type LexCursor, type LexStart } from "./lex-context.js";

export type { LexStart } from "./lex-context.js";

/** SplLexer with SPL's contextual token types and mode switches. */
export class ModalLexer extends SplLexer {
    private readonly context: LexContext;

    constructor(input: CharStream, start: LexStart = "pipeline") {
        super(input);
        const cursor: LexCursor = {
            LA: (offset) => this.inputStream.LA(offset),
            rewind: (index, removed) => {
                this.inputStream.seek(index);
                this.column -= removed;
            },
            setEvalMode: (on) => {
                if (on && this.mode !== SplLexer.EVAL) this.mode = SplLexer.EVAL;
                else if (!on && (this.modeStack.length > 0 || this.mode !== SplLexer.DEFAULT_MODE)) this.mode = SplLexer.DEFAULT_MODE;
            },
        };
        this.context = new LexContext(cursor, start);
    }

    override reset(): void {
        super.reset();
        // super() calls reset() before the context exists.
        (this.context as LexContext | undefined)?.reset();
    }

    override nextToken(): Token {
        const token = super.nextToken();
        if (token.channel !== 0 || token.type === Token_EOF) return token;
        this.context.next(token);
        return token;
    }
}

const Token_EOF = -1;

/** The generated lexer as a token source for parse-tree.ts (`setTokenSourceFactory`). */
export function grammarTokenSource(input: CharStream, start: LexStart): ModalLexer {
    const lexer = new ModalLexer(input, start);
    lexer.removeErrorListeners();
    return lexer;
}
