/**
 * Structural equality of IR trees up to what printing may change: spans, macro origins, the
 * `parenthesized` marker of an OR, and the
 * `raw` text of literals (printing re-escapes `"a\|b"` as `"a|b"`; the meaning is in `text`,
 * `value` and `quoted`), and the `text` of a subsearch standing as a search value (its source
 * text, spacing and comments included; the meaning is in its `subsearch`), and whether a field
 * reference (`FieldRef`) was written in quotes. Numbers keep `raw`: the printer writes it back as is.
 */

/** Keys that never take part in the comparison (`parenthesized` marks redundant parentheses). */
const IGNORED = new Set(["span", "origin", "parenthesized"]);

/**
 * True when `a` and `b` are the same IR up to spans, origins, the `raw` of strings, search
 * values and options, and the source `text` of subsearch values. `Number.raw` is compared.
 */
export function sameTree(a: unknown, b: unknown): boolean {
    return firstDifference(a, b) === null;
}

/**
 * The path of the first difference between two trees (as in {@link sameTree}), or null.
 * Iterative: a left-deep `a+b+c+...` chain is as deep as it is long.
 */
export function firstDifference(a: unknown, b: unknown, path = "$"): string | null {
    // Paths are linked lists, joined only for the answer: deep trees would make eager path
    // strings quadratic.
    interface Step {
        x: unknown;
        y: unknown;
        key: string;
        up: Step | null;
    }
    const pathOf = (s: Step): string => {
        const parts: string[] = [];
        for (let c: Step | null = s; c; c = c.up) parts.push(c.key);
        return parts.reverse().join("");
    };
    const stack: Step[] = [{ x: a, y: b, key: path, up: null }];
    while (stack.length > 0) {
        const s = stack.pop() as Step;
        const { x, y } = s;
        if (x === y) continue;
        if (typeof x !== "object" || typeof y !== "object" || x === null || y === null) {
            if (Number.isNaN(x) && Number.isNaN(y)) continue;
            return pathOf(s);
        }
        if (Array.isArray(x) !== Array.isArray(y)) return pathOf(s);
        if (Array.isArray(x) && Array.isArray(y)) {
            if (x.length !== y.length) return `${pathOf(s)}.length`;
            for (let i = x.length - 1; i >= 0; i--) stack.push({ x: x[i], y: y[i], key: `[${i}]`, up: s });
            continue;
        }
        const rx = x as Record<string, unknown>;
        const ry = y as Record<string, unknown>;
        const ignoreRaw = rx.kind !== "Number";
        // How a field reference was written (`"a"` or `a`) is no part of its meaning, like `raw`.
        const ignoreQuoted = rx.kind === "FieldRef";
        const ignoreText = rx.type === "subsearch" && ry.type === "subsearch" && "subsearch" in rx;
        const keys = [...new Set([...Object.keys(rx), ...Object.keys(ry)])];
        for (let i = keys.length - 1; i >= 0; i--) {
            const k = keys[i] as string;
            if (IGNORED.has(k) || (k === "raw" && ignoreRaw) || (k === "text" && ignoreText) || (k === "quoted" && ignoreQuoted)) continue;
            stack.push({ x: rx[k], y: ry[k], key: `.${k}`, up: s });
        }
    }
    return null;
}
