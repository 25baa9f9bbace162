/**
 * Finding macro calls in SPL text without parsing it.
 *
 * The scanner knows just enough lexical structure to pair backticks the way Splunk does:
 * double-quoted strings (where a backtick is literal and `\"` does not end the string,
 * e.g. `split(process,"`")`), a backslash outside quotes escaping the next character
 * (`*\"privileged\":true*`), and ```` ``` ```` comments. Everything else is opaque text.
 */

/** A backtick-delimited span of text: `start` is the opening backtick, `end` is after the closing one. */
export interface MacroCallSite {
    start: number;
    end: number;
    /** The text between the backticks. */
    inner: string;
}

/** A call's text split into name and arguments. */
export interface ParsedCall {
    name: string;
    /** Argument texts, trimmed; quotes are still there. Empty for `name` and `name()`. */
    args: string[];
}

/** Index just after the double-quoted string that opens at `i`, or `text.length` when unterminated. */
export function skipString(text: string, i: number): number {
    let j = i + 1;
    while (j < text.length) {
        const c = text.charCodeAt(j);
        if (c === 92 /* \ */) j += 2;
        else if (c === 34 /* " */) return j + 1;
        else j++;
    }
    return text.length;
}

/**
 * All macro calls of `text`, in order. Unterminated calls, strings and comments end the scan:
 * the parser reports them, and there is nothing to expand after an unpaired backtick anyway.
 */
export function findMacroCalls(text: string): MacroCallSite[] {
    return scanBackticks(text).calls;
}

/**
 * The macro calls and the ```` ``` ```` comments of `text`, found by the same lexical rules.
 * A comment's `inner` is the text between its triple backticks; an unterminated one is not listed.
 */
export function scanBackticks(text: string): { calls: MacroCallSite[]; comments: MacroCallSite[] } {
    const calls: MacroCallSite[] = [];
    const comments: MacroCallSite[] = [];
    const n = text.length;
    let i = 0;
    while (i < n) {
        const c = text.charCodeAt(i);
        if (c === 34 /* " */) {
            i = skipString(text, i);
        } else if (c === 92 /* \ */) {
            i += 2;
        } else if (c === 96 /* ` */) {
            if (text.startsWith("```", i)) {
                const close = text.indexOf("```", i + 3);
                if (close < 0) break;
                comments.push({ start: i, end: close + 3, inner: text.slice(i + 3, close) });
                i = close + 3;
                continue;
            }
            const close = text.indexOf("`", i + 1);
            if (close < 0) break;
            calls.push({ start: i, end: close + 1, inner: text.slice(i + 1, close) });
            i = close + 1;
        } else {
            i++;
        }
    }
    return { calls, comments };
}

const CALL = /^([^\s()`"',=|[\]$]+)\s*(?:\(([\s\S]*)\))?$/;

/** Splits the text between backticks into name and arguments; null when it is not a call. */
export function parseCall(inner: string): ParsedCall | null {
    const m = CALL.exec(inner.trim());
    if (!m) return null;
    const name = m[1] ?? "";
    const argText = m[2];
    if (argText === undefined || argText.trim() === "") return { name, args: [] };
    return { name, args: splitArguments(argText) };
}

/**
 * Splits call arguments on commas outside double quotes, trimming each.
 *
 * UNVERIFIED choice: parentheses do not protect commas (`m(if(a,b,c))` has three arguments);
 * Splunk's documented way to pass a comma is to quote the argument, and no call in the
 * security_content corpus puts a comma inside parentheses.
 */
export function splitArguments(argText: string): string[] {
    const out: string[] = [];
    let start = 0;
    let i = 0;
    while (i < argText.length) {
        const c = argText.charCodeAt(i);
        if (c === 34 /* " */) i = skipString(argText, i);
        else if (c === 92 /* \ */) i += 2;
        else if (c === 44 /* , */) {
            out.push(argText.slice(start, i).trim());
            start = ++i;
        } else i++;
    }
    out.push(argText.slice(start).trim());
    return out;
}

const NAMED_ARG = /^([A-Za-z0-9_-]+)\s*=([\s\S]*)$/;

/**
 * Binds call arguments to a definition's argument names. Named binding (`k=v`) applies only when
 * every argument is `name=value` and the names are exactly the definition's names, as in
 * `iis_search(fragment=TM)`; otherwise arguments are positional, so a positional value that
 * happens to contain `=` (`m(user=admin)` for an argument called `filter`) is kept whole.
 */
export function bindArguments(argNames: readonly string[], args: readonly string[]): Map<string, string> {
    const bound = new Map<string, string>();
    if (argNames.length === args.length && args.length > 0) {
        const named = new Map<string, string>();
        for (const a of args) {
            const m = NAMED_ARG.exec(a);
            if (!m) break;
            named.set(m[1] ?? "", (m[2] ?? "").trim());
        }
        if (named.size === args.length && argNames.every((n) => named.has(n))) return named;
    }
    argNames.forEach((n, i) => bound.set(n, args[i] ?? ""));
    return bound;
}

/** The unquoted content of an argument written as one double-quoted string, else the text itself. */
export function stripQuotes(arg: string): string {
    if (arg.length >= 2 && arg.startsWith('"') && skipString(arg, 0) === arg.length && arg.endsWith('"')) {
        return arg.slice(1, -1).replace(/\\(["\\])/g, "$1");
    }
    return arg;
}

/** A call written back as SPL: `` `name(a, b)` `` (arguments as given, joined by ", "). */
export function callText(name: string, args: readonly string[]): string {
    return "`" + name + (args.length > 0 ? `(${args.join(", ")})` : "") + "`";
}
