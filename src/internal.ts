/**
 * Hooks for splc's own benchmarks, built to dist/internal.js and imported by file path
 * (bench/bench.mjs). Not part of the package's `exports`, not published and not an API: names
 * here may change in any release.
 */
export { countTokens } from "./parser/parse-tree.js";
