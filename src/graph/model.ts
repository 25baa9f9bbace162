/**
 * The picture of a search: its top-level stages left to right, each with its filter as an
 * indented predicate tree, and the fields that flow from the stage that writes them to the
 * stages that read them (from lineage). One model, three printers: `graphToMermaid`,
 * `graphToDot` and `graphToSvg`. Browser-safe.
 */
import type { ParseResult } from "../ir/nodes.js";
import { analyze, type Analysis } from "../analysis/analyze.js";
import { termText, type PredicateNode } from "../analysis/indicators.js";
import { lineage } from "../analysis/lineage.js";

/** What a line of a node's predicate tree shows. */
export type GraphLineKind = "op" | "indicator" | "term" | "time" | "macro" | "subsearch" | "other";

/** One line of a stage's predicate tree. */
export interface GraphLine {
    /** Nesting depth (0 for the root). */
    depth: number;
    kind: GraphLineKind;
    /** `AND`/`OR`/`XOR`/`NOT` for an operator, the predicate's text for a leaf. */
    text: string;
    /** Index into `analysis.indicators` for an indicator line. */
    indicator?: number;
    /** Index into `analysis.searchTerms` for a term line. */
    term?: number;
}

/** One stage of the pipeline. */
export interface GraphNode {
    /** Stable id (`s0`, `s1`, ...). */
    id: string;
    /** Position in the pipeline. */
    stage: number;
    /** The command as written (`` `macro` `` for a macro stage). */
    command: string;
    /** True for a transforming stage (stats, table, tstats...). */
    transforming: boolean;
    /** True when the stage runs after a transforming stage. */
    postAggregation: boolean;
    /** The predicate tree, one line per node, depth first (empty when the stage does not filter). */
    lines: GraphLine[];
    /** Lines left out because of {@link GraphOptions.maxLines}. */
    omitted: number;
}

/** Fields flowing from the stage that last wrote them to a stage that reads them. */
export interface GraphEdge {
    from: number;
    to: number;
    /** The fields (empty on a pipeline edge that carries no tracked field). */
    fields: string[];
    /** True for the edge between neighbouring stages (the pipeline itself). */
    pipeline: boolean;
}

/** The picture of one search. */
export interface PipelineGraph {
    nodes: GraphNode[];
    /** Pipeline edges (i to i+1) first, then field edges that skip stages. */
    edges: GraphEdge[];
}

/** Options of {@link pipelineGraph}. */
export interface GraphOptions {
    /** At most this many predicate lines per node (default 12); the rest are counted in `omitted`. */
    maxLines?: number;
}

/** Builds the picture of a parsed search; pass its analysis when you already have it. */
export function pipelineGraph(result: ParseResult, analysis: Analysis = analyze(result), options: GraphOptions = {}): PipelineGraph {
    const maxLines = Math.max(1, options.maxLines ?? 12);
    const nodes: GraphNode[] = analysis.stages.map((s) => {
        const lines: GraphLine[] = [];
        if (s.predicates) treeLines(s.predicates, 0, analysis, lines);
        return {
            id: `s${s.index}`,
            stage: s.index,
            command: s.command,
            transforming: s.transforming,
            postAggregation: s.level === "post-aggregation",
            lines: lines.slice(0, maxLines),
            omitted: Math.max(0, lines.length - maxLines),
        };
    });
    const lin = result.pipeline ? lineage(result.pipeline) : [];
    const edges: GraphEdge[] = [];
    for (let i = 0; i + 1 < nodes.length; i++) edges.push({ from: i, to: i + 1, fields: [], pipeline: true });
    const skipping = new Map<string, GraphEdge>();
    const lastWriter = new Map<string, number>();
    lin.forEach((l, j) => {
        if (j >= nodes.length) return;
        for (const f of l.reads) {
            const w = lastWriter.get(f);
            if (w === undefined || w >= j) continue;
            const edge = w === j - 1 ? edges[w] : (skipping.get(`${w}>${j}`) ?? addEdge(skipping, w, j));
            if (edge && !edge.fields.includes(f)) edge.fields.push(f);
        }
        for (const f of l.writes) if (f !== "*") lastWriter.set(f, j);
    });
    edges.push(...skipping.values());
    return { nodes, edges };
}

function addEdge(map: Map<string, GraphEdge>, from: number, to: number): GraphEdge {
    const e: GraphEdge = { from, to, fields: [], pipeline: false };
    map.set(`${from}>${to}`, e);
    return e;
}

function treeLines(n: PredicateNode, depth: number, a: Analysis, out: GraphLine[]): void {
    if (n.kind === "and" || n.kind === "or" || n.kind === "xor" || n.kind === "not") {
        out.push({ depth, kind: "op", text: n.kind.toUpperCase() });
        for (const o of n.kind === "not" ? [n.operand] : n.operands) treeLines(o, depth + 1, a, out);
    } else if (n.kind === "indicator") {
        const ind = a.indicators[n.index];
        out.push({ depth, kind: "indicator", text: ind ? ind.text : "?", indicator: n.index });
    } else if (n.kind === "term") {
        const t = a.searchTerms[n.index];
        out.push({ depth, kind: "term", text: t ? termText(t) : "?", term: n.index });
    } else if (n.kind === "time") {
        const t = a.timeRange[n.index];
        out.push({ depth, kind: "time", text: t ? `${t.name}=${t.value}` : "?" });
    } else if (n.kind === "macro") {
        out.push({ depth, kind: "macro", text: `\`${n.name}\`` });
    } else if (n.kind === "subsearch") {
        out.push({ depth, kind: "subsearch", text: "[subsearch]" });
    } else {
        out.push({ depth, kind: "other", text: n.text });
    }
}

/** A node's lines as plain text, two spaces per depth (what the text printers show). */
export function nodeTextLines(n: GraphNode): string[] {
    const out = n.lines.map((l) => `${"  ".repeat(l.depth)}${l.text}`);
    if (n.omitted > 0) out.push(`... ${n.omitted} more`);
    return out;
}
