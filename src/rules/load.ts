/** `loadRuleText`: format detection and dispatch to the loaders of each format. */
import { fileDiagnostic, makeRule } from "./common.js";
import { loadSavedSearchesText } from "./conf.js";
import { loadJsonlText } from "./jsonl.js";
import { loadMacrosConfText } from "./macros-conf.js";
import type { DiagnosticCode } from "../diagnostics/codes.js";
import type { LoadRuleTextOptions, RuleFileResult } from "./types.js";
import { loadYamlText, type YamlFormat } from "./yaml.js";

/** How a file's text is read. */
export type FileKind = "yaml" | "savedsearches" | "macros.conf" | "jsonl" | "spl";

function baseName(filename: string): string {
    const parts = filename.split(/[\\/]/);
    return (parts[parts.length - 1] ?? "").toLowerCase();
}

/**
 * Picks the reader of a file from its name, then from its content: `.yml`/`.yaml` are YAML,
 * `macros.conf` is macros, other `.conf` files are saved searches, `.jsonl` is a corpus file,
 * `.spl`/`.txt` are plain searches. Other names are sniffed: a `[stanza]` with a `search =` line is
 * a .conf file, a top-level `search:`/`logic:`/`definition:` key is YAML, anything else is SPL.
 */
export function detectFileKind(filename: string, text: string): FileKind {
    const base = baseName(filename);
    const ext = base.includes(".") ? base.slice(base.lastIndexOf(".") + 1) : "";
    if (ext === "yml" || ext === "yaml") return "yaml";
    if (base === "macros.conf") return "macros.conf";
    if (ext === "conf") return "savedsearches";
    if (ext === "jsonl" || ext === "ndjson") return "jsonl";
    if (ext === "spl" || ext === "txt") return "spl";
    if (/^[ \t]*\[[^\]\r\n]+\][ \t]*\r?$/m.test(text) && /^[ \t]*search[ \t]*=/m.test(text)) return "savedsearches";
    if (/^(search|logic|definition)[ \t]*:/m.test(text)) return "yaml";
    return "spl";
}

/** A plain SPL file: the whole text, blanks and a BOM trimmed at both ends. */
function loadSplText(text: string, file: string): RuleFileResult {
    let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    let end = text.length;
    while (start < end && /\s/.test(text[start] as string)) start++;
    while (end > start && /\s/.test(text[end - 1] as string)) end--;
    if (start === end) {
        return { rules: [], macros: [], diagnostics: [fileDiagnostic(file, "SPL5002", "file holds no search text", { start: 0, end: 0 })] };
    }
    const rule = makeRule({
        id: null,
        name: null,
        file,
        format: "spl",
        spl: text.slice(start, end),
        fileSpan: { start, end },
        exact: true,
        offsetMap: [0, start],
        metadata: {},
    });
    return { rules: [rule], diagnostics: [], macros: [] };
}

/**
 * Loads the rules (and macro definitions) of one file's text. Diagnostics' spans index `text`;
 * each rule's `toFileOffset` maps offsets of its `spl` back into `text`. Never throws.
 *
 * @param text the whole file text
 * @param options `filename` (used for format detection and copied into the results), optional `format`
 */
export function loadRuleText(text: string, options: LoadRuleTextOptions): RuleFileResult {
    const file = options.filename;
    let kind: FileKind = "spl";
    let yamlWant: YamlFormat = "auto";
    const detected = detectFileKind(file, text);
    switch (options.format) {
        case undefined:
            kind = detected;
            break;
        case "security_content":
        case "anvilogic":
            kind = "yaml";
            yamlWant = options.format;
            break;
        case "macros":
            // Macro YAML and JSONL macro records keep their reader; any other text is macros.conf.
            kind = detected === "yaml" || detected === "jsonl" ? detected : "macros.conf";
            yamlWant = "macros";
            break;
        case "savedsearches":
            kind = "savedsearches";
            break;
        case "jsonl":
            kind = "jsonl";
            break;
        case "spl":
            kind = "spl";
            break;
    }
    try {
        switch (kind) {
            case "yaml":
                return loadYamlText(text, file, yamlWant, options.skipNonRules === true);
            case "savedsearches":
                return loadSavedSearchesText(text, file);
            case "macros.conf":
                return loadMacrosConfText(text, file);
            case "jsonl":
                return loadJsonlText(text, file);
            case "spl":
                return loadSplText(text, file);
        }
    } catch (e) {
        // A bug of ours must not take the caller down: report it against the file instead.
        const code: DiagnosticCode = kind === "yaml" ? "SPL5001" : kind === "jsonl" ? "SPL5006" : kind === "spl" ? "SPL5002" : "SPL5004";
        const why = e instanceof Error ? e.message : String(e);
        return { rules: [], macros: [], diagnostics: [fileDiagnostic(file, code, `internal error while reading the file: ${why}`, { start: 0, end: 0 })] };
    }
}
