/**
 * `macros.conf` files.
 *
 * TODO(macros): the macros helper writes `parseMacrosConf(text, filename)` in src/macros/conf.ts;
 * once it exists this module should delegate to it. Until then this is a minimal stand-in built on
 * the rules .conf reader: each stanza with a `definition` becomes a macro, `args` is split on
 * commas; `iseval`, `validation` and `errormsg` go unread.
 */
import { confValue, parseConf } from "./conf.js";
import { fileDiagnostic } from "./common.js";
import type { RuleFileResult, RuleMacro } from "./types.js";

/** Loads the macro definitions of `macros.conf` text. Never throws. */
export function loadMacrosConfText(text: string, file: string): RuleFileResult {
    const { stanzas, diagnostics } = parseConf(text, file);
    const out: RuleFileResult = { rules: [], diagnostics, macros: [] };
    for (const stanza of stanzas) {
        if (stanza.name === "default") continue;
        const def = confValue(stanza, "definition");
        if (!def) {
            out.diagnostics.push(fileDiagnostic(file, "SPL4007", `macro '${stanza.name}' has no definition`, stanza.nameSpan));
            continue;
        }
        const macro: RuleMacro = { name: stanza.name, definition: def.value.text, file };
        const args = confValue(stanza, "args")?.value.text.trim();
        if (args) macro.args = args.split(",").map((a) => a.trim());
        out.macros.push(macro);
    }
    return out;
}
