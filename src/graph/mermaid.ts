/** Mermaid flowchart text of a {@link PipelineGraph}. */
import { nodeTextLines, type PipelineGraph } from "./model.js";

/** Mermaid escapes entities as `#name;` inside quoted labels. */
function label(s: string): string {
    return s.replace(/&/g, "#amp;").replace(/"/g, "#quot;").replace(/</g, "#lt;").replace(/>/g, "#gt;").replace(/`/g, "#96;").replace(/\|/g, "#124;");
}

/** `flowchart LR` with one box per stage (command, then its predicate tree) and field-labelled edges. */
export function graphToMermaid(g: PipelineGraph): string {
    const out = ["flowchart LR"];
    for (const n of g.nodes) {
        // Non-breaking spaces keep the tree's indentation, which Mermaid would otherwise trim.
        const lines = [`${n.stage}: ${n.command}${n.transforming ? " (transforming)" : ""}`, ...nodeTextLines(n).map((l) => l.replace(/^ +/, (m) => "\u00a0".repeat(m.length)))];
        out.push(`    ${n.id}["${lines.map(label).join("<br/>")}"]`);
    }
    for (const e of g.edges) {
        const arrow = e.pipeline ? "-->" : "-.->";
        const text = e.fields.length > 0 ? `|"${label(e.fields.join(", "))}"|` : "";
        out.push(`    s${e.from} ${arrow}${text} s${e.to}`);
    }
    return `${out.join("\n")}\n`;
}
