/**
 * The inside of a macro token: `` `name` `` or `` `name(a, "b, c", k=v)` ``. Arguments split on
 * commas outside double quotes and parentheses; each is trimmed and keeps its quotes.
 */
export interface MacroCallText {
    name: string;
    args: string[];
    /** False when the argument list is not closed. */
    wellFormed: boolean;
}

/** Splits a macro call; `text` is the token with or without its backticks. */
export function splitMacroCall(text: string): MacroCallText {
    const body = text.startsWith("`") ? text.slice(1, text.endsWith("`") && text.length > 1 ? -1 : undefined) : text;
    const open = body.indexOf("(");
    if (open < 0) return { name: body.trim(), args: [], wellFormed: true };
    const name = body.slice(0, open).trim();
    const args: string[] = [];
    let depth = 0;
    let inQuote = false;
    let start = open + 1;
    let closedAt = -1;
    for (let i = open + 1; i < body.length; i++) {
        const c = body[i];
        if (inQuote) {
            if (c === "\\") i++;
            else if (c === '"') inQuote = false;
            continue;
        }
        if (c === '"') inQuote = true;
        else if (c === "(") depth++;
        else if (c === ")") {
            if (depth === 0) {
                closedAt = i;
                break;
            }
            depth--;
        } else if (c === "," && depth === 0) {
            args.push(body.slice(start, i).trim());
            start = i + 1;
        }
    }
    const end = closedAt < 0 ? body.length : closedAt;
    const last = body.slice(start, end).trim();
    if (last !== "" || args.length > 0) args.push(last);
    return { name, args, wellFormed: closedAt >= 0 && body.slice(closedAt + 1).trim() === "" };
}
