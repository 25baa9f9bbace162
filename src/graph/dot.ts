/** Graphviz DOT text of a {@link PipelineGraph}. */
import { nodeTextLines, type PipelineGraph } from "./model.js";

function quote(s: string): string {
    return s.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\r?\n/g, " ");
}

/** A left-to-right digraph: one box per stage, lines left-justified (`\l`), field-labelled edges. */
export function graphToDot(g: PipelineGraph): string {
    const out = ["digraph search {", "    rankdir=LR;", '    node [shape=box, fontname="monospace", fontsize=10];', '    edge [fontname="monospace", fontsize=9];'];
    for (const n of g.nodes) {
        const lines = [`${n.stage}: ${n.command}${n.transforming ? " (transforming)" : ""}`, ...nodeTextLines(n)];
        out.push(`    ${n.id} [label="${lines.map((l) => `${quote(l)}\\l`).join("")}"${n.transforming ? ", peripheries=2" : ""}];`);
    }
    for (const e of g.edges) {
        const attrs: string[] = [];
        if (e.fields.length > 0) attrs.push(`label="${quote(e.fields.join(", "))}"`);
        if (!e.pipeline) attrs.push("style=dashed", "constraint=false");
        out.push(`    s${e.from} -> s${e.to}${attrs.length > 0 ? ` [${attrs.join(", ")}]` : ""};`);
    }
    out.push("}");
    return `${out.join("\n")}\n`;
}
