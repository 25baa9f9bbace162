/**
 * Escapes text for XML/HTML element content and double- or single-quoted attribute values: the
 * one escaper of the SVG pictures and of the catalog pages (rule text is untrusted).
 */
export function escapeMarkup(s: string): string {
    return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}
