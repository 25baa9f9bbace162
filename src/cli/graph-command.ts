/** `splc graph`: the picture of a search as Mermaid, Graphviz DOT or SVG. */
import { analyze, graphToDot, graphToMermaid, graphToSvg, normalizeMacros, parse, pipelineGraph, type ParseResult } from "../index.js";
import { loadRuleFiles } from "../rules/node.js";
import { EXIT, readInput, UsageError, parseCommandArgs } from "./io.js";
import { expandOptions, loadMacros, MACRO_OPTIONS } from "./macros-option.js";

export const GRAPH_HELP = `Usage: splc graph <rule file|-> [options]

Draws a search: its stages left to right, each with its filter as a predicate tree, and the
fields that flow from the stage that writes them to the stages that read them. The input is a
rule file (security_content or Anvilogic YAML, savedsearches.conf, .spl) or - for SPL on
standard input.

  --format mermaid|dot|svg   output (default mermaid); svg is drawn by splc itself
  --rule <name|id>           the rule to draw when the file holds several (default: all; svg: the first)
  --macros <path>            macro definitions to expand (macros.conf, macro YAML, JSONL); repeatable
  --builtins                 also use splc's built-in CIM macros (drop_dm_object_name)
  --undefined keep|empty     what to do with calls of undefined macros (default keep)
`;

export async function runGraph(args: string[]): Promise<number> {
    const parsed = parseCommandArgs(args, { format: { type: "string" }, rule: { type: "string" }, ...MACRO_OPTIONS });
    const v = parsed.values;
    const format = v.format ?? "mermaid";
    if (format !== "mermaid" && format !== "dot" && format !== "svg") throw new UsageError(`--format must be mermaid, dot or svg, not '${format}'`);
    if (parsed.positionals.length > 1) throw new UsageError("graph takes one rule file (or - for standard input)");
    const file = parsed.positionals[0] ?? "-";
    const expand = expandOptions(v);
    let searches: { name: string; spl: string }[];
    let definitions = await loadMacros(v.macros ?? []);
    if (file === "-") {
        searches = [{ name: "<stdin>", spl: readInput("-") }];
    } else {
        const loaded = await loadRuleFiles([file]);
        const unreadable = loaded.diagnostics.find((d) => d.code === "SPL5005");
        if (unreadable) throw new UsageError(unreadable.message);
        definitions = [...loaded.macros, ...definitions];
        searches = loaded.rules.map((r, i) => ({ name: r.name ?? r.id ?? `${file}#${i}`, id: r.id, spl: r.spl })).filter((r) => v.rule === undefined || r.name === v.rule || r.id === v.rule);
        if (searches.length === 0) throw new UsageError(v.rule === undefined ? `${file} holds no rule` : `${file} has no rule named '${v.rule}'`);
    }
    const table = definitions.length > 0 || expand.builtins ? normalizeMacros(definitions) : null;
    const draw = (s: { name: string; spl: string }): string => {
        const result: ParseResult = table ? parse(s.spl, { macros: table, expand }) : parse(s.spl);
        const g = pipelineGraph(result, analyze(result));
        if (format === "svg") return `${graphToSvg(g, { title: s.name })}\n`;
        const comment = format === "dot" ? "//" : "%%";
        return `${searches.length > 1 ? `${comment} ${s.name.replace(/\s+/g, " ")}\n` : ""}${format === "dot" ? graphToDot(g) : graphToMermaid(g)}`;
    };
    const chosen = format === "svg" ? searches.slice(0, 1) : searches;
    process.stdout.write(chosen.map(draw).join("\n"));
    return EXIT.ok;
}
