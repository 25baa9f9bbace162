/**
 * SPL text as HTML with marked spans (indicators, terms, diagnostics). Spans may nest or cross:
 * the text is cut at every span boundary and elements are closed and reopened so that the
 * output is always well nested. A zero-length span becomes an empty element (a caret drawn by CSS).
 */
import { attrs, esc } from "./html.js";

/** One span to mark. */
export interface Mark {
    start: number;
    end: number;
    /** Element name: `a` for a link, `mark` or `span` otherwise. */
    tag: "a" | "mark" | "span";
    attrs: Record<string, string | number | undefined>;
    /** HTML placed right after the span ends (e.g. a reference to a diagnostic). */
    after?: string;
}

/** Renders `text` with `marks` (spans outside the text are clipped). */
export function highlight(text: string, marks: readonly Mark[]): string {
    const clipped = marks
        .map((m) => ({ ...m, start: clamp(m.start, text.length), end: clamp(Math.max(m.start, m.end), text.length) }))
        .map((m, order) => ({ ...m, order }));
    const spans = clipped.filter((m) => m.end > m.start).sort((a, b) => a.start - b.start || b.end - a.end || a.order - b.order);
    const empties = clipped.filter((m) => m.end === m.start);
    const cuts = new Set<number>([0, text.length]);
    for (const m of clipped) cuts.add(m.start).add(m.end);
    const points = [...cuts].sort((a, b) => a - b);

    let out = "";
    let open: typeof spans = [];
    const openTag = (m: (typeof spans)[number], first: boolean): string => {
        // A span reopened after a crossing one keeps its attributes except its id (ids are unique).
        const a = first ? m.attrs : { ...m.attrs, id: undefined };
        return `<${m.tag}${attrs(a)}>`;
    };
    const started = new Set<number>();
    for (let k = 0; k < points.length; k++) {
        const at = points[k] as number;
        const next = points[k + 1];
        const active = next === undefined ? [] : spans.filter((m) => m.start <= at && m.end >= next);
        let common = 0;
        while (common < open.length && common < active.length && open[common] === active[common]) common++;
        for (let i = open.length - 1; i >= common; i--) {
            const m = open[i] as (typeof spans)[number];
            out += `</${m.tag}>`;
            if (m.end === at && m.after) out += m.after;
        }
        for (const e of empties) if (e.start === at) out += `<${e.tag}${attrs({ ...e.attrs, class: `${String(e.attrs.class ?? "")} empty`.trim() })}></${e.tag}>${e.after ?? ""}`;
        for (let i = common; i < active.length; i++) {
            const m = active[i] as (typeof spans)[number];
            out += openTag(m, !started.has(m.order));
            started.add(m.order);
        }
        open = active;
        if (next !== undefined) out += esc(text.slice(at, next));
    }
    return out;
}

function clamp(n: number, max: number): number {
    return Math.max(0, Math.min(max, Number.isFinite(n) ? n : 0));
}
