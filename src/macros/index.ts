/**
 * Search macros: definitions (from objects, security_content records or macros.conf), textual
 * expansion, and the offset map that takes spans of the expanded text back to the original.
 * Browser-safe: no `node:` modules, no YAML parser.
 */
export { type MacroDefinition, type NormalizedMacro, type MacroTable, macroKey, splitStanzaName, normalizeMacro, normalizeMacros, macroFromRecord, splitArgNames } from "./definition.js";
export { type MacrosConfResult, parseMacrosConf } from "./conf.js";
export { type ExpandOptions, type ExpansionResult, type MacroUse, expandMacros, EXPAND_CAPS } from "./expand.js";
export { type ExpansionMap, type MapSegment, type MacroFrame, type MappedFrame, type MappedOffset, type MappedSpan, identityMap, toOriginal, mapSpan, mapDiagnostic } from "./map.js";
export { type MacroCallSite, type ParsedCall, findMacroCalls, parseCall, splitArguments } from "./scan.js";
export { BUILTIN_MACROS } from "./builtin.js";
