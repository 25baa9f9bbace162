/** `macros.conf` files, read by the macros module's parser. */
import { parseMacrosConf } from "../macros/conf.js";
import type { RuleFileResult } from "./types.js";

/** Loads the macro definitions of `macros.conf` text. Never throws. */
export function loadMacrosConfText(text: string, file: string): RuleFileResult {
    const { macros, diagnostics } = parseMacrosConf(text, file);
    return { rules: [], macros, diagnostics: diagnostics.map((d) => ({ ...d, file })) };
}
