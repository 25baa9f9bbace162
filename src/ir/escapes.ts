/**
 * SPL's backslash escapes (reference §1.3), shared by the lowering (which resolves them into
 * the IR's `text` and `value` fields) and the printer (which checks what a raw text reads as).
 */

/** Resolves SPL's backslash escapes (`\"`, `\\`, `\|`), leaving other sequences alone. */
export function unescapeSpl(s: string): string {
    if (!s.includes("\\")) return s;
    let out = "";
    for (let i = 0; i < s.length; i++) {
        const c = s[i];
        if (c === "\\" && i + 1 < s.length) {
            const n = s[i + 1];
            if (n === '"' || n === "\\" || n === "|") {
                out += n;
                i++;
                continue;
            }
        }
        out += c;
    }
    return out;
}
