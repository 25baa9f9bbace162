/**
 * JSON Lines corpus files, one rule per line, of the shape of `security_content.jsonl`:
 * `{"kind", "id", "name", "path", "search", ...}`. The offset map goes through the JSON string
 * escapes of the `search` value, so it is exact into the JSONL file text.
 */
import { JSON_DEPTH_CAP, fileDiagnostic, makeRule, splFromMapped, stringField, toJsonValue } from "./common.js";
import { OffsetRunBuilder } from "./offset-map.js";
import { macroFromRecord } from "../macros/definition.js";
import type { RuleFileResult } from "./types.js";

const JSON_ESCAPES: Readonly<Record<string, string>> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };

const BACKSLASH = 0x5c;

const isWs = (c: string | undefined): boolean => c === " " || c === "\t" || c === "\r" || c === "\n";

/**
 * End (exclusive) of the JSON string starting at `text[i] === '"'`. It jumps from quote to quote
 * with `indexOf`: a corpus line is mostly one long string, and a loop over its characters was
 * most of the loader's time in a cold CLI run.
 */
function skipString(text: string, i: number, end: number): number {
    let from = i + 1;
    for (;;) {
        const q = text.indexOf('"', from);
        if (q < 0 || q >= end) return end;
        // The quote closes the string unless an odd run of backslashes escapes it.
        let b = q - 1;
        while (b > i && text.charCodeAt(b) === BACKSLASH) b--;
        if ((q - 1 - b) % 2 === 0) return q + 1;
        from = q + 1;
    }
}

/** End (exclusive) of the JSON value starting at `i` (the line is known to be valid JSON). */
function skipValue(text: string, i: number, end: number): number {
    if (text[i] === '"') return skipString(text, i, end);
    let depth = 0;
    for (let j = i; j < end; j++) {
        const c = text[j];
        if (c === '"') {
            j = skipString(text, j, end) - 1;
            continue;
        }
        if (c === "{" || c === "[") depth++;
        else if (c === "}" || c === "]") {
            if (depth === 0) return j;
            depth--;
            if (depth === 0) return j + 1;
        } else if (depth === 0 && (c === "," || isWs(c))) return j;
    }
    return end;
}

/** Raw [start, end) of the string value of top-level `key` in the object at `start..end`. */
function findStringMember(text: string, start: number, end: number, key: string): [number, number] | null {
    let i = start;
    while (i < end && isWs(text[i])) i++;
    if (text[i] !== "{") return null;
    i++;
    let found: [number, number] | null = null;
    while (i < end) {
        while (i < end && (isWs(text[i]) || text[i] === ",")) i++;
        if (text[i] !== '"') break;
        const keyEnd = skipString(text, i, end);
        let k: unknown;
        try {
            k = JSON.parse(text.slice(i, keyEnd));
        } catch {
            return found;
        }
        i = keyEnd;
        while (i < end && isWs(text[i])) i++;
        if (text[i] !== ":") break;
        i++;
        while (i < end && isWs(text[i])) i++;
        const vEnd = skipValue(text, i, end);
        // Later duplicates win, as with JSON.parse.
        if (k === key && text[i] === '"') found = [i, vEnd];
        i = vEnd;
    }
    return found;
}

/**
 * Decodes a JSON string literal `text[start..end)` (quotes included) with its segment table
 * (built a run at a time: a corpus line is long and mostly unescaped).
 */
function mapJsonString(text: string, start: number, end: number): { text: string; offsetMap: number[] } {
    const parts: string[] = [];
    const runs = new OffsetRunBuilder();
    const copy = (from: number, to: number): void => {
        if (to <= from) return;
        parts.push(text.slice(from, to));
        runs.add(from, to - from, 1);
    };
    let run = start + 1;
    const last = end - 1;
    for (let i = text.indexOf("\\", run); i >= 0 && i < last; i = text.indexOf("\\", i + 1)) {
        copy(run, i);
        const c = text[i + 1] as string;
        // Every escape decodes to one unit, which maps to its backslash.
        parts.push(c === "u" ? String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16)) : (JSON_ESCAPES[c] ?? c));
        runs.add(i, 1, 0);
        i += c === "u" ? 5 : 1;
        run = i + 1;
    }
    copy(run, last);
    return { text: parts.join(""), offsetMap: runs.finish(last) };
}

/**
 * Whether JSON.parse output needs {@link toJsonValue}: a number out of range (`1e999` parses as
 * Infinity) or objects and arrays nested past `depth` levels.
 */
function needsJsonConversion(value: unknown, depth: number): boolean {
    if (typeof value === "number") return !Number.isFinite(value);
    if (value === null || typeof value !== "object") return false;
    if (depth === 0) return true;
    for (const v of Array.isArray(value) ? value : Object.values(value)) if (needsJsonConversion(v, depth - 1)) return true;
    return false;
}

/**
 * Loads a JSONL corpus file; each record with a string `search` is a rule (format
 * `security_content`), each record with `name` + `definition` and no `search` is a macro.
 */
export function loadJsonlText(text: string, file: string): RuleFileResult {
    const out: RuleFileResult = { rules: [], diagnostics: [], macros: [] };
    // A byte-order mark is no part of the first record (offsets stay those of `text`).
    let pos = text.startsWith("\uFEFF") ? 1 : 0;
    let lineNo = 0;
    while (pos < text.length) {
        let nl = text.indexOf("\n", pos);
        if (nl < 0) nl = text.length;
        const start = pos;
        const end = nl;
        pos = nl + 1;
        lineNo++;
        const line = text.slice(start, end);
        if (line.trim() === "") continue;
        let record: unknown;
        try {
            record = JSON.parse(line);
        } catch (e) {
            const why = e instanceof Error ? e.message : String(e);
            out.diagnostics.push(fileDiagnostic(file, "SPL5006", `line ${lineNo} is not valid JSON: ${why}`, { start, end }));
            continue;
        }
        if (record === null || typeof record !== "object" || Array.isArray(record)) {
            out.diagnostics.push(fileDiagnostic(file, "SPL5006", `line ${lineNo} is not a JSON object`, { start, end }));
            continue;
        }
        const rec = record as Record<string, unknown>;
        const search = rec["search"];
        if (search === undefined && typeof rec["definition"] === "string" && typeof rec["name"] === "string") {
            // A macro record (security_content_macros.jsonl): `name`, `arguments`, `definition`.
            const macro = macroFromRecord(rec);
            if (macro) {
                // Where this definition was read: the JSONL file and line (the record's `path` is
                // its YAML file in another repository, which a message could not point into).
                macro.source = { file, line: lineNo };
                out.macros.push(macro);
            }
            continue;
        }
        if (typeof search !== "string" || search.trim() === "") {
            out.diagnostics.push(fileDiagnostic(file, "SPL5002", `record on line ${lineNo} has no \`search\` string`, { start, end: start }));
            continue;
        }
        const raw = findStringMember(text, start, end, "search");
        const mapped = splFromMapped(raw ? mapJsonString(text, raw[0], raw[1]) : null, search, raw ? raw[0] + 1 : start);
        // JSON.parse gives JSON data already (an own `__proto__` key stays own data in the rest
        // copy); only out-of-range numbers and records nested past the depth cap need converting.
        const { search: _search, ...rest } = rec;
        const metadata = needsJsonConversion(rest, JSON_DEPTH_CAP) ? (toJsonValue(rest) as Record<string, unknown>) : rest;
        const kind = typeof rec["kind"] === "string" ? rec["kind"] : undefined;
        out.rules.push(
            makeRule({
                id: stringField(rec["id"]),
                name: stringField(rec["name"]),
                file,
                format: "security_content",
                kind,
                spl: mapped.spl,
                fileSpan: raw ? { start: raw[0], end: raw[1] } : { start, end },
                exact: mapped.exact,
                offsetMap: mapped.offsetMap,
                metadata,
            }),
        );
    }
    return out;
}
