/**
 * YAML rule files: security_content detections/baselines/investigations (`search:`), security_content
 * macro files (`definition:`), and Anvilogic-style rules (`logic:` + `logic_format:`).
 */
import { isAlias, isMap, isScalar, isSeq, parseAllDocuments, type Document, type Node, type Pair, type Scalar, type YAMLMap } from "yaml";
import { createLineIndex } from "../diagnostics/render.js";
import type { Span } from "../ir/span.js";
import { fileDiagnostic, makeRule, splFromMapped, stringField, toJsonValue } from "./common.js";
import type { MappedText } from "./offset-map.js";
import { macroFromRecord } from "../macros/definition.js";
import type { RuleDiagnostic, RuleFileResult, RuleFormat } from "./types.js";
import { mapBlockScalar, mapFlowScalar } from "./yaml-scalar.js";

/** At most this many YAML errors are reported per file: one broken line often causes a cascade. */
const MAX_YAML_ERRORS = 5;

/** Which YAML shapes to accept: any, or only the one a caller forced. */
export type YamlFormat = "auto" | "security_content" | "anvilogic" | "macros";

/** The string text of a scalar as written (before YAML tag resolution), or null for null/empty. */
function scalarSource(node: Scalar): string | null {
    if (node.value === null || node.value === undefined) return null;
    if (typeof node.value === "string") return node.value;
    // Numbers, booleans: the text as written (`id: 20231.35920` keeps its trailing zero).
    const src = (node as Scalar & { source?: unknown }).source;
    return typeof src === "string" ? src : String(node.value);
}

/** Decodes a scalar's source text with its offset map, or null if the CST token is missing. */
function mapScalar(node: Scalar): MappedText | null {
    const tok = node.srcToken;
    if (!tok) return null;
    if (tok.type === "block-scalar") return mapBlockScalar(tok);
    if (tok.type === "scalar" || tok.type === "single-quoted-scalar" || tok.type === "double-quoted-scalar") return mapFlowScalar(tok);
    return null;
}

function nodeSpan(node: Node | null | undefined, fallback: Span): Span {
    const r = node?.range;
    return r ? { start: r[0], end: Math.max(r[0], r[1]) } : fallback;
}

/**
 * A hint for the most common real-world breakage: a multi-line value pasted from a web page, its
 * continuation lines at column 1. Returns the first such line after an error, if any.
 */
function unindentedContinuation(text: string, errorOffsets: number[]): { line: number; span: Span } | null {
    const index = createLineIndex(text);
    for (const off of errorOffsets) {
        const { line } = index.position(off);
        // The error may sit at the end of the key's line (an unclosed quote) or on the line itself.
        for (const l of [line, line + 1]) {
            const start = index.lineStarts[l - 1];
            if (start === undefined) continue;
            const next = index.lineStarts[l];
            const lineText = text.slice(start, next ?? text.length).replace(/\r?\n$/, "");
            const prev = l >= 2 ? text.slice(index.lineStarts[l - 2] as number, start) : "";
            if (lineText === "" || /^[ \t#-]/.test(lineText) || /^[^\s'"]+\s*:(\s|$)/.test(lineText)) continue;
            if (!/^\s*[^\s:#]+\s*:/.test(prev) && !/^\S/.test(prev)) continue;
            return { line: l, span: { start, end: start + lineText.length } };
        }
    }
    return null;
}

function kindOf(type: unknown, file: string): string | undefined {
    const t = typeof type === "string" ? type.toLowerCase() : "";
    if (t === "baseline") return "baseline";
    if (t === "investigation") return "investigation";
    if (["ttp", "anomaly", "hunting", "correlation", "detection"].includes(t)) return "detection";
    const path = file.replace(/\\/g, "/");
    if (/(^|\/)baselines\//.test(path)) return "baseline";
    if (/(^|\/)investigations\//.test(path)) return "investigation";
    if (/(^|\/)detections\//.test(path)) return "detection";
    return undefined;
}

/** Reads one YAML mapping (a document's root or an item of a root sequence). */
function loadMapping(map: YAMLMap, doc: Document, text: string, file: string, want: YamlFormat, skipNonRules: boolean, out: RuleFileResult): void {
    const pairs = new Map<string, Pair>();
    for (const pair of map.items) {
        const key = isScalar(pair.key) ? pair.key.value : null;
        if (typeof key === "string") pairs.set(key, pair);
    }
    const mapSpan = nodeSpan(map, { start: 0, end: 0 });
    const has = (k: string): boolean => pairs.has(k);
    let shape: Exclude<YamlFormat, "auto"> | null;
    if (want !== "auto") shape = want;
    else if (has("search")) shape = "security_content";
    else if (has("logic") || has("logic_format")) shape = "anvilogic";
    else if (has("definition")) shape = "macros";
    else shape = null;

    let plain: Record<string, unknown> = {};
    try {
        const js = toJsonValue(map.toJS(doc, { maxAliasCount: 100 }));
        if (js && typeof js === "object" && !Array.isArray(js)) plain = js as Record<string, unknown>;
    } catch {
        // An alias bomb or a custom tag: metadata stays empty, the SPL is still read from the node.
    }

    if (shape === null) {
        if (skipNonRules) return;
        out.diagnostics.push(fileDiagnostic(file, "SPL5002", "no `search:` (security_content), `logic:` (Anvilogic) or `definition:` (macro) field", { start: mapSpan.start, end: mapSpan.start }));
        return;
    }

    if (shape === "macros") {
        loadMacro(pairs, plain, text, file, mapSpan, out);
        return;
    }

    const splKey = shape === "security_content" ? "search" : "logic";
    if (shape === "anvilogic") {
        const fmtPair = pairs.get("logic_format");
        const fmt = plain["logic_format"];
        // A rule without logic_format is assumed to be Splunk: the file was handed to an SPL tool.
        if (fmtPair && fmt !== undefined && fmt !== null && String(fmt).trim().toLowerCase() !== "splunk") {
            out.diagnostics.push(
                fileDiagnostic(file, "SPL5003", `rule logic is in format '${String(fmt)}', not Splunk; skipped`, nodeSpan(fmtPair.value as Node, nodeSpan(fmtPair.key as Node, mapSpan))),
            );
            return;
        }
    }
    const pair = pairs.get(splKey);
    const keySpan = nodeSpan(pair?.key as Node | undefined, { start: mapSpan.start, end: mapSpan.start });
    let valueNode = pair?.value;
    // `search: *anchor`: read the anchored scalar, so the map points at the anchor's text.
    if (isAlias(valueNode)) valueNode = valueNode.resolve(doc) ?? null;
    if (!pair || !isScalar(valueNode)) {
        const why = !pair ? `has no \`${splKey}:\` field` : `\`${splKey}:\` is not a string`;
        out.diagnostics.push(fileDiagnostic(file, "SPL5002", `rule ${why}`, keySpan));
        return;
    }
    const value = scalarSource(valueNode);
    if (value === null || value.trim() === "") {
        out.diagnostics.push(fileDiagnostic(file, "SPL5002", `rule has an empty \`${splKey}:\``, keySpan));
        return;
    }
    const fileSpan = nodeSpan(valueNode, keySpan);
    const mapped = splFromMapped(mapScalar(valueNode), value, fileSpan.start);
    const metadata = { ...plain };
    delete metadata[splKey];
    const id = stringField(isScalar(pairs.get("id")?.value) ? scalarSource(pairs.get("id")?.value as Scalar) : null);
    const name = shape === "anvilogic" ? (stringField(plain["title"]) ?? stringField(plain["name"])) : (stringField(plain["name"]) ?? stringField(plain["title"]));
    const format: RuleFormat = shape;
    out.rules.push(
        makeRule({
            id,
            name,
            file,
            format,
            kind: shape === "anvilogic" ? "detection" : kindOf(plain["type"], file),
            spl: mapped.spl,
            fileSpan,
            exact: mapped.exact,
            offsetMap: mapped.offsetMap,
            metadata,
        }),
    );
}

/** A security_content macro file: `name`, `definition`, optional `arguments`. */
function loadMacro(pairs: Map<string, Pair>, plain: Record<string, unknown>, text: string, file: string, mapSpan: Span, out: RuleFileResult): void {
    const name = stringField(plain["name"]);
    const defSpan = nodeSpan(pairs.get("definition")?.key as Node | undefined, { start: mapSpan.start, end: mapSpan.start });
    if (name === null || name.trim() === "") {
        out.diagnostics.push(fileDiagnostic(file, "SPL4007", "macro file has no `name:`", defSpan));
        return;
    }
    const macro = macroFromRecord({ ...plain, name });
    if (!macro) {
        out.diagnostics.push(fileDiagnostic(file, "SPL4007", `macro '${name}' has no string \`definition:\``, defSpan));
        return;
    }
    // The file read is where the macro came from (macroFromRecord would take a `path:` field).
    macro.source = { file, line: createLineIndex(text).position(mapSpan.start).line };
    out.macros.push(macro);
}

/**
 * Loads the rules and macros of a YAML file (one or more documents). Never throws.
 * `skipNonRules`: see `LoadRuleTextOptions.skipNonRules`.
 */
export function loadYamlText(text: string, file: string, want: YamlFormat = "auto", skipNonRules = false): RuleFileResult {
    const out: RuleFileResult = { rules: [], diagnostics: [], macros: [] };
    const docs = parseAllDocuments(text, { keepSourceTokens: true, prettyErrors: false });
    const list = Array.isArray(docs) ? docs : [];
    let sawContent = false;
    for (const doc of list) {
        if (doc.errors.length > 0) {
            out.diagnostics.push(...yamlErrors(doc, text, file));
            continue;
        }
        const root = doc.contents;
        if (root === null || root === undefined) continue;
        sawContent = true;
        if (isMap(root)) loadMapping(root, doc, text, file, want, skipNonRules, out);
        else if (isSeq(root)) {
            for (const item of root.items) {
                if (isMap(item)) loadMapping(item, doc, text, file, want, skipNonRules, out);
            }
        } else if (!skipNonRules) {
            out.diagnostics.push(fileDiagnostic(file, "SPL5002", "YAML document is not a mapping of rule fields", nodeSpan(root, { start: 0, end: 0 })));
        }
    }
    if (!sawContent && out.diagnostics.length === 0 && !skipNonRules) {
        out.diagnostics.push(fileDiagnostic(file, "SPL5002", "YAML file is empty", { start: 0, end: 0 }));
    }
    return out;
}

function yamlErrors(doc: Document, text: string, file: string): RuleDiagnostic[] {
    const errors = doc.errors;
    const diags: RuleDiagnostic[] = [];
    for (const err of errors.slice(0, MAX_YAML_ERRORS)) {
        const [s, e] = err.pos;
        const start = Math.max(0, Math.min(s, text.length));
        const end = Math.max(start, Math.min(e, text.length));
        diags.push(fileDiagnostic(file, "SPL5001", `YAML: ${err.message.split("\n")[0] ?? err.message}`, { start, end }));
    }
    if (errors.length > MAX_YAML_ERRORS) {
        const last = diags[diags.length - 1];
        if (last) last.message += ` (and ${errors.length - MAX_YAML_ERRORS} more YAML errors)`;
    }
    const hint = unindentedContinuation(
        text,
        errors.map((e) => e.pos[0]),
    );
    const first = diags[0];
    if (hint && first) {
        first.message += `; line ${hint.line} starts at column 1 inside a multi-line value: continuation lines must be indented`;
        first.related = [{ span: hint.span, message: "continuation line not indented" }];
    }
    return diags;
}
