/**
 * splc: a compiler front end for Splunk's Search Processing Language.
 * This module is the whole public surface of the core (browser-safe: no Node built-ins, no yaml).
 */
export { parse, parseSearchExpression, parseEvalExpression, DEFAULT_LIMITS, LIMIT_CAPS, type ParseOptions, type ParseLimits, type FragmentResult } from "./parse.js";
export * from "./ir/nodes.js";
export type * from "./ir/commands.js";
export { optionsOf } from "./ir/options.js";
export type { Span, Origin } from "./ir/span.js";
export { DIAGNOSTIC_CODES, type DiagnosticCode, type DiagnosticInfo } from "./diagnostics/codes.js";
export { createLineIndex, formatDiagnostic, codeFrame, type LineIndex, type FormatDiagnosticOptions } from "./diagnostics/render.js";
export { commandInfo, canonicalName, type CommandInfo, type CommandType, type ArgumentSyntax } from "./commands/catalog.js";
export { lastParseStats, type ParseStats } from "./parse.js";
export * from "./macros/index.js";
export { clearParserCaches, countTokens } from "./parser/parse-tree.js";
export * from "./analysis/index.js";
export * from "./print/index.js";
export * from "./visit/index.js";
export * from "./graph/index.js";
export * from "./relate/index.js";
