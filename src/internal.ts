/**
 * Hooks for splc's own benchmarks and tests, built to dist/internal.js and imported by file path
 * (bench/bench.mjs). Not part of the package's `exports`, not published and not an API: names
 * here may change in any release.
 */
import { grammarTokenSource } from "./parser/modal-lexer.js";
import { lex, setTokenSourceFactory } from "./parser/parse-tree.js";

/** Which lexer: the hand-written scanner that `parse` uses, or the generated lexer it is tested against. */
export type Lexer = "scanner" | "grammar";

function use(lexer: Lexer): void {
    setTokenSourceFactory(lexer === "grammar" ? grammarTokenSource : undefined);
}

/** Lexes `text` (modes and contextual types included) and returns the token count: the benchmarks' "lex only" line. */
export function countTokens(text: string, lexer: Lexer = "scanner"): number {
    use(lexer);
    try {
        return lex(text).tokens.getTokens().length;
    } finally {
        use("scanner");
    }
}
