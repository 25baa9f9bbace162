/**
 * Escapes text for XML/HTML element content and double- or single-quoted attribute values: the
 * one escaper of the SVG pictures and of the catalog pages (rule text is untrusted).
 */
export function escapeMarkup(s: string): string {
    // One pass, and none when nothing needs escaping: a catalog escapes tens of megabytes.
    return SPECIAL.test(s) ? s.replace(SPECIALS, (c) => ENTITY[c] as string) : s;
}

const SPECIAL = /[&<>"']/;
const SPECIALS = /[&<>"']/g;
const ENTITY: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
