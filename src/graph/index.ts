/**
 * Pictures of a search: {@link pipelineGraph} builds the model, three printers write it as
 * Mermaid, Graphviz DOT or SVG (drawn by splc itself). Browser-safe.
 */
export { pipelineGraph, nodeTextLines, type PipelineGraph, type GraphNode, type GraphEdge, type GraphLine, type GraphLineKind, type GraphOptions } from "./model.js";
export { graphToMermaid } from "./mermaid.js";
export { graphToDot } from "./dot.js";
export { graphToSvg, type SvgOptions } from "./svg.js";
