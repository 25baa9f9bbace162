/**
 * A small document algebra for the printer (after Wadler's "prettier printer" and Prettier's
 * doc builders): text, line breaks that render as a space (or nothing) when their group fits,
 * groups, indentation and fill. `print()` renders with an infinite width (one line);
 * `format()` renders with a width.
 */

/** A printable document. */
export type Doc = string | readonly Doc[] | Line | Group | Indent | Fill;

/** A possible line break: a space (`soft`: nothing) when flat; `hard` always breaks. */
export interface Line {
    t: "line";
    soft: boolean;
    hard: boolean;
}

/** Printed flat when it fits in the remaining width, else broken (its lines become newlines). */
export interface Group {
    t: "group";
    doc: Doc;
    /** Contains a hard line, so it can never be flat. */
    broken: boolean;
}

/** Lines inside break to one more level of indentation. */
export interface Indent {
    t: "indent";
    doc: Doc;
    broken: boolean;
}

/** `[content, separator, content, ...]`: each separator breaks only when the next content does not fit. */
export interface Fill {
    t: "fill";
    parts: readonly Doc[];
    broken: boolean;
    /** Rendering resumes at this part (the renderer's bookkeeping; 0 when built). */
    from?: number;
}

/** A space, or a newline when the enclosing group breaks. */
export const line: Line = { t: "line", soft: false, hard: false };
/** Nothing, or a newline when the enclosing group breaks. */
export const softline: Line = { t: "line", soft: true, hard: false };

function hasHard(doc: Doc): boolean {
    if (typeof doc === "string") return false;
    if (Array.isArray(doc)) return (doc as readonly Doc[]).some(hasHard);
    const d = doc as Line | Group | Indent | Fill;
    return d.t === "line" ? d.hard : d.broken;
}

/** A group. */
export function group(doc: Doc): Group {
    return { t: "group", doc, broken: hasHard(doc) };
}

/** One more level of indentation for the lines inside. */
export function indent(doc: Doc): Indent {
    return { t: "indent", doc, broken: hasHard(doc) };
}

/** Fill: `parts` alternate content and separators (usually `line`). */
export function fill(parts: readonly Doc[]): Fill {
    return { t: "fill", parts, broken: parts.some(hasHard) };
}

/** `docs` with `sep` between them. */
export function join(sep: Doc, docs: readonly Doc[]): Doc[] {
    const out: Doc[] = [];
    docs.forEach((d, i) => {
        if (i > 0) out.push(sep);
        out.push(d);
    });
    return out;
}

const FLAT = 0;
const BREAK = 1;
type Mode = typeof FLAT | typeof BREAK;
interface Cmd {
    ind: string;
    mode: Mode;
    doc: Doc;
}

/** Whether `next` fits in `width` columns, given the commands after it (`rest`, a stack). */
function fits(next: Cmd, rest: readonly Cmd[], width: number): boolean {
    const stack: Cmd[] = [next];
    let restIdx = rest.length;
    while (width >= 0) {
        let cmd = stack.pop();
        if (!cmd) {
            if (restIdx === 0) return true;
            cmd = rest[--restIdx] as Cmd;
        }
        const { mode, doc } = cmd;
        if (typeof doc === "string") {
            const nl = doc.indexOf("\n");
            if (nl >= 0) return width - nl >= 0;
            width -= doc.length;
        } else if (Array.isArray(doc)) {
            for (let i = doc.length - 1; i >= 0; i--) stack.push({ ind: cmd.ind, mode, doc: doc[i] as Doc });
        } else {
            const d = doc as Line | Group | Indent | Fill;
            switch (d.t) {
                case "line":
                    if (mode === BREAK || d.hard) return true;
                    if (!d.soft) width -= 1;
                    break;
                case "group":
                    if (d.broken && mode === FLAT) return false;
                    stack.push({ ind: cmd.ind, mode: d.broken ? BREAK : mode, doc: d.doc });
                    break;
                case "indent":
                    stack.push({ ind: cmd.ind, mode, doc: d.doc });
                    break;
                case "fill":
                    for (let i = d.parts.length - 1; i >= (d.from ?? 0); i--) stack.push({ ind: cmd.ind, mode, doc: d.parts[i] as Doc });
                    break;
            }
        }
    }
    return false;
}

/**
 * Renders a document. `width` is the line width (Infinity: everything that can be flat is),
 * `unit` the text of one indentation level. Trailing spaces are removed from every line.
 */
export function render(doc: Doc, width: number, unit = "    "): string {
    const out: string[] = [];
    let pos = 0;
    const stack: Cmd[] = [{ ind: "", mode: BREAK, doc }];
    const newline = (ind: string) => {
        // Trailing spaces of the finished line.
        while (out.length > 0) {
            const last = out[out.length - 1] as string;
            let end = last.length;
            while (end > 0 && (last[end - 1] === " " || last[end - 1] === "\t")) end--;
            // An escaped blank (`\ `, odd run of backslashes before it) is part of a word: kept.
            let k = end;
            while (k > 0 && last[k - 1] === "\\") k--;
            if ((end - k) % 2 === 1 && end < last.length) end++;
            const trimmed = last.slice(0, end);
            if (trimmed === last) break;
            if (trimmed === "") out.pop();
            else {
                out[out.length - 1] = trimmed;
                break;
            }
        }
        out.push("\n" + ind);
        pos = ind.length;
    };
    while (stack.length > 0) {
        const cmd = stack.pop() as Cmd;
        const { ind, mode, doc: d } = cmd;
        if (typeof d === "string") {
            out.push(d);
            const nl = d.lastIndexOf("\n");
            pos = nl >= 0 ? d.length - nl - 1 : pos + d.length;
            continue;
        }
        if (Array.isArray(d)) {
            for (let i = d.length - 1; i >= 0; i--) stack.push({ ind, mode, doc: d[i] as Doc });
            continue;
        }
        const x = d as Line | Group | Indent | Fill;
        switch (x.t) {
            case "line":
                if (mode === FLAT && !x.hard) {
                    if (!x.soft) {
                        out.push(" ");
                        pos += 1;
                    }
                } else newline(ind);
                break;
            case "group": {
                if (mode === FLAT && !x.broken) {
                    stack.push({ ind, mode: FLAT, doc: x.doc });
                    break;
                }
                const flat: Cmd = { ind, mode: FLAT, doc: x.doc };
                stack.push(!x.broken && fits(flat, stack, width - pos) ? flat : { ind, mode: BREAK, doc: x.doc });
                break;
            }
            case "indent":
                stack.push({ ind: ind + unit, mode, doc: x.doc });
                break;
            case "fill":
                renderFill(x, x.from ?? 0, ind, mode, stack, width - pos);
                break;
        }
    }
    return out.join("");
}

/** Pushes the commands of a fill starting at `i` (Prettier's algorithm, one step at a time). */
function renderFill(f: Fill, i: number, ind: string, mode: Mode, stack: Cmd[], remaining: number): void {
    const parts = f.parts;
    if (i >= parts.length) return;
    const content = parts[i] as Doc;
    // What follows the fill (a closing parenthesis, say) must fit after its last part too.
    const after = (lastIncluded: boolean): readonly Cmd[] => (lastIncluded ? stack : []);
    const contentFlat: Cmd = { ind, mode: FLAT, doc: content };
    const contentFits = mode === FLAT || fits(contentFlat, after(i + 1 >= parts.length), remaining);
    const contentCmd: Cmd = contentFits ? contentFlat : { ind, mode: BREAK, doc: content };
    if (i + 1 >= parts.length) {
        stack.push(contentCmd);
        return;
    }
    const sep = parts[i + 1] as Doc;
    if (i + 2 >= parts.length) {
        stack.push({ ind, mode: contentFits ? FLAT : BREAK, doc: sep }, contentCmd);
        return;
    }
    const next = parts[i + 2] as Doc;
    const pairFits = mode === FLAT || fits({ ind, mode: FLAT, doc: [content, sep, next] }, after(i + 3 >= parts.length), remaining);
    // The rest of the fill is rendered when it is reached, with the column known by then.
    stack.push({ ind, mode, doc: { t: "fill", parts, broken: f.broken, from: i + 2 } });
    stack.push({ ind, mode: pairFits ? FLAT : BREAK, doc: sep }, contentCmd);
}
