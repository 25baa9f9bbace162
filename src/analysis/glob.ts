/**
 * Wildcard patterns of field names (`*` matches any run of characters, everything else is
 * literal), matched by a scan rather than a regular expression: a pattern with several `*`
 * compiled to `.*` groups backtracks polynomially in the name's length.
 */

/**
 * The text each `*` of `pattern` covers in `text`, or null when `text` does not match. With
 * several `*`, earlier ones take as much as they can (the reading of a greedy `^(.*)x(.*)$`):
 * the literal parts are placed right to left, each at its last possible position.
 */
export function globCaptures(pattern: string, text: string): string[] | null {
    const parts = pattern.split("*");
    const first = parts[0] as string;
    const last = parts[parts.length - 1] as string;
    if (parts.length === 1) return pattern === text ? [] : null;
    if (text.length < first.length + last.length || !text.startsWith(first) || !text.endsWith(last)) return null;
    const lo = first.length;
    let hi = text.length - last.length;
    const starts: number[] = [];
    for (let k = parts.length - 2; k >= 1; k--) {
        const part = parts[k] as string;
        if (hi - part.length < lo) return null;
        const at = text.lastIndexOf(part, hi - part.length);
        if (at < lo) return null;
        starts[k] = at;
        hi = at;
    }
    const captures: string[] = [];
    let pos = lo;
    for (let k = 1; k < parts.length; k++) {
        const end = k === parts.length - 1 ? text.length - last.length : (starts[k] as number);
        captures.push(text.slice(pos, end));
        pos = end + (parts[k] as string).length;
    }
    return captures;
}

/** Whether `text` matches the wildcard `pattern`. */
export function globMatches(pattern: string, text: string): boolean {
    return globCaptures(pattern, text) !== null;
}
