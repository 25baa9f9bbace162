/**
 * Text -> ANTLR parse tree, in two stages: SLL prediction with a bail-out strategy (fast, and
 * enough for valid SPL), then full LL with error recovery only when the first stage fails.
 * Syntax errors are collected as raw records; src/parser/syntax-errors.ts turns them into
 * SPL-worded diagnostics.
 */
import {
    BailErrorStrategy,
    BaseErrorListener,
    CommonTokenStream,
    DefaultErrorStrategy,
    IntervalSet,
    ParseCancellationException,
    ParserRuleContext,
    PredictionMode,
    Token,
    type Parser,
    type ATNSimulator,
    type Recognizer,
    type TokenSource,
} from "antlr4ng";
import { PipelineContext, SplParser, type QueryContext } from "../generated/SplParser.js";
import { type LexStart } from "./lex-context.js";
import { SplCharStream } from "./char-stream.js";
import { SplTokenSource } from "./token-source.js";

/** A syntax error as the parser saw it, before wording. */
export interface RawSyntaxError {
    /** The token the parser stopped at (null for lexer-level problems). */
    token: Token | null;
    /** Token types the parser would have accepted there. */
    expected: number[];
    /** Index in the token stream of the token before the offending one, or -1. */
    previousIndex: number;
    /** The parser rules being parsed, innermost first (`evalCommand`, `pipeline`, ...). */
    rules: string[];
    /** For a token left over after a command: that command's rule (`evalCommand`, ...). */
    afterCommand: string | null;
}

/**
 * Default recovery, plus one rule for pipelines: a token that cannot continue the current
 * command and is not a `|` would otherwise end the pipeline and cost every later stage. Here it
 * is reported and skipped up to the next `|` (or the end of the pipeline), so that one broken
 * stage costs that stage only.
 */
class PipelineRecovery extends DefaultErrorStrategy {
    override sync(recognizer: Parser): void {
        const ctx = recognizer.context;
        if (ctx instanceof PipelineContext && !this.inErrorRecoveryMode(recognizer)) {
            const la = recognizer.tokenStream.LA(1);
            const state = recognizer.atn.states[recognizer.state];
            const canContinue = state ? recognizer.atn.nextTokens(state).contains(la) : true;
            if (!canContinue && la !== SplParser.PIPE && la !== SplParser.RBRACKET && la !== Token.EOF) {
                this.reportUnwantedToken(recognizer);
                const stop = new IntervalSet();
                stop.addOne(SplParser.PIPE);
                stop.addOne(SplParser.RBRACKET);
                stop.addOne(Token.EOF);
                this.consumeUntil(recognizer, stop);
                this.endErrorCondition(recognizer);
                return;
            }
        }
        super.sync(recognizer);
    }
}

/** Which parser rule to start from: a whole search, or one expression. */
export type EntryRule = "query" | "searchExpression" | "evalExpression";

/** Result of {@link parseTokens}. */
export interface TreeResult<T extends ParserRuleContext = QueryContext> {
    tree: T;
    tokens: CommonTokenStream;
    errors: RawSyntaxError[];
    /** True when the SLL stage failed and the LL stage with recovery ran. */
    usedFallback: boolean;
}

class Collector extends BaseErrorListener {
    readonly errors: RawSyntaxError[] = [];
    override syntaxError<S extends Token, T extends ATNSimulator>(recognizer: Recognizer<T>, offending: S | null): void {
        let expected: number[] = [];
        let rules: string[] = [];
        if (recognizer instanceof SplParser) {
            try {
                expected = recognizer.getExpectedTokens().toArray();
                rules = recognizer.getRuleInvocationStack();
            } catch {
                expected = [];
            }
        }
        const previousIndex = offending ? previousDefaultIndex(recognizer, offending) : -1;
        let afterCommand: string | null = null;
        if (recognizer instanceof SplParser && recognizer.context instanceof PipelineContext) {
            const last = recognizer.context.children[recognizer.context.children.length - 1];
            const inner = last instanceof ParserRuleContext ? last.children[0] : undefined;
            if (inner instanceof ParserRuleContext) afterCommand = SplParser.ruleNames[inner.ruleIndex] ?? null;
        }
        this.errors.push({ token: offending, expected, previousIndex, rules, afterCommand });
    }
}

function previousDefaultIndex<T extends ATNSimulator>(recognizer: Recognizer<T>, token: Token): number {
    if (!(recognizer instanceof SplParser)) return -1;
    const stream = recognizer.tokenStream;
    for (let i = token.tokenIndex - 1; i >= 0; i--) {
        if (stream.get(i).channel === 0) return i;
    }
    return -1;
}

/** Makes the token source of a text: the hand-written scanner unless a benchmark or test says otherwise. */
export type TokenSourceFactory = (input: SplCharStream, start: LexStart) => TokenSource;

const scanner: TokenSourceFactory = (input, start) => new SplTokenSource(input, start);
let makeTokenSource = scanner;

/**
 * Lex (and so parse) with another token source, e.g. the generated lexer (modal-lexer.ts), which
 * stays out of the package's entry points this way; `undefined` restores the scanner. For
 * benchmarks and tests (src/internal.ts).
 */
export function setTokenSourceFactory(factory: TokenSourceFactory | undefined): void {
    makeTokenSource = factory ?? scanner;
}

/** Lexes the whole text (the lexer's context switches are decided while lexing). */
export function lex(text: string, start: LexStart = "pipeline"): { tokens: CommonTokenStream } {
    const tokens = new CommonTokenStream(makeTokenSource(new SplCharStream(text), start));
    tokens.fill();
    return { tokens };
}

const ENTRY: { [K in EntryRule]: (p: SplParser) => ParserRuleContext } = {
    query: (p) => p.query(),
    searchExpression: (p) => p.searchExpression(),
    evalExpression: (p) => p.evalExpression(),
};

/** Parses already-lexed tokens into a tree; never throws for any input. */
export function parseTokens(tokens: CommonTokenStream): TreeResult;
export function parseTokens(tokens: CommonTokenStream, rule: EntryRule): TreeResult<ParserRuleContext>;
export function parseTokens(tokens: CommonTokenStream, rule: EntryRule = "query"): TreeResult<ParserRuleContext> {
    const entry = ENTRY[rule];
    const parser = new SplParser(tokens);
    parser.removeErrorListeners();
    parser.interpreter.predictionMode = PredictionMode.SLL;
    parser.errorHandler = new BailErrorStrategy();
    try {
        const tree = entry(parser);
        return { tree, tokens, errors: [], usedFallback: false };
    } catch (e) {
        if (!(e instanceof ParseCancellationException)) throw e;
    }
    tokens.seek(0);
    parser.reset();
    const collector = new Collector();
    parser.addErrorListener(collector);
    parser.errorHandler = new PipelineRecovery();
    parser.interpreter.predictionMode = PredictionMode.LL;
    const tree = entry(parser);
    return { tree, tokens, errors: collector.errors, usedFallback: true };
}

/** Counts of the LL diagnostics that reveal grammar ambiguity, from {@link predictionReport}. */
export interface PredictionReport {
    fullContext: number;
    ambiguities: number;
    syntaxErrors: number;
}

/**
 * Parses with full LL prediction and reports how often the parser needed full-context
 * prediction (a sign of an ambiguous or LL(*)-hard grammar spot). For tests and benchmarks.
 */
export function predictionReport(text: string): PredictionReport {
    const { tokens } = lex(text);
    const parser = new SplParser(tokens);
    parser.removeErrorListeners();
    const report: PredictionReport = { fullContext: 0, ambiguities: 0, syntaxErrors: 0 };
    class Counter extends BaseErrorListener {
        override syntaxError(): void {
            report.syntaxErrors++;
        }
        override reportAttemptingFullContext(): void {
            report.fullContext++;
        }
        override reportAmbiguity(): void {
            report.ambiguities++;
        }
    }
    parser.addErrorListener(new Counter());
    parser.interpreter.predictionMode = PredictionMode.LL_EXACT_AMBIG_DETECTION;
    parser.query();
    return report;
}
