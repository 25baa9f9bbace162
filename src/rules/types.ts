/**
 * Public types of the rule-file loaders (`splc/rules`). Everything here is plain data except
 * {@link RuleSource.toFileOffset}, a convenience over the serialisable {@link RuleSource.offsetMap}.
 */
import type { Diagnostic } from "../ir/nodes.js";
import type { Span } from "../ir/span.js";
import type { MacroDefinition } from "../macros/definition.js";

/**
 * Where a rule came from. `macros` marks a file that holds macro definitions rather than rules
 * (security_content macro YAML, `macros.conf`).
 */
export type RuleFormat = "security_content" | "anvilogic" | "savedsearches" | "spl" | "macros";

/** Formats a caller may force with {@link LoadRuleTextOptions.format}. `jsonl` is a corpus file. */
export type RuleFileFormat = RuleFormat | "jsonl";

/**
 * Offset mapping from the SPL string to the file text, as plain data: a flat list of pairs
 * `[splOffset0, fileOffset0, splOffset1, fileOffset1, ...]` sorted by SPL offset. Offset `i` of the
 * SPL maps to `fileOffset_k + (i - splOffset_k)` for the last pair with `splOffset_k <= i`.
 * The table covers `0..spl.length` inclusive, so an exclusive span end maps too.
 */
export type OffsetMap = readonly number[];

/** One rule (one SPL search) found in a file. */
export interface RuleSource {
    /** The rule's id (`id:` in YAML), or null when the format has none (savedsearches, .spl). */
    id: string | null;
    /** The rule's name (`name:`, Anvilogic `title:`, the .conf stanza name), or null. */
    name: string | null;
    /** The file name exactly as the caller gave it. */
    file: string;
    format: RuleFormat;
    /** `detection`, `baseline`, `investigation`, ... when the file says so. */
    kind?: string;
    /** The search text exactly as Splunk would receive it (YAML folding and escapes resolved). */
    spl: string;
    /**
     * Span of the value's source in the file: for YAML the whole scalar (quotes, block header and
     * indentation included), for .conf the value across its continuation lines, for JSONL the
     * JSON string literal, for .spl the trimmed text.
     */
    fileSpan: Span;
    /**
     * True when {@link offsetMap} is exact per character. False when the map builder could not
     * reproduce the value the YAML parser returned: every offset then maps to the value's start.
     */
    exact: boolean;
    /** The serialisable mapping behind {@link toFileOffset}. */
    offsetMap: OffsetMap;
    /**
     * Maps an offset of `spl` (UTF-16) to an offset of the file text. Exact for every character
     * copied from the file; a character the format synthesised maps to the source that produced
     * it: a folded line break's space or newline to where the trimmed line ends, an escape's
     * result (`\"`, `''`, `\u00e9`) to its first character, a .conf continuation's newline to its
     * backslash. `spl.length` maps to the end of the value; other offsets are clamped.
     */
    toFileOffset(offset: number): number;
    /**
     * Other fields of the rule as JSON values: every top-level YAML key except the search text
     * itself, every other key of the .conf stanza, the other fields of a JSONL record.
     */
    metadata: Record<string, unknown>;
}

/**
 * A macro definition found in a macro YAML file, `macros.conf` or a macros JSONL record: the
 * macros module's {@link MacroDefinition}, ready for `parse(text, { macros })`. `source.file` is
 * the file as the caller gave it, `source.line` the 1-based line of the definition.
 */
export type RuleMacro = MacroDefinition;

/** A diagnostic about a rule file: `span` indexes the text of `file`. */
export interface RuleDiagnostic extends Diagnostic {
    file: string;
}

/** What the loaders return. */
export interface RuleFileResult {
    rules: RuleSource[];
    /** Problems with the files themselves; each span indexes the text of its `file`. */
    diagnostics: RuleDiagnostic[];
    /** Macro definitions from macro YAML files and `macros.conf`. */
    macros: RuleMacro[];
}

/** Options of `loadRuleText`. */
export interface LoadRuleTextOptions {
    /** The file name, used for format detection and copied into every result. */
    filename: string;
    /** Skip detection and read the text as this format. */
    format?: RuleFileFormat;
    /**
     * Say nothing about YAML documents with no rule field at all (no `search:`, `logic:`,
     * `logic_format:` or `definition:`): security_content stories, lookups, data sources. Meant
     * for files found by expanding a directory; default false (SPL5002 warning).
     */
    skipNonRules?: boolean;
}
