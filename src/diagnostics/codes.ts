/**
 * The catalog of diagnostic codes: the one place where a code, its default severity and its
 * meaning are defined. Codes are stable; messages may be reworded.
 *
 * Ranges: SPL1xxx syntax and limits, SPL2xxx command arguments, SPL3xxx semantic analysis,
 * SPL4xxx macros, SPL5xxx rule files, SPL6xxx the CLI's configuration and suppressions.
 */
import type { Severity } from "../ir/nodes.js";

/** One catalog entry. */
export interface DiagnosticInfo {
    severity: Severity;
    /** One line for the README and `--help`. */
    summary: string;
}

export const DIAGNOSTIC_CODES = {
    // Syntax
    SPL1001: { severity: "error", summary: "syntax error: a token that cannot stand here" },
    SPL1002: { severity: "error", summary: "unbalanced parenthesis" },
    SPL1003: { severity: "error", summary: "unterminated string" },
    SPL1004: { severity: "error", summary: "subsearch is missing its closing ]" },
    SPL1005: { severity: "error", summary: "macro is missing its closing backtick" },
    SPL1006: { severity: "error", summary: "expected a value after a comparison operator or '='" },
    SPL1007: { severity: "error", summary: "unexpected character" },
    SPL1008: { severity: "error", summary: "unterminated ``` comment" },
    SPL1009: { severity: "error", summary: "missing command after '|'" },
    SPL1010: { severity: "error", summary: "unexpected ']' with no open subsearch" },
    SPL1011: { severity: "error", summary: "expected an expression" },
    SPL1012: { severity: "error", summary: "IN needs a parenthesised value list" },
    SPL1013: { severity: "warning", summary: "stray comma between search terms (Splunk treats it as a separator)" },
    SPL1014: { severity: "warning", summary: "')' glued after a closing quote: Splunk's reading of the argument is unverified" },
    SPL1015: { severity: "info", summary: "the search starts with a command name and its arguments: a dashboard post-process search? (parse option postProcess)" },
    SPL1016: { severity: "warning", summary: "IN with an empty value list matches nothing" },
    SPL1017: { severity: "warning", summary: "comma between an aggregation and its AS (Splunk treats it as a separator; the AS still names the aggregation)" },
    // Limits
    SPL1101: { severity: "error", summary: "input longer than the maxLength option" },
    SPL1102: { severity: "error", summary: "nesting deeper than the maxDepth option" },
    SPL1103: { severity: "error", summary: "more tokens than the maxTokens option" },
    SPL1105: { severity: "warning", summary: "number out of range of a 64-bit float (its value is null in the IR)" },
    // Formatter
    SPL1201: { severity: "warning", summary: "not formatted: the formatted text would not parse back to the same search (a printer bug; the text is left as is)" },
    // Command arguments
    SPL2001: { severity: "info", summary: "bin/bucket without a field bins _time; write the field to make that explicit" },
    SPL2002: { severity: "error", summary: "rename pair without AS" },
    SPL2003: { severity: "error", summary: "aggregation without a function name" },
    SPL2004: { severity: "error", summary: "unknown join type" },
    SPL2005: { severity: "error", summary: "command is missing a required argument" },
    SPL2006: { severity: "warning", summary: "argument not understood by this command" },
    SPL2007: { severity: "error", summary: "invalid regular expression" },
    SPL2008: { severity: "error", summary: "option value is not of the expected type" },
    SPL2009: { severity: "warning", summary: "regex field joined to its pattern by '-' (probably '=' was meant; Splunk's reading is unverified)" },
    SPL2018: { severity: "warning", summary: "internal error in the typed reading of a command; it is kept generic (a splc bug)" },
    // Semantic analysis
    SPL3001: { severity: "warning", summary: "TERM() text contains a major breaker (space, parenthesis, <>, comma, ...) or a boolean word" },
    SPL3002: { severity: "warning", summary: "no longer reported: bin/bucket without a field is the info note SPL2001" },
    SPL3003: { severity: "warning", summary: "macro in command position without its '|'" },
    SPL3004: { severity: "warning", summary: "field renamed by an aggregation is used under its old name" },
    SPL3005: { severity: "info", summary: "'!=' on a field that may be absent; 'NOT field=' may have been meant" },
    SPL3006: { severity: "warning", summary: "raw search term after a stage that dropped _raw matches nothing" },
    SPL3007: { severity: "warning", summary: "field used after a stage that removed it" },
    SPL3008: { severity: "warning", summary: "'*' in an eval/where string comparison is a literal character, not a wildcard (use like())" },
    // Macros
    SPL4001: { severity: "warning", summary: "unknown macro; the call is kept unexpanded" },
    SPL4002: { severity: "error", summary: "macro called with a number of arguments it has no definition for" },
    SPL4003: { severity: "error", summary: "macro recursion cycle" },
    SPL4004: { severity: "error", summary: "macro expansion deeper than the maxDepth option" },
    SPL4005: { severity: "error", summary: "macro expansion output larger than the maxOutput option" },
    SPL4006: { severity: "warning", summary: "iseval macro cannot be expanded statically" },
    SPL4007: { severity: "error", summary: "malformed macro definition" },
    SPL4008: { severity: "error", summary: "malformed macro call" },
    // Rule files
    SPL5001: { severity: "error", summary: "rule file is not valid YAML" },
    SPL5002: { severity: "warning", summary: "rule has no SPL search" },
    SPL5003: { severity: "info", summary: "rule logic is not in Splunk format; skipped" },
    SPL5004: { severity: "error", summary: "malformed .conf file" },
    SPL5005: { severity: "error", summary: "file cannot be read" },
    SPL5006: { severity: "error", summary: "malformed JSON Lines record" },
    SPL5007: { severity: "warning", summary: "not a regular file (FIFO, socket, device) in a rules folder; skipped" },
    // Configuration and suppressions (the CLI)
    SPL6001: { severity: "error", summary: "malformed splc.config.json" },
    SPL6002: { severity: "warning", summary: "unknown diagnostic code in a suppression comment or the config" },
    SPL6003: { severity: "warning", summary: "splc-disable-next-stage comment with no stage after it" },
} as const satisfies Record<string, DiagnosticInfo>;

/** A code of the catalog. */
export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;
