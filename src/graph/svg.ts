/**
 * SVG of a {@link PipelineGraph}, laid out by splc itself (no external renderer): stages as
 * boxes left to right, neighbours joined by arrows labelled with the fields that flow, fields
 * that skip stages as dashed lanes under the boxes. Monospace text, so widths are computed from
 * character counts. Readable without colour: transforming stages have a double border and say
 * so, skip edges are dashed.
 */
import { escapeMarkup as xml } from "./escape.js";
import { nodeTextLines, type PipelineGraph } from "./model.js";

/** Options of {@link graphToSvg}. */
export interface SvgOptions {
    /** Longest line shown in a box, in characters (default 44); longer lines end with `…`. */
    maxLineChars?: number;
    /** Accessible title of the picture (default "Pipeline of the search"). */
    title?: string;
}

const CH = 7.3; // advance of a 12px monospace character
const LINE = 16;
const PAD = 8;
const TOP = 10;
const LANE = 18;
const LABEL_FIELDS = 4;

function clip(s: string, n: number): string {
    return s.length > n ? `${s.slice(0, Math.max(1, n - 1))}…` : s;
}

/** Renders the picture as a standalone `<svg>` element (no scripts, no external references). */
export function graphToSvg(g: PipelineGraph, options: SvgOptions = {}): string {
    const maxChars = Math.max(12, options.maxLineChars ?? 44);
    const boxes = g.nodes.map((n) => {
        const header = `${n.stage}: ${n.command}${n.transforming ? " ⇉ transforming" : ""}`;
        const lines = [header, ...nodeTextLines(n)].map((l) => clip(l, maxChars));
        const width = Math.max(90, Math.ceil(Math.max(...lines.map((l) => l.length)) * CH) + 2 * PAD);
        return { n, lines, width, height: lines.length * LINE + 2 * PAD - 2, x: 0 };
    });
    const pipelineLabels = new Map<number, string[]>();
    for (const e of g.edges) if (e.pipeline) pipelineLabels.set(e.from, fieldLines(e.fields));
    let x = 10;
    boxes.forEach((b, i) => {
        b.x = x;
        const label = pipelineLabels.get(i) ?? [];
        const gap = Math.max(48, Math.ceil(Math.max(0, ...label.map((l) => l.length)) * 6.2) + 24);
        x += b.width + (i + 1 < boxes.length ? gap : 0);
    });
    const width = Math.ceil(x + 10);
    const tallest = Math.max(40, ...boxes.map((b) => b.height));
    const skips = g.edges.filter((e) => !e.pipeline);
    const laneTop = TOP + tallest + 22;
    const height = Math.ceil(laneTop + skips.length * LANE + (skips.length > 0 ? 8 : -10));
    const title = options.title ?? "Pipeline of the search";

    const out: string[] = [];
    out.push(
        `<svg xmlns="http://www.w3.org/2000/svg" class="splc-graph" role="img" aria-labelledby="g-title g-desc" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="ui-monospace, SFMono-Regular, Menlo, Consolas, monospace" font-size="12">`,
    );
    out.push(`<title id="g-title">${xml(title)}</title>`);
    out.push(`<desc id="g-desc">${xml(`${g.nodes.length} stage(s): ${g.nodes.map((n) => n.command).join(" | ")}`)}</desc>`);
    out.push('<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="#444"/></marker></defs>');
    for (const e of g.edges) {
        const a = boxes[e.from];
        const b = boxes[e.to];
        if (!a || !b) continue;
        if (e.pipeline) {
            const y = TOP + 12;
            const x1 = a.x + a.width;
            out.push(`<g class="edge pipeline"><line x1="${x1}" y1="${y}" x2="${b.x - 1}" y2="${y}" stroke="#444" stroke-width="1.3" marker-end="url(#arrow)"/>`);
            (pipelineLabels.get(e.from) ?? []).forEach((l, k) => out.push(`<text x="${x1 + 6}" y="${y + 16 + k * 13}" font-size="10.5" fill="#333">${xml(l)}</text>`));
            out.push("</g>");
        }
    }
    skips.forEach((e, k) => {
        const a = boxes[e.from];
        const b = boxes[e.to];
        if (!a || !b) return;
        const y = laneTop + k * LANE;
        const x1 = a.x + a.width / 2 + (k % 3) * 6;
        const x2 = b.x + b.width / 2 - (k % 3) * 6;
        const text = clip(e.fields.join(", "), Math.max(8, Math.floor((x2 - x1 - 12) / 6.2)));
        out.push(
            `<g class="edge skip"><path d="M${x1},${TOP + a.height}V${y}H${x2}V${TOP + b.height + 2}" fill="none" stroke="#555" stroke-dasharray="4 3" marker-end="url(#arrow)"/><text x="${x1 + 6}" y="${y - 3}" font-size="10.5" fill="#333">${xml(text)}</text></g>`,
        );
    });
    for (const b of boxes) {
        const n = b.n;
        const label = `Stage ${n.stage}: ${n.command}${n.transforming ? " (transforming)" : ""}${
            n.lines.length > 0
                ? `; filters: ${nodeTextLines(n)
                      .map((l) => l.trim())
                      .join(" ")}`
                : ""
        }`;
        out.push(`<g class="node${n.transforming ? " transforming" : ""}" data-stage="${n.stage}" id="stage-node-${n.stage}" tabindex="0"><title>${xml(label)}</title>`);
        out.push(`<rect x="${b.x}" y="${TOP}" width="${b.width}" height="${b.height}" rx="4" fill="#fff" stroke="#222" stroke-width="1.2"/>`);
        if (n.transforming) out.push(`<rect x="${b.x + 3}" y="${TOP + 3}" width="${b.width - 6}" height="${b.height - 6}" rx="3" fill="none" stroke="#222" stroke-width="0.8"/>`);
        b.lines.forEach((l, k) => {
            const weight = k === 0 ? ' font-weight="bold"' : "";
            const kind = k === 0 ? "" : ` class="g-${n.lines[k - 1]?.kind ?? "more"}"`;
            out.push(`<text x="${b.x + PAD}" y="${TOP + PAD + 10 + k * LINE}"${weight}${kind} xml:space="preserve">${xml(l)}</text>`);
        });
        out.push("</g>");
    }
    out.push("</svg>");
    return out.join("\n");
}

function fieldLines(fields: readonly string[]): string[] {
    const shown = fields.slice(0, LABEL_FIELDS).map((f) => clip(f, 18));
    if (fields.length > LABEL_FIELDS) shown.push(`+${fields.length - LABEL_FIELDS} more`);
    return shown;
}
