/** HTML text helpers of the catalog and the playground. Rule text is untrusted: everything goes through {@link esc}. */

import { escapeMarkup } from "../graph/escape.js";

/** Escapes text for HTML element content and double- or single-quoted attribute values. */
export const esc = escapeMarkup;

/** ` name="value"` pairs, escaped; undefined values are left out. */
export function attrs(a: Record<string, string | number | undefined>): string {
    return Object.entries(a)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => ` ${k}="${esc(String(v))}"`)
        .join("");
}

/** 32-bit FNV-1a of a string, as 8 hex digits: keeps file names unique when slugs collide. */
export function hash(s: string): string {
    let h = 0x811c9dc5;
    for (let i = 0; i < s.length; i++) {
        h ^= s.charCodeAt(i);
        h = Math.imul(h, 0x01000193);
    }
    return (h >>> 0).toString(16).padStart(8, "0");
}

/** A file-name-safe, readable and unique name for a key (`eventcode-4771-1a2b3c4d`). */
export function slug(key: string): string {
    const base = key
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        // Runs are single dashes now: trimming one at each end is enough (and linear).
        .replace(/^-|-$/g, "")
        .slice(0, 60)
        .replace(/-$/, "");
    return `${base || "x"}-${hash(key)}`;
}
