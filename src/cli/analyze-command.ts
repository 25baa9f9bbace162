/**
 * `splc analyze <files|dirs...>`: per rule, what a detection catalog shows (stages and
 * predicates, indicators with their corpus counts, search terms, data sources, diagnostics
 * with code frames), and over all rules the most shared indicators.
 */
import { basename } from "node:path";
import { parseArgs } from "node:util";
import {
    analyze,
    createLineIndex,
    formatDiagnostic,
    IndicatorIndex,
    indicatorKeys,
    indicatorText,
    normalizeMacros,
    parse,
    termText,
    type Analysis,
    type Diagnostic,
    type LineIndex,
    type MacroTable,
} from "../index.js";
import { loadRuleFiles, mapDiagnosticsToFile, type RuleDiagnostic, type RuleSource } from "../rules/node.js";
import { EXIT, UsageError } from "./io.js";
import { expandOptions } from "./macros-option.js";

export const ANALYZE_HELP = `Usage: splc analyze <files|dirs...> [options]

Analyses detection rules: security_content YAML (search:), Anvilogic YAML (logic:), Splunk
savedsearches.conf, .spl files, JSON Lines corpora. Macro definitions found among the inputs
(macros.conf, macro YAML) are used for expansion, together with --macros.

  --macros <path>        more macro definitions (macros.conf, macro YAML, JSONL); repeatable
  --builtins             also use splc's built-in CIM macros (drop_dm_object_name)
  --undefined keep|empty what to do with calls of undefined macros (default keep)
  --format text|json|jsonl   output format (default text)
  --top N                how many of the most shared indicators to list (default 20; 0: none)
  --fail-on error|warning    exit 1 when a diagnostic of that severity (or worse) is found
  --no-frames            text format: no code frames under diagnostics
  --post-process         the searches are dashboard post-process searches (start with a command)

Exit codes: 0 ok, 1 diagnostics at the --fail-on level, 2 usage or unreadable input.
`;

/** One analysed rule, as written by the json/jsonl formats. */
interface RuleReport {
    id: string | null;
    name: string | null;
    file: string;
    format: string;
    analysis: Analysis;
    /** The analysis diagnostics with spans in the rule file, plus line and column. */
    diagnostics: (RuleDiagnostic & { line: number; column: number })[];
}

export async function runAnalyze(args: string[]): Promise<number> {
    let parsed;
    try {
        parsed = parseArgs({
            args,
            allowPositionals: true,
            options: {
                macros: { type: "string", multiple: true },
                builtins: { type: "boolean" },
                undefined: { type: "string" },
                format: { type: "string" },
                top: { type: "string" },
                "fail-on": { type: "string" },
                "no-frames": { type: "boolean" },
                "post-process": { type: "boolean" },
            },
        });
    } catch (e) {
        throw new UsageError((e as Error).message);
    }
    const v = parsed.values;
    const format = v.format ?? "text";
    if (format !== "text" && format !== "json" && format !== "jsonl") throw new UsageError(`--format must be text, json or jsonl, not '${format}'`);
    const failOn = v["fail-on"];
    if (failOn !== undefined && failOn !== "error" && failOn !== "warning") throw new UsageError(`--fail-on must be error or warning, not '${failOn}'`);
    const top = v.top === undefined ? 20 : Number(v.top);
    if (!Number.isInteger(top) || top < 0) throw new UsageError("--top takes a whole number");
    if (parsed.positionals.length === 0) throw new UsageError("analyze needs at least one file or directory");

    const inputs = await loadRuleFiles(parsed.positionals);
    const extra = v.macros && v.macros.length > 0 ? await loadRuleFiles(v.macros) : null;
    const unreadable = [...inputs.diagnostics, ...(extra?.diagnostics ?? [])].filter((d) => d.code === "SPL5005");
    if (unreadable.length > 0) throw new UsageError(unreadable.map((d) => `${d.file}: ${d.message}`).join("\n"));
    const texts: Record<string, string> = { ...inputs.texts, ...(extra?.texts ?? {}) };
    const definitions = [...inputs.macros, ...(extra?.macros ?? [])];
    const expand = expandOptions(v);
    const table: MacroTable | null = definitions.length > 0 || expand.builtins ? normalizeMacros(definitions) : null;

    const index = new IndicatorIndex();
    const reports: RuleReport[] = [];
    const lineIndexes = new Map<string, LineIndex>();
    const lineIndex = (file: string): LineIndex => {
        let li = lineIndexes.get(file);
        if (!li) lineIndexes.set(file, (li = createLineIndex(texts[file] ?? "")));
        return li;
    };
    const progress = process.stderr.isTTY && inputs.rules.length >= 200;
    inputs.rules.forEach((rule, i) => {
        const postProcess = parsed.values["post-process"] === true;
        const result = table ? parse(rule.spl, { macros: table, expand, postProcess }) : parse(rule.spl, { postProcess });
        const analysis = analyze(result);
        index.add(ruleId(rule, i), analysis);
        reports.push({ id: rule.id, name: rule.name, file: rule.file, format: rule.format, analysis, diagnostics: inFile(rule, analysis.diagnostics, lineIndex(rule.file)) });
        if (progress && (i + 1) % 100 === 0) process.stderr.write(`\ranalysed ${i + 1}/${inputs.rules.length} rules`);
    });
    if (progress) process.stderr.write(`\ranalysed ${inputs.rules.length}/${inputs.rules.length} rules\n`);
    // Problems of the files themselves (broken YAML, a rule without a search, macro files).
    const fileDiagnostics = [...inputs.diagnostics, ...(extra?.diagnostics ?? [])].map((d) => withPosition(d, lineIndex(d.file)));

    if (format === "json") {
        process.stdout.write(`${JSON.stringify({ rules: reports, files: inputs.files, fileDiagnostics, topIndicators: index.top(top) }, null, 2)}\n`);
    } else if (format === "jsonl") {
        for (const r of reports) process.stdout.write(`${JSON.stringify(r)}\n`);
    } else {
        const frames = v["no-frames"] !== true;
        for (const d of fileDiagnostics) process.stdout.write(`${render(d, texts, frames, lineIndex(d.file))}\n`);
        reports.forEach((r) => process.stdout.write(textReport(r, index, texts, frames, lineIndex(r.file), reports.length > 1)));
        if (top > 0 && reports.length > 1) process.stdout.write(topReport(index, top, reports.length));
        const all = [...fileDiagnostics, ...reports.flatMap((r) => r.diagnostics)];
        process.stdout.write(`${reports.length} rule(s) from ${inputs.files} file(s): ${count(all, "error")} error(s), ${count(all, "warning")} warning(s)\n`);
    }

    const all: Diagnostic[] = [...fileDiagnostics, ...reports.flatMap((r) => r.diagnostics)];
    if (failOn === "error" && all.some((d) => d.severity === "error")) return EXIT.diagnostics;
    if (failOn === "warning" && all.some((d) => d.severity === "error" || d.severity === "warning")) return EXIT.diagnostics;
    return EXIT.ok;
}

function ruleId(rule: RuleSource, i: number): string {
    return rule.id ?? rule.name ?? `${rule.file}#${i}`;
}

function count(ds: readonly Diagnostic[], severity: Diagnostic["severity"]): number {
    return ds.filter((d) => d.severity === severity).length;
}

function withPosition(d: RuleDiagnostic, li: LineIndex): RuleDiagnostic & { line: number; column: number } {
    return { ...d, ...li.position(d.span.start) };
}

function inFile(rule: RuleSource, ds: readonly Diagnostic[], li: LineIndex): (RuleDiagnostic & { line: number; column: number })[] {
    return mapDiagnosticsToFile(rule, ds).map((d) => withPosition(d, li));
}

function render(d: RuleDiagnostic, texts: Record<string, string>, frames: boolean, li: LineIndex): string {
    return formatDiagnostic(d, texts[d.file] ?? "", { filename: d.file, codeFrame: frames, lineIndex: li });
}

function textReport(r: RuleReport, index: IndicatorIndex, texts: Record<string, string>, frames: boolean, li: LineIndex, corpus: boolean): string {
    const a = r.analysis;
    const out: string[] = [];
    out.push(`== ${r.name ?? basename(r.file)}`);
    out.push(`   ${r.file} (${r.format}${r.id ? `, id ${r.id}` : ""})`);
    out.push("Stages and predicates");
    for (const s of a.stages) {
        const type = s.type ? ` [${s.type}${s.level === "post-aggregation" ? ", after aggregation" : s.level === "post-projection" ? ", after projection" : ""}]` : "";
        out.push(`  ${s.index}  ${oneLine(s.text)}${type}`);
        if (s.rendered) out.push(`       filters: ${s.rendered}`);
    }
    out.push("Indicators");
    if (a.indicators.length === 0) out.push("  (none)");
    for (const ind of a.indicators) {
        const keys = indicatorKeys(ind);
        const shared = corpus ? `  shared by ${Math.max(...keys.map((k) => index.count(k)))} rule(s)` : "";
        const flags = [`stage ${ind.stage}`, ind.level, ind.fieldSource, ...(ind.negated ? ["negated"] : []), ...(ind.subsearch ? ["subsearch"] : []), ...(ind.origin ? [`from \`${ind.origin.macro}\``] : [])];
        out.push(`  ${indicatorText(ind)}  (${flags.join(", ")})${shared}`);
    }
    out.push("Search terms");
    if (a.searchTerms.length === 0) out.push("  (none)");
    for (const t of a.searchTerms) out.push(`  ${termText(t)}  (stage ${t.stage}, ${t.kind}${t.negated ? ", negated" : ""}${t.origin ? `, from \`${t.origin.macro}\`` : ""})`);
    out.push("Data sources");
    const ds = a.dataSources;
    const values = (label: string, vs: { value: string; negated: boolean; op: string }[]): void => {
        if (vs.length > 0) out.push(`  ${label}: ${vs.map((x) => `${x.negated ? "NOT " : ""}${x.op === "=" ? "" : x.op}${x.value}`).join(", ")}`);
    };
    values("index", ds.index);
    values("sourcetype", ds.sourcetype);
    values("source", ds.source);
    values("eventtype", ds.eventtype);
    values("host", ds.host);
    if (ds.datamodels.length > 0) out.push(`  data models: ${ds.datamodels.map((m) => `${m.datamodel}${m.dataset ? `.${m.dataset}` : ""}`).join(", ")}`);
    if (ds.lookups.read.length > 0) out.push(`  lookups read: ${ds.lookups.read.map((l) => l.name).join(", ")}`);
    if (ds.lookups.written.length > 0) out.push(`  lookups written: ${ds.lookups.written.map((l) => l.name).join(", ")}`);
    if (ds.macros.length > 0) out.push(`  macros: ${ds.macros.map((m) => `${m.name}${m.arity > 0 ? `(${m.arity})` : ""}${m.expanded ? "" : " (not expanded)"}`).join(", ")}`);
    if (ds.subsearches > 0) out.push(`  subsearches: ${ds.subsearches}`);
    out.push(`Fields: read ${a.fields.read.join(", ") || "-"}; written ${a.fields.written.join(", ") || "-"}`);
    out.push("Diagnostics");
    if (r.diagnostics.length === 0) out.push("  (none)");
    for (const d of r.diagnostics) out.push(indent(render(d, texts, frames, li)));
    return `${out.join("\n")}\n\n`;
}

function topReport(index: IndicatorIndex, n: number, rules: number): string {
    const rows = index.top(n);
    const lines = [`Most shared indicators (${rules} rules)`];
    for (const e of rows) lines.push(`  ${String(e.count).padStart(6)}  ${e.key}`);
    return `${lines.join("\n")}\n\n`;
}

function oneLine(s: string): string {
    const flat = s.replace(/\s+/g, " ").trim();
    return flat.length > 160 ? `${flat.slice(0, 157)}...` : flat;
}

function indent(s: string): string {
    return s.split("\n").map((l) => `  ${l}`).join("\n");
}
