/** `savedsearches.conf` rules, read with the shared `.conf` reader of src/conf/read.ts. */
import { readConf, confValue, type ConfStanza } from "../conf/read.js";
import { fileDiagnostic, makeRule } from "./common.js";
import { compressOffsets } from "./offset-map.js";
import type { RuleDiagnostic, RuleFileResult } from "./types.js";

export { confValue, type ConfSetting, type ConfStanza } from "../conf/read.js";

/** Parses `.conf` text into stanzas; malformed lines give SPL5004 and are skipped. Never throws. */
export function parseConf(text: string, file: string): { stanzas: ConfStanza[]; diagnostics: RuleDiagnostic[] } {
    const { stanzas, problems } = readConf(text);
    return { stanzas, diagnostics: problems.map((p) => fileDiagnostic(file, "SPL5004", p.message, p.span)) };
}

/**
 * Loads `savedsearches.conf` text: every stanza with a `search` setting is a rule named after the
 * stanza; its other settings (`cron_schedule`, `dispatch.earliest_time`, ...) are metadata strings.
 * The `default` stanza is never a rule.
 */
export function loadSavedSearchesText(text: string, file: string): RuleFileResult {
    const { stanzas, diagnostics } = parseConf(text, file);
    const out: RuleFileResult = { rules: [], diagnostics, macros: [] };
    for (const stanza of stanzas) {
        if (stanza.name === "default") continue;
        const search = confValue(stanza, "search");
        if (!search) continue;
        if (search.value.text.trim() === "") {
            out.diagnostics.push(fileDiagnostic(file, "SPL5002", `saved search '${stanza.name}' has an empty search`, search.keySpan));
            continue;
        }
        const metadata: Record<string, unknown> = {};
        for (const s of stanza.settings) if (s.key !== "search") metadata[s.key] = s.value.text;
        out.rules.push(
            makeRule({
                id: null,
                name: stanza.name,
                file,
                format: "savedsearches",
                spl: search.value.text,
                fileSpan: search.valueSpan,
                exact: true,
                offsetMap: compressOffsets(search.value.offsets),
                metadata,
            }),
        );
    }
    return out;
}
