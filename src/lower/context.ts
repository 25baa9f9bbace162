/**
 * State shared by the lowering passes: the source text, offset conversion (antlr4ng counts
 * code points, the IR counts UTF-16 units) and the diagnostics being collected.
 */
import { ParserRuleContext, TerminalNode, type ParseTree, type Token } from "antlr4ng";
import type { Diagnostic } from "../ir/nodes.js";
import type { Span } from "../ir/span.js";
import { diagnostic } from "../diagnostics/diagnostic.js";
import type { DiagnosticCode } from "../diagnostics/codes.js";

/** Lowering state for one text. */
export class LowerContext {
    readonly diagnostics: Diagnostic[] = [];
    /** Offsets of unmatched `)` written right after a closing quote (see StringArg.gluedParen). */
    readonly gluedParens = new Set<number>();

    constructor(
        readonly text: string,
        private readonly toOffset: (cp: number) => number,
    ) {}

    /** True for a real token of the input (not one conjured by error recovery). */
    isReal(token: Token | null | undefined): token is Token {
        return !!token && token.tokenIndex >= 0 && token.start >= 0 && token.stop >= token.start - 1;
    }

    tokenSpan(token: Token): Span {
        return { start: this.toOffset(token.start), end: this.toOffset(token.stop + 1) };
    }

    /** The source text of a token, sliced from the JS string (cheaper than `token.text`). */
    tokenText(token: Token | null | undefined): string {
        if (!token || !this.isReal(token)) return "";
        return this.text.slice(this.toOffset(token.start), this.toOffset(token.stop + 1));
    }

    /** Span from the first to the last real token of a tree node. */
    span(node: ParseTree): Span {
        if (node instanceof TerminalNode) return this.tokenSpan(node.symbol);
        const ctx = node as ParserRuleContext;
        // Fast path: the parser's own start/stop tokens, when recovery did not disturb them.
        const a = ctx.start;
        const b = ctx.stop;
        if (this.isReal(a) && this.isReal(b) && b.tokenIndex >= a.tokenIndex && b.type !== -1) {
            return { start: this.toOffset(a.start), end: this.toOffset(b.stop + 1) };
        }
        const first = this.firstToken(ctx);
        const last = this.lastToken(ctx);
        if (!first) {
            let at = ctx.start && ctx.start.start >= 0 ? this.toOffset(ctx.start.start) : 0;
            // An empty node sits at the next token, which recovery may have found past the end
            // of its parent (`eval(` then blanks): it stays inside its parent's span.
            if (ctx.parent) {
                const p = this.span(ctx.parent);
                at = Math.min(Math.max(at, p.start), p.end);
            }
            return { start: at, end: at };
        }
        const s = this.tokenSpan(first);
        const e = last ? this.tokenSpan(last) : s;
        return { start: s.start, end: Math.max(s.end, e.end) };
    }

    private firstToken(ctx: ParseTree): Token | null {
        if (ctx instanceof TerminalNode) return this.isReal(ctx.symbol) ? ctx.symbol : null;
        const n = ctx.getChildCount();
        for (let i = 0; i < n; i++) {
            const t = this.firstToken(ctx.getChild(i) as ParseTree);
            if (t) return t;
        }
        return null;
    }

    private lastToken(ctx: ParseTree): Token | null {
        if (ctx instanceof TerminalNode) return this.isReal(ctx.symbol) ? ctx.symbol : null;
        for (let i = ctx.getChildCount() - 1; i >= 0; i--) {
            const t = this.lastToken(ctx.getChild(i) as ParseTree);
            if (t) return t;
        }
        return null;
    }

    /** The source text of a node. */
    source(node: ParseTree): string {
        const s = this.span(node);
        return this.text.slice(s.start, s.end);
    }

    report(code: DiagnosticCode, message: string, span: Span): void {
        this.diagnostics.push(diagnostic(code, message, span));
    }
}

/** The children of a node (empty for a terminal or a node without children). */
export function childrenOf(node: ParseTree): ParseTree[] {
    if (node instanceof ParserRuleContext) return node.children;
    return [];
}

/** The token of a terminal child, or null. */
export function tokenOf(node: ParseTree | null | undefined): Token | null {
    return node instanceof TerminalNode ? node.symbol : null;
}
