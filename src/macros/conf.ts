/**
 * Reading Splunk's macros.conf.
 *
 * Format (macros.conf.spec and Splunk's general .conf rules): `[stanza]` headers, `key = value`
 * settings, `#` comment lines (only at the start of a line; a `#` later in a value is part of
 * it), and line continuation: a line ending in a backslash continues on the next line. The
 * backslash is dropped and the newline is kept, which is how Splunk shows multi-line
 * definitions (and `savedsearches.conf` searches) in Splunk Web. Settings before the first
 * stanza and in `[default]` are global defaults, not macros, and are ignored.
 */
import { diagnostic } from "../diagnostics/diagnostic.js";
import type { Diagnostic } from "../ir/nodes.js";
import type { Span } from "../ir/span.js";
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
    line: number;
}

interface Stanza {
    name: string;
    span: Span;
    line: number;
    settings: Map<string, Setting>;
}

interface Line {
    text: string;
    start: number;
    /** 1-based. */
    number: number;
}

function splitLines(text: string): Line[] {
    const lines: Line[] = [];
    let start = 0;
    let number = 1;
    while (start <= text.length) {
        const nl = text.indexOf("\n", start);
        const end = nl < 0 ? text.length : nl;
        const body = text.slice(start, end).replace(/\r$/, "");
        lines.push({ text: body, start, number });
        if (nl < 0) break;
        start = nl + 1;
        number++;
    }
    return lines;
}

/**
 * Parses macros.conf text into definitions. Never throws. `filename` is recorded in each
 * definition's `source` (with the stanza's 1-based line) for messages.
 */
export function parseMacrosConf(text: string, filename?: string): MacrosConfResult {
    const diagnostics: Diagnostic[] = [];
    const stanzas: Stanza[] = [];
    let current: Stanza | null = null;
    const lines = splitLines(text);
    for (let i = 0; i < lines.length; i++) {
        const line = lines[i] as Line;
        const trimmed = line.text.trim();
        if (trimmed === "" || trimmed.startsWith("#")) continue;
        const lead = line.text.length - line.text.trimStart().length;
        if (trimmed.startsWith("[")) {
            const close = trimmed.lastIndexOf("]");
            const span = { start: line.start + lead, end: line.start + lead + trimmed.length };
            if (close < 0 || trimmed.slice(close + 1).trim() !== "") {
                diagnostics.push(diagnostic("SPL5004", "malformed stanza header: expected [name]", span));
                current = null;
                continue;
            }
            const name = trimmed.slice(1, close).trim();
            // Repeated stanzas merge, later settings winning, as Splunk layers .conf files.
            const existing = stanzas.find((s) => s.name === name);
            current = existing ?? { name, span, line: line.number, settings: new Map() };
            if (!existing) stanzas.push(current);
            continue;
        }
        const eq = line.text.indexOf("=");
        if (eq < 0) {
            diagnostics.push(
                diagnostic("SPL5004", "malformed line: expected 'key = value', '[stanza]' or a '#' comment", {
                    start: line.start + lead,
                    end: line.start + line.text.trimEnd().length,
                }),
            );
            continue;
        }
        const key = line.text.slice(0, eq).trim();
        let valueStart = eq + 1;
        while (valueStart < line.text.length && (line.text[valueStart] === " " || line.text[valueStart] === "\t")) valueStart++;
        let value = line.text.slice(valueStart);
        const spanStart = line.start + valueStart;
        let spanEnd = line.start + line.text.length;
        // Continuations: drop the backslash, keep the newline, go on with the next line.
        while (value.endsWith("\\") && i + 1 < lines.length) {
            const next = lines[++i] as Line;
            value = `${value.slice(0, -1)}\n${next.text}`;
            spanEnd = next.start + next.text.length;
        }
        if (value.endsWith("\\")) value = value.slice(0, -1);
        value = value.trimEnd();
        if (key === "") {
            diagnostics.push(diagnostic("SPL5004", "setting without a name before '='", { start: line.start + lead, end: line.start + eq + 1 }));
            continue;
        }
        if (current) current.settings.set(key, { value, span: { start: spanStart, end: spanEnd }, line: line.number });
    }

    const macros: MacroDefinition[] = [];
    for (const st of stanzas) {
        if (st.name === "default") continue;
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
        diagnostics.push(
            diagnostic("SPL4007", `macro stanza [${st.name}] takes ${declared} argument(s) but 'args' names ${args.length}`, span),
        );
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
