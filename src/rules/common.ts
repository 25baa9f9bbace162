/** Helpers shared by the loaders of the different formats. */
import type { Severity } from "../ir/nodes.js";
import type { Span } from "../ir/span.js";
import type { DiagnosticCode } from "../diagnostics/codes.js";
import { diagnostic } from "../diagnostics/diagnostic.js";
import { coarseOffsetMap, compressOffsets, makeToFileOffset, type MappedText } from "./offset-map.js";
import type { OffsetMap, RuleDiagnostic, RuleFormat, RuleSource } from "./types.js";

/** A diagnostic about `file`, its span indexing the file text. */
export function fileDiagnostic(file: string, code: DiagnosticCode, message: string, span: Span, severity?: Severity): RuleDiagnostic {
    return { ...diagnostic(code, message, span, severity), file };
}

/** `out[key] = value` as an own property: a `__proto__` key from a file must not replace the prototype. */
function setOwn(out: Record<string, unknown>, key: string, value: unknown): void {
    Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
}

/** How deep {@link toJsonValue} follows nested values; deeper ones become null. */
export const JSON_DEPTH_CAP = 64;

/**
 * Converts a value to JSON data: metadata must survive `JSON.stringify` and structured cloning.
 * Non-finite numbers, bigints and dates become strings; functions and undefined are dropped.
 */
export function toJsonValue(value: unknown, depth = 0): unknown {
    if (depth > JSON_DEPTH_CAP) return null;
    if (value === null || typeof value === "string" || typeof value === "boolean") return value;
    if (typeof value === "number") return Number.isFinite(value) ? value : String(value);
    if (typeof value === "bigint") return value.toString();
    if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
    if (Array.isArray(value)) return value.map((v) => toJsonValue(v, depth + 1) ?? null);
    if (value instanceof Map) {
        const out: Record<string, unknown> = {};
        for (const [k, v] of value) {
            const j = toJsonValue(v, depth + 1);
            if (j !== undefined) setOwn(out, String(k), j);
        }
        return out;
    }
    if (value instanceof Set) return [...value].map((v) => toJsonValue(v, depth + 1) ?? null);
    if (typeof value === "object") {
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(value)) {
            const j = toJsonValue(v, depth + 1);
            if (j !== undefined) setOwn(out, k, j);
        }
        return out;
    }
    return undefined;
}

/** Everything needed to build a {@link RuleSource} except the mapping function. */
export interface RuleParts {
    id: string | null;
    name: string | null;
    file: string;
    format: RuleFormat;
    kind?: string | undefined;
    spl: string;
    fileSpan: Span;
    exact: boolean;
    offsetMap: OffsetMap;
    metadata: Record<string, unknown>;
}

/** Builds a rule; `toFileOffset` is a closure over the plain-data map. */
export function makeRule(parts: RuleParts): RuleSource {
    const { kind, ...rest } = parts;
    const toFileOffset = makeToFileOffset(parts.offsetMap, parts.spl.length, parts.exact);
    return { ...rest, ...(kind === undefined ? {} : { kind }), toFileOffset };
}

/**
 * Turns decoded text into the rule's SPL and map: per-unit offsets (`MappedText`) or a segment
 * table a decoder built itself. When `expected` is given and the decoder's text differs from it,
 * the expected text wins and the map degrades to coarse (`exact: false`).
 */
export function splFromMapped(
    mapped: MappedText | { text: string; offsetMap: number[] } | null,
    expected: string | undefined,
    fallbackOffset: number,
): { spl: string; offsetMap: number[]; exact: boolean } {
    if (mapped && (expected === undefined || mapped.text === expected)) {
        // The parser's string when there is one: the same text, but a slice of a file with one
        // character beyond Latin-1 anywhere is stored two bytes per character by V8, and so is
        // every piece of the IR cut from it (twice the memory, and on the corpus a third more to
        // copy to the analysis thread); JSON.parse makes a string one byte per character when it can.
        return { spl: expected ?? mapped.text, offsetMap: "offsets" in mapped ? compressOffsets(mapped.offsets) : mapped.offsetMap, exact: true };
    }
    return { spl: expected ?? mapped?.text ?? "", offsetMap: coarseOffsetMap(fallbackOffset), exact: false };
}

/** A string field of a record, or null (numbers are accepted: YAML ids like `1234` are numbers). */
export function stringField(value: unknown): string | null {
    if (typeof value === "string") return value;
    if (typeof value === "number" && Number.isFinite(value)) return String(value);
    return null;
}

/**
 * Rebuilds a rule from its plain data (after `JSON.stringify`, `structuredClone` or a worker
 * message dropped `toFileOffset`).
 */
export function reviveRule(data: Omit<RuleSource, "toFileOffset">): RuleSource {
    return { ...data, toFileOffset: makeToFileOffset(data.offsetMap, data.spl.length, data.exact) };
}
