/**
 * `splc/rules`: loaders of detection-rule files (security_content and Anvilogic YAML,
 * savedsearches.conf, macros.conf, plain .spl, JSONL corpus files). Browser-safe: no Node modules.
 * Each rule's `toFileOffset` maps offsets of its SPL back into the file, so parse diagnostics can
 * be printed at file:line:col.
 */
export type { LoadRuleTextOptions, OffsetMap, RuleDiagnostic, RuleFileFormat, RuleFileResult, RuleFormat, RuleMacro, RuleSource } from "./types.js";
export { detectFileKind, loadRuleText, type FileKind } from "./load.js";
export { mapDiagnosticsToFile, toFileSpan } from "./map-diagnostics.js";
export { lookupOffset, type MappedText } from "./offset-map.js";
export { reviveRule } from "./common.js";
export { parseConf, type ConfSetting, type ConfStanza } from "./conf.js";
