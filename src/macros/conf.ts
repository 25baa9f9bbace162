/**
 * Reading Splunk's macros.conf.
 *
 * The lines are read by the shared `.conf` reader (src/conf/read.ts: stanzas, settings, `#`
 * comments, backslash continuations that keep the newline). Settings before the first stanza
 * and in `[default]` are global defaults, not macros, and are ignored.
 */
import { diagnostic } from "../diagnostics/diagnostic.js";
import type { Diagnostic } from "../ir/nodes.js";
import type { Span } from "../ir/span.js";
import { readConf } from "../conf/read.js";
import { createLineIndex } from "../diagnostics/render.js";
import { parseConfBoolean, splitArgNames, splitStanzaName, type MacroDefinition } from "./definition.js";

/** What {@link parseMacrosConf} returns. */
export interface MacrosConfResult {
    macros: MacroDefinition[];
    /** SPL5004 for lines that are not a stanza, a setting or a comment; SPL4007 for unusable stanzas. Spans index the conf text. */
    diagnostics: Diagnostic[];
}

interface Setting {
    value: string;
    /** Span of the value in the conf text (across continuation lines). */
    span: Span;
}

interface Stanza {
    name: string;
    span: Span;
    line: number;
    settings: Map<string, Setting>;
}

/**
 * Parses macros.conf text into definitions. Never throws. `filename` is recorded in each
 * definition's `source` (with the stanza's 1-based line) for messages.
 */
export function parseMacrosConf(text: string, filename?: string): MacrosConfResult {
    const read = readConf(text);
    const diagnostics: Diagnostic[] = read.problems.map((p) => diagnostic("SPL5004", p.message, p.span));
    const lines = createLineIndex(text);
    // Repeated stanzas merge, later settings winning, as Splunk layers .conf files.
    const stanzas = new Map<string, Stanza>();
    for (const st of read.stanzas) {
        if (st.name === "default") continue;
        let merged = stanzas.get(st.name);
        if (!merged) stanzas.set(st.name, (merged = { name: st.name, span: st.nameSpan, line: lines.position(st.nameSpan.start).line, settings: new Map() }));
        for (const setting of st.settings) merged.settings.set(setting.key, { value: setting.value.text, span: setting.valueSpan });
    }
    const macros: MacroDefinition[] = [];
    for (const st of stanzas.values()) {
        const def = stanzaToMacro(st, filename, diagnostics);
        if (def) macros.push(def);
    }
    return { macros, diagnostics };
}

function stanzaToMacro(st: Stanza, filename: string | undefined, diagnostics: Diagnostic[]): MacroDefinition | null {
    const definition = st.settings.get("definition");
    if (!definition) {
        diagnostics.push(diagnostic("SPL4007", `macro stanza [${st.name}] has no definition`, st.span));
        return null;
    }
    const { name, arity } = splitStanzaName(st.name);
    if (name === "") {
        diagnostics.push(diagnostic("SPL4007", `macro stanza [${st.name}] has no name`, st.span));
        return null;
    }
    const argsSetting = st.settings.get("args");
    const args = argsSetting ? splitArgNames(argsSetting.value) : [];
    const declared = arity ?? 0;
    if (args.length !== declared) {
        const span = argsSetting ? argsSetting.span : st.span;
        diagnostics.push(diagnostic("SPL4007", `macro stanza [${st.name}] takes ${declared} argument(s) but 'args' names ${args.length}`, span));
        return null;
    }
    const bad = args.find((a) => !/^[A-Za-z0-9_-]+$/.test(a));
    if (bad !== undefined && argsSetting) {
        diagnostics.push(diagnostic("SPL4007", `invalid argument name '${bad}': only letters, digits, '_' and '-' are allowed`, argsSetting.span));
        return null;
    }
    const def: MacroDefinition = { name: st.name, args, definition: definition.value };
    const iseval = st.settings.get("iseval");
    if (iseval) {
        const b = parseConfBoolean(iseval.value);
        if (b === undefined) diagnostics.push(diagnostic("SPL4007", `iseval must be true or false, not '${iseval.value}'`, iseval.span));
        else if (b) def.iseval = true;
    }
    const validation = st.settings.get("validation");
    if (validation) def.validation = validation.value;
    const errormsg = st.settings.get("errormsg");
    if (errormsg) def.errormsg = errormsg.value;
    const description = st.settings.get("description");
    if (description) def.description = description.value;
    def.source = filename === undefined ? { line: st.line } : { file: filename, line: st.line };
    return def;
}
