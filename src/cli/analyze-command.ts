/**
 * `splc analyze <files|dirs...>`: per rule, what a detection catalog shows (stages and
 * predicates, indicators with their corpus counts, search terms, data sources, diagnostics
 * with code frames), and over all rules the most shared indicators.
 */
import { statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { basename, join } from "node:path";
import { formatDiagnostic, IndicatorIndex, indicatorKeys, indicatorText, normalizeMacros, parse, termText, type Diagnostic, type ExpandOptions, type MacroTable, type ParseResult } from "../index.js";
import { loadRuleFiles, loadRuleText, type LoadRuleFilesResult, type RuleDiagnostic, type RuleSource } from "../rules/node.js";
import { jsonLine, lineIndexes, reportRule, type ReportContext, type RuleReport } from "./analyze-report.js";
import { AnalyzeThread, autoThreads, cpuSnapshot } from "./analyze-thread.js";
import { paintDiagnostic, useColor } from "./color.js";
import { applySeverities, emptyConfig, findConfig, ignoreMatcher, readConfig, type EffectiveConfig } from "./config.js";
import { failOnOption, fails } from "./fail-on.js";
import { expandArguments } from "./glob.js";
import { EXIT, readInput, UsageError, parseCommandArgs, writeChunks } from "./io.js";
import { locate, type LocatedDiagnostic } from "./located.js";
import { expandOptions, MACRO_OPTIONS } from "./macros-option.js";
import { findSecurityContentRoot, generatedFilterMacros } from "./preset.js";
import { githubAnnotation } from "./report-github.js";
import { sarifLog } from "./report-sarif.js";
import { summaryReport } from "./report-summary.js";
import { packageInfo } from "./version.js";

export const ANALYZE_HELP = `Usage: splc analyze <files|dirs|globs...|-> [options]

Analyses detection rules: security_content YAML (search:), Anvilogic YAML (logic:), Splunk
savedsearches.conf, .spl files, JSON Lines corpora; - reads standard input; quoted glob patterns
("rules/**/*.yml") are expanded. Macro definitions found among the inputs (macros.conf, macro
YAML) are used for expansion, together with --macros. Settings come from the nearest
splc.config.json above the first input (see the README).

  --macros <path>        more macro definitions (macros.conf, macro YAML, JSONL); repeatable
  --builtins             also use splc's built-in CIM macros (drop_dm_object_name)
  --undefined keep|empty what to do with calls of undefined macros (default keep)
  --preset security_content|none   security_content: contentctl's generated <name>_filter
                         macros and the CIM built-ins (detected from a detections/ + macros/ layout)
  --format text|json|jsonl|sarif|github|summary   output format (default text)
  --quiet                text format: only the diagnostics and the closing count
  --top N                how many of the most shared indicators to list (default 20; 0: none)
  --fail-on error|warning|none   exit 1 when a diagnostic of that severity (or worse) remains
                         (default error)
  --no-frames            text format: no code frames under diagnostics
  --config <file>        use this config file;  --no-config: use none
  --print-config         print the effective configuration as JSON and exit
  --post-process         the searches are dashboard post-process searches (start with a command)
  --threads 1|2|auto     2: analyse in a second thread while this one parses (default auto:
                         2 for 600 rules or more when a core is idle; the output is the same)

Suppress a code in a search with \`\`\`splc-disable SPL4001\`\`\` (whole search) or
\`\`\`splc-disable-next-stage SPL3005\`\`\` (the stage after the comment).

Exit codes: 0 ok, 1 diagnostics at the --fail-on level, 2 usage or unreadable input.
`;

const FORMATS = ["text", "json", "jsonl", "sarif", "github", "summary"] as const;
type Format = (typeof FORMATS)[number];

export async function runAnalyze(args: string[]): Promise<number> {
    const parsed = parseCommandArgs(args, {
        ...MACRO_OPTIONS,
        preset: { type: "string" },
        format: { type: "string" },
        quiet: { type: "boolean" },
        top: { type: "string" },
        "fail-on": { type: "string" },
        "no-frames": { type: "boolean" },
        config: { type: "string" },
        "no-config": { type: "boolean" },
        "print-config": { type: "boolean" },
        "post-process": { type: "boolean" },
        threads: { type: "string" },
    });
    const v = parsed.values;
    const format = (v.format ?? "text") as Format;
    if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(", ")}, not '${v.format}'`);
    const failOn = failOnOption(v["fail-on"]);
    const top = v.top === undefined ? 20 : Number(v.top);
    if (!Number.isInteger(top) || top < 0) throw new UsageError("--top takes a whole number");
    const threadsOption = v.threads ?? "auto";
    if (threadsOption !== "1" && threadsOption !== "2" && threadsOption !== "auto") throw new UsageError(`--threads must be 1, 2 or auto, not '${threadsOption}'`);
    // For auto: other processes' load from here to the end of loading tells whether a core is free.
    const started = threadsOption === "auto" ? cpuSnapshot() : null;
    if (v.preset !== undefined && v.preset !== "security_content" && v.preset !== "none") throw new UsageError(`--preset must be security_content or none, not '${v.preset}'`);
    const expanded = expandArguments(parsed.positionals);
    if (expanded.empty.length > 0) throw new UsageError(`no files match ${expanded.empty.map((p) => `'${p}'`).join(", ")}`);
    const paths = expanded.paths;
    if (paths.length === 0 && v["print-config"] !== true) throw new UsageError("analyze needs at least one file or directory (or - for standard input)");
    const expandBase = expandOptions(v);

    // Configuration: the config file, then the command line on top.
    const first = paths.find((p) => p !== "-") ?? ".";
    const configFile = v["no-config"] === true ? null : (v.config ?? findConfig(first));
    let config = emptyConfig();
    const configDiagnostics: RuleDiagnostic[] = [];
    if (configFile !== null) {
        let read;
        try {
            read = readConfig(configFile);
        } catch (e) {
            throw new UsageError(`cannot read ${configFile}: ${(e as Error).message}`);
        }
        config = read.config;
        configDiagnostics.push(...read.diagnostics);
    }
    if (v.preset === "security_content" || v.preset === "none") config.preset = v.preset;
    else if (config.preset === "none" && configFile === null) {
        const root = findSecurityContentRoot(first);
        if (root !== null) {
            config.preset = "security_content";
            config.macros.push(join(root, "macros"));
        }
    }
    config.builtins = config.builtins || expandBase.builtins === true || config.preset === "security_content";
    config.macros.push(...(v.macros ?? []));
    if (v["print-config"] === true) {
        process.stdout.write(`${JSON.stringify(config, null, 2)}\n`);
        return EXIT.ok;
    }

    // A second thread that will likely be wanted starts now, loading the CLI while this one reads the inputs.
    const early = threadsOption !== "1" && availableParallelism() >= 2 && likelyLarge(paths) ? AnalyzeThread.spawn() : null;
    let loaded: Loaded;
    try {
        loaded = await loadRun(paths, config, configFile, expandBase);
    } catch (e) {
        // A thread started early must not outlive a failed run.
        early?.cancel();
        throw e;
    }
    const { inputs, extra, ignored, rules, texts, expand, table } = loaded;
    const analyzeOptions = config.commandMacros.length > 0 ? { commandMacros: config.commandMacros } : {};

    // The shared-indicator index feeds the json, summary and text reports only.
    const index = new IndicatorIndex();
    const indexed = format === "json" || format === "summary" || format === "text";
    const lineIndex = lineIndexes(texts);
    const cx: ReportContext = { config, analyzeOptions, lineIndex };
    const progress = process.stderr.isTTY && rules.length >= 200;
    const postProcess = parsed.values["post-process"] === true;
    const parseRule = (rule: RuleSource): ParseResult => (table ? parse(rule.spl, { macros: table, expand, postProcess }) : parse(rule.spl, { postProcess }));
    const threads = started ? autoThreads(rules.length, started) : Number(threadsOption);
    const thread = threads === 2 ? (early ?? AnalyzeThread.spawn()) : null;
    if (thread) thread.begin({ config, analyzeOptions, texts: ruleTexts(rules, texts), lines: format === "jsonl" });
    else early?.cancel();
    let reports: RuleReport[] = [];
    // jsonl from the thread: the output's bytes and each rule's located diagnostics, without the reports.
    let lines: { bytes: Uint8Array[]; diagnostics: LocatedDiagnostic[][] } | null = null;
    try {
        rules.forEach((rule, i) => {
            const result = parseRule(rule);
            if (thread) thread.add(rule, result);
            else reports.push(reportRule(rule, result, cx));
            if (progress && (i + 1) % 100 === 0) process.stderr.write(`\ranalysed ${i + 1}/${rules.length} rules`);
        });
    } catch (e) {
        // An internal error must not leave the thread waiting for rules, and the process with it.
        thread?.cancel();
        throw e;
    }
    if (thread) {
        const made = await thread.finish();
        if ("reports" in made) reports = made.reports;
        else lines = { bytes: made.bytes, diagnostics: made.diagnostics };
    }
    if (indexed) reports.forEach((r, i) => index.add(ruleId(rules[i] as RuleSource, i), r.analysis));
    if (progress) process.stderr.write(`\ranalysed ${rules.length}/${rules.length} rules\n`);
    // Problems of the files themselves (broken YAML, a rule without a search, macro files, the config).
    const fileDiagnostics = applySeverities([...configDiagnostics, ...inputs.diagnostics.filter((d) => !ignored(d.file)), ...(extra?.diagnostics ?? [])], config).map((d) =>
        locate(d, lineIndex(d.file)),
    );
    const all: LocatedDiagnostic[] = [...fileDiagnostics, ...(lines ? lines.diagnostics.flat() : reports.flatMap((r) => r.diagnostics))];

    const out = (s: string): void => void process.stdout.write(s);
    const color = useColor(process.stdout);
    switch (format) {
        case "json":
            out(`${JSON.stringify({ rules: reports, files: inputs.files, fileDiagnostics, topIndicators: index.top(top) }, null, 2)}\n`);
            break;
        case "jsonl":
            await writeChunks(lines ? lines.bytes : jsonLines(reports));
            break;
        case "sarif":
            out(`${JSON.stringify(sarifLog(all, packageInfo()), null, 2)}\n`);
            break;
        case "github":
            for (const d of all) out(`${githubAnnotation(d)}\n`);
            break;
        case "summary":
            out(
                summaryReport(
                    reports.map((r) => r.analysis),
                    all,
                    index,
                    top,
                    inputs.files,
                ),
            );
            break;
        case "text": {
            const frames = v["no-frames"] !== true;
            const render = (d: LocatedDiagnostic): string => paintDiagnostic(color, formatDiagnostic(d, texts[d.file] ?? "", { filename: d.file, codeFrame: frames, lineIndex: lineIndex(d.file) }));
            for (const d of fileDiagnostics) out(`${render(d)}\n`);
            if (v.quiet === true) {
                for (const r of reports) for (const d of r.diagnostics) out(`${render(d)}\n`);
            } else {
                reports.forEach((r) => out(textReport(r, index, render, reports.length > 1)));
                if (top > 0 && reports.length > 1) out(topReport(index, top, reports.length));
            }
            out(`${reports.length} rule(s) from ${inputs.files} file(s): ${count(all, "error")} error(s), ${count(all, "warning")} warning(s)\n`);
            break;
        }
    }
    return fails(failOn, all) ? EXIT.diagnostics : EXIT.ok;
}

/** What a run reads before analysing: the inputs, the macro files, the rules kept and the macro table. */
interface Loaded {
    inputs: LoadRuleFilesResult;
    extra: LoadRuleFilesResult | null;
    ignored: (file: string) => boolean;
    rules: RuleSource[];
    texts: Record<string, string>;
    expand: ExpandOptions;
    table: MacroTable | null;
}

/** Reads the inputs and macro files (an unreadable one is a usage error) and builds the macro table. */
async function loadRun(paths: readonly string[], config: EffectiveConfig, configFile: string | null, expandBase: ExpandOptions): Promise<Loaded> {
    const inputs = await loadInputs(paths);
    // Every macro path (--macros, the config, the preset) is read as macros, whatever its name.
    const extra = config.macros.length > 0 ? await loadRuleFiles(config.macros, { format: "macros" }) : null;
    const unreadable = [...inputs.diagnostics, ...(extra?.diagnostics ?? [])].filter((d) => d.code === "SPL5005");
    if (unreadable.length > 0) throw new UsageError(unreadable.map((d) => `${d.file}: ${d.message}`).join("\n"));
    const ignored = ignoreMatcher(config);
    const rules = inputs.rules.filter((r) => !ignored(r.file));
    const texts: Record<string, string> = { ...inputs.texts, ...(extra?.texts ?? {}) };
    for (const f of configFile ? [configFile] : []) texts[f] = readInput(f);
    const definitions = [...inputs.macros, ...(extra?.macros ?? [])];
    if (config.preset === "security_content")
        definitions.push(
            ...generatedFilterMacros(
                rules.map((r) => r.spl),
                definitions,
            ),
        );
    const expand = { ...expandBase, builtins: config.builtins };
    const table: MacroTable | null = definitions.length > 0 || expand.builtins ? normalizeMacros(definitions) : null;
    return { inputs, extra, ignored, rules, texts, expand, table };
}

/** The files and directories named, plus standard input for \`-\` (its format is sniffed). */
async function loadInputs(paths: readonly string[]): Promise<LoadRuleFilesResult> {
    const result = await loadRuleFiles(paths.filter((p) => p !== "-"));
    if (paths.includes("-")) {
        const text = readInput("-");
        const one = loadRuleText(text, { filename: "<stdin>" });
        result.files++;
        result.texts["<stdin>"] = text;
        result.rules.push(...one.rules);
        result.macros.push(...one.macros);
        result.diagnostics.push(...one.diagnostics);
    }
    return result;
}

/** One JSON line per report, made as the writer takes them. */
function* jsonLines(reports: readonly RuleReport[]): Iterable<string> {
    for (const r of reports) yield jsonLine(r);
}

/** Inputs that probably hold enough rules for the second thread: a directory, or files of 256 KB or more together. */
function likelyLarge(paths: readonly string[]): boolean {
    let bytes = 0;
    for (const p of paths) {
        if (p === "-") continue;
        try {
            const st = statSync(p);
            if (st.isDirectory()) return true;
            bytes += st.size;
        } catch {
            // An unreadable path is the loader's to report.
        }
    }
    return bytes >= 256 * 1024;
}

/** The texts of the files that hold rules (the analysis thread needs no macro or config file). */
function ruleTexts(rules: readonly RuleSource[], texts: Readonly<Record<string, string>>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const r of rules) if (texts[r.file] !== undefined) out[r.file] = texts[r.file] as string;
    return out;
}

function ruleId(rule: RuleSource, i: number): string {
    return rule.id ?? rule.name ?? `${rule.file}#${i}`;
}

function count(ds: readonly Diagnostic[], severity: Diagnostic["severity"]): number {
    return ds.filter((d) => d.severity === severity).length;
}

function textReport(r: RuleReport, index: IndicatorIndex, render: (d: LocatedDiagnostic) => string, corpus: boolean): string {
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
        const flags = [
            `stage ${ind.stage}`,
            ind.level,
            ind.fieldSource,
            ...(ind.negated ? ["negated"] : []),
            ...(ind.subsearch ? ["subsearch"] : []),
            ...(ind.origin ? [`from \`${ind.origin.macro}\``] : []),
        ];
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
    for (const d of r.diagnostics) out.push(indent(render(d)));
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
    return s
        .split("\n")
        .map((l) => `  ${l}`)
        .join("\n");
}
