/**
 * SPL's lexical context: which command a word belongs to decides its token type and the lexer
 * mode. Both token sources (the generated lexer in modal-lexer.ts, the hand-written scanner in
 * token-source.ts) run their tokens through this one class, so the context lives in one place.
 *
 * - The word in command position (after `|`, or `search` at the start of a pipeline, or any
 *   known command at the start of a bracketed pipeline) becomes CMD_SEARCH/CMD_WHERE/CMD_EVAL/
 *   CMD_STATS/CMD_NAME after the catalog's argument syntax.
 * - `where`, `eval`, `fieldformat` switch to the EVAL mode until the stage ends (`|` or `]`);
 *   `eval(` inside other commands switches for the parenthesised expression only.
 * - Inside a search command the clause keywords (AS, BY, WHERE, ...) are plain words.
 * - `(` glued to a word is CALL_LPAREN, so `ctime(x)` (a call) differs from `head (x>5)`.
 */
import { type Token } from "antlr4ng";
import { SplParser as T } from "../generated/SplParser.js";
import { CLAUSE_KEYWORDS as CLAUSE_KEYWORD_WORDS, commandInfo, readsAsClauseKeyword, type CommandInfo } from "../commands/catalog.js";

const CLAUSE_KEYWORDS = new Set<number>(CLAUSE_KEYWORD_WORDS.map((w) => T[w]));
const WORD_LIKE = new Set<number>([T.WORD, ...CLAUSE_KEYWORDS]);
const SYNTAX_TOKEN = { search: T.CMD_SEARCH, where: T.CMD_WHERE, eval: T.CMD_EVAL, stats: T.CMD_STATS, generic: T.CMD_NAME } as const;
const GLUED_PATH = /^([A-Za-z_][A-Za-z0-9_]*)\//;

interface PipelineFrame {
    kind: "pipeline";
    /** True for the top-level pipeline. */
    root: boolean;
    /** The next word-like token is in command position. */
    expectCommand: boolean;
    /** No token of this pipeline was seen yet. */
    atStart: boolean;
    /** The current stage is a search command (implicit or explicit). */
    inSearch: boolean;
    /** The current stage's command (undefined: unknown to the catalog), whose clause keywords apply. */
    command: CommandInfo | undefined;
}

interface EvalFrame {
    kind: "eval";
    /** Open parentheses; for `eval(` the frame ends when this returns to 0. */
    depth: number;
    /** `eval(...)` inside another command rather than a whole eval/where stage. */
    call: boolean;
}

type Frame = PipelineFrame | EvalFrame;

/**
 * What the text is: a whole search, a dashboard post-process search (it starts with a command
 * and no pipe), or a fragment in one of the two expression languages.
 */
/** The characters that end a WORD of the default mode (the grammar's WORD_CHAR fragment excludes them). */
export const WORD_BREAKERS = ' \t\r\n\f|"`()[],=!<>\\';

export type LexStart = "pipeline" | "postprocess" | "search" | "eval";

/** What the context needs from the scanner that feeds it, at the position after the token it classifies. */
export interface LexCursor {
    /** The code point `offset` places ahead (1: the next one), or -1 at the end. */
    LA(offset: number): number;
    /** Scan again from code point `index`: the last token was cut short by `removed` code points. */
    rewind(index: number, removed: number): void;
    /** The next token is scanned in the EVAL mode (true) or the default mode. */
    setEvalMode(on: boolean): void;
}

function initialFrames(start: LexStart): Frame[] {
    const root: PipelineFrame = { kind: "pipeline", root: true, expectCommand: false, atStart: start === "pipeline" || start === "postprocess", inSearch: start === "search", command: undefined };
    return start === "eval" ? [root, { kind: "eval", depth: 0, call: false }] : [root];
}

/** The context of one text: feed it every default-channel token, in order. */
export class LexContext {
    private frames: Frame[];
    private previous: Token | null = null;
    /** `eval` was just emitted as EVAL_CALL: the next `(` opens an eval frame. */
    private pendingEvalCall = false;

    constructor(
        private readonly cursor: LexCursor,
        private readonly start: LexStart,
    ) {
        this.frames = initialFrames(start);
        this.setMode();
    }

    /** Back to the start of the text. */
    reset(): void {
        this.frames = initialFrames(this.start);
        this.previous = null;
        this.pendingEvalCall = false;
        this.setMode();
    }

    /** Retypes `token` (a default-channel token, not EOF) after its context and updates the context. */
    next(token: Token): void {
        this.classify(token);
        this.previous = token;
    }

    private top(): Frame {
        return this.frames[this.frames.length - 1] as Frame;
    }

    private pipelineFrame(): PipelineFrame {
        for (let i = this.frames.length - 1; i >= 0; i--) {
            const f = this.frames[i] as Frame;
            if (f.kind === "pipeline") return f;
        }
        return this.frames[0] as PipelineFrame;
    }

    private setMode(): void {
        this.cursor.setEvalMode(this.top().kind === "eval");
    }

    private popEvalFrames(): void {
        while (this.top().kind === "eval") this.frames.pop();
    }

    private classify(token: Token): void {
        const type = token.type;
        const top = this.top();

        if (type === T.PIPE) {
            this.popEvalFrames();
            const p = this.pipelineFrame();
            p.expectCommand = true;
            p.atStart = false;
            p.inSearch = false;
            p.command = undefined;
            this.setMode();
            return;
        }
        if (type === T.LBRACKET) {
            const p = this.pipelineFrame();
            if (p.expectCommand) p.expectCommand = false;
            // A stage that starts with a subsearch is the implicit search: `[...] as=b`.
            if (p.atStart) p.inSearch = true;
            p.atStart = false;
            this.frames.push({ kind: "pipeline", root: false, expectCommand: false, atStart: true, inSearch: false, command: undefined });
            this.setMode();
            return;
        }
        if (type === T.RBRACKET) {
            this.popEvalFrames();
            if (this.frames.length > 1) this.frames.pop();
            this.setMode();
            return;
        }

        if (top.kind === "eval") {
            if (type === T.LPAREN) {
                top.depth++;
            } else if (type === T.RPAREN) {
                top.depth--;
                if (top.call && top.depth <= 0) {
                    this.frames.pop();
                    this.setMode();
                }
            }
            return;
        }

        const p = top;
        if (p.atStart) {
            p.atStart = false;
            if (WORD_LIKE.has(type) && this.startsCommand(token, p)) return;
            // The implicit search.
            p.inSearch = true;
        } else if (p.expectCommand) {
            p.expectCommand = false;
            if (WORD_LIKE.has(type) || type === T.AND || type === T.OR || type === T.NOT || type === T.IN) {
                this.splitGluedPath(token);
                const info = commandInfo(token.text ?? "");
                p.command = info;
                this.enterCommand(token, info?.syntax ?? "generic");
                return;
            }
        }

        // A clause keyword is a field name where the command has no such clause, right after AS
        // (`rename x AS from`), as an argument (`values(output)`) and as an option's value.
        if (CLAUSE_KEYWORDS.has(type) && (p.inSearch || this.isFieldName(token, p))) {
            (token as { type: number }).type = T.WORD;
        }
        const effective = token.type;
        if (effective === T.WORD && !p.inSearch && token.stop - token.start === 3 && this.cursor.LA(1) === 0x28 && (token.text ?? "").toLowerCase() === "eval") {
            (token as { type: number }).type = T.EVAL_CALL;
            this.pendingEvalCall = true;
            return;
        }
        if (type === T.LPAREN) {
            const prev = this.previous;
            if (prev && (prev.type === T.WORD || prev.type === T.EVAL_CALL) && prev.stop + 1 === token.start) {
                (token as { type: number }).type = T.CALL_LPAREN;
            }
            if (this.pendingEvalCall) {
                this.pendingEvalCall = false;
                this.frames.push({ kind: "eval", depth: 1, call: true });
                this.setMode();
            }
        }
    }

    /**
     * Splunk ends a command name at the first character that cannot be part of a name, so
     * `| rest/servicesNS/-/-/saved/searches` is `rest` with the path as its first argument.
     * Only a known command is cut there: an unknown word keeps its slashes.
     */
    private splitGluedPath(token: Token): void {
        if (token.type !== T.WORD) return;
        const m = GLUED_PATH.exec(token.text ?? "");
        if (!m || commandInfo(m[1] as string) === undefined) return;
        const cut = token.start + (m[1] as string).length;
        const removed = token.stop + 1 - cut;
        (token as { stop: number }).stop = cut - 1;
        this.cursor.rewind(cut, removed);
    }

    private isFieldName(token: Token, p: PipelineFrame): boolean {
        const prev = this.previous?.type;
        // After `=` it is an option's value (`s=as`), not a clause: as a keyword it would
        // turn the keyword after it into a name (`s=as BY a` would lose its BY).
        if (prev === T.AS || prev === T.CALL_LPAREN || prev === T.EQ) return true;
        return !readsAsClauseKeyword(token.text ?? "", p.command);
    }

    /** At the start of a pipeline: `search ...`, or inside brackets (and in a post-process search) any known command. */
    private startsCommand(token: Token, p: PipelineFrame): boolean {
        const name = (token.text ?? "").toLowerCase();
        if (this.followedByOperator()) return false;
        const info = commandInfo(name);
        if (name === "search" || ((!p.root || this.start === "postprocess") && info !== undefined)) {
            p.command = info;
            this.enterCommand(token, info?.syntax ?? "generic");
            return true;
        }
        return false;
    }

    private enterCommand(token: Token, syntax: keyof typeof SYNTAX_TOKEN): void {
        (token as { type: number }).type = SYNTAX_TOKEN[syntax];
        const p = this.pipelineFrame();
        p.inSearch = syntax === "search";
        if (syntax === "eval" || syntax === "where") {
            this.frames.push({ kind: "eval", depth: 0, call: false });
            this.setMode();
        }
    }

    /** The next non-blank characters are a comparison operator (`search=x` is a comparison). */
    private followedByOperator(): boolean {
        const input = this.cursor;
        let i = 1;
        let c = input.LA(i);
        while (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) c = input.LA(++i);
        if (c === 0x3c && input.LA(i + 1) === 0x3c) return false; // `<<FIELD>>` is a template, not `<`
        if (c === 0x3d || c === 0x3c || c === 0x3e) return true; // = < >
        return c === 0x21 && input.LA(i + 1) === 0x3d; // !=
    }
}
