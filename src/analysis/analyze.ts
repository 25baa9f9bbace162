/**
 * `analyze(parseResult)`: what a detection catalog shows about one search, as plain JSON. The
 * stages with their filters as boolean trees, the field predicates (indicators) with their
 * normalised values, raw terms, time bounds, data sources, fields read and written, and the parse
 * diagnostics plus semantic warnings. Pure and total: never throws on any IR `parse` produced.
 */
import type { Command, Diagnostic, ParseResult, Pipeline } from "../ir/nodes.js";
import { forEachSpanned, type Origin } from "../ir/span.js";
import { SKIP, walkNodes } from "../visit/visit.js";
import type { Node } from "../visit/keys.js";
import { parse } from "../parse.js";
import type { CommandType } from "../commands/catalog.js";
import { isAggregating, LineageCache, stageFields } from "./lineage.js";
import { renderPredicates, type Indicator, type Level, type PredicateNode, type SearchTerm, type TimeBound } from "./indicators.js";
import { ComputedFields } from "./computed-fields.js";
import { PredicateCollector, type FilterContext } from "./predicates.js";
import { DataSourceCollector, type DataSources } from "./datasources.js";
import { mergeDiagnostics, semanticWarnings } from "./warnings.js";

/** The shape version of {@link Analysis}; bumped for breaking changes. */
export const ANALYSIS_VERSION = 1 as const;

/** Options of {@link analyze}. */
export interface AnalyzeOptions {
    /**
     * Collect indicators, search terms and time bounds from subsearches and nested pipelines
     * (`[...]`, join, append, appendpipe, multisearch, union), marked `subsearch: true`
     * (default true: a multisearch rule has all its filters there). Data sources and the
     * subsearch count always include them.
     */
    includeSubsearches?: boolean;
    /** Extra names of macros that are commands, for SPL3003 (see `commandMacroNames`). */
    commandMacros?: readonly string[];
}

/** One top-level stage of the pipeline. */
export interface StageInfo {
    /** Position in the pipeline, from 0. */
    index: number;
    /** The command name as written, lower-cased (`bucket`); for a macro stage `` `name` ``. */
    command: string;
    /** The canonical command name (`bin` for `bucket`); for a macro stage `` `name` ``. */
    canonical: string;
    /** The IR kind (`SearchCommand`, `StatsCommand`, `MacroCall`, ...). */
    kind: Command["kind"];
    /**
     * The stage's source text (`text.slice(span)`). A stage produced by macro expansion has the
     * span of the macro call, so its text is the call.
     */
    text: string;
    /** Splunk's command type from lineage (reference §5); null for a macro stage or an unknown command. */
    type: CommandType | null;
    /** True for a transforming stage (stats, chart, timechart, top, table, tstats...). */
    transforming: boolean;
    /** See {@link Level}: `event`, `post-projection` (after `table`) or `post-aggregation`. */
    level: Level;
    /**
     * The stage's filter as a boolean tree over `indicators`, `searchTerms` and `timeRange`:
     * search stages, `where`, tstats/mstats/inputlookup `WHERE`, `regex`; a macro stage is a
     * `macro` leaf (it may filter). Null when the stage does not filter.
     */
    predicates: PredicateNode | null;
    /** `predicates` on one line for humans: `(TERM(EventCode=4103) OR "<EventID>4103<") AND ...`. */
    rendered: string | null;
    /** The macro this stage came from, when produced by macro expansion. */
    origin?: Origin;
}

/** The result of {@link analyze}: plain JSON (no classes, no undefined values, no cycles). */
export interface Analysis {
    /** {@link ANALYSIS_VERSION}. */
    analysisVersion: typeof ANALYSIS_VERSION;
    /** Every top-level stage, in order. */
    stages: StageInfo[];
    /** Every field predicate the search filters on (see `indicators.ts` for what counts). */
    indicators: Indicator[];
    /** Raw terms, quoted phrases and TERM/CASE/PREFIX directives. */
    searchTerms: SearchTerm[];
    /** Time modifiers (`earliest=`, `latest=`, ...), which are not field predicates. */
    timeRange: TimeBound[];
    /** Indexes, sourcetypes, data models, lookups, macros, subsearches. */
    dataSources: DataSources;
    /** Fields read and written over the top-level stages, in order of first appearance (from lineage; wildcard patterns kept). */
    fields: { read: string[]; written: string[] };
    /** The parse diagnostics and the semantic warnings, in source order . */
    diagnostics: Diagnostic[];
}

/** Commands whose bracketed pipeline runs over the current results rather than new events. */
const OVER_CURRENT_RESULTS = new Set(["appendpipe"]);

/**
 * Analyses a parse result. Never throws for a result of `parse()` (and keeps going on partial,
 * recovered IR). `result.text` gives the stages' source text (empty strings when absent).
 */
export function analyze(result: ParseResult, options: AnalyzeOptions = {}): Analysis {
    const text = typeof result.text === "string" ? result.text : "";
    const pipeline: Pipeline = result.pipeline ?? { kind: "Pipeline", commands: [], span: { start: 0, end: 0 } };
    const includeSubsearches = options.includeSubsearches ?? true;
    const sources = new DataSourceCollector();
    // Each pipeline's lineage is computed once, for the walk and the warnings.
    const lineages = new LineageCache();

    interface Frame {
        stage: number;
        subsearch: boolean;
        post: Level;
        computed: readonly string[];
    }
    // Nested pipelines met while walking a stage are queued with the frame they run in.
    let pendingNested: { pipeline: Pipeline; frame: Frame }[] = [];
    // A `[...]` inside a filter runs before the search, over new events: a fresh frame.
    let currentStage = 0;
    const collector = new PredicateCollector((p) => pendingNested.push({ pipeline: p, frame: { stage: currentStage, subsearch: true, post: "event", computed: [] } }));

    const stages: StageInfo[] = [];

    const walk = (p: Pipeline, frame: Frame, top: boolean): void => {
        const lin = lineages.stages(p);
        let post = frame.post;
        const computed = new ComputedFields(frame.computed);
        p.commands.forEach((c, i) => {
            const stage = top ? i : frame.stage;
            const level: Level = post;
            const cx: FilterContext = { stage, command: commandName(c), level, subsearch: frame.subsearch, computed: computed.view(), tstats: false };
            const saved = currentStage;
            currentStage = stage;
            const outer = pendingNested;
            pendingNested = [];
            const tree = collector.stageTree(c, cx);
            sources.addCommand(c, { stage, subsearch: frame.subsearch });
            // Bracketed pipelines of the command (join, append, multisearch...), outside its filter.
            for (const nested of commandPipelines(c)) {
                const overCurrent = OVER_CURRENT_RESULTS.has(c.kind === "MacroCall" ? "" : c.canonical);
                pendingNested.push({ pipeline: nested, frame: { stage, subsearch: true, post: overCurrent ? post : "event", computed: overCurrent ? computed.names() : [] } });
            }
            const nested = pendingNested;
            pendingNested = outer;
            if (top) {
                const s = lin[i] ?? stageFields(c, i);
                const info: StageInfo = {
                    index: i,
                    command: c.kind === "MacroCall" ? `\`${c.name}\`` : c.name,
                    canonical: c.kind === "MacroCall" ? `\`${c.name}\`` : c.canonical,
                    kind: c.kind,
                    text: text.slice(c.span.start, c.span.end),
                    type: s.type,
                    transforming: s.transforming,
                    level,
                    predicates: tree,
                    rendered: null,
                };
                if (c.origin) info.origin = c.origin;
                stages.push(info);
            }
            for (const n of nested) walk(n.pipeline, n.frame, false);
            currentStage = saved;
            const l = lin[i];
            if (l) {
                // Fields written through wildcards (`rename Processes.* AS *`, `stats values(*) AS *`,
                // spath, lookup without OUTPUT) and by unexpanded macro or token stages are computed.
                const writes = c.kind === "MacroCall" || c.kind === "Placeholder" ? ["*"] : l.writes;
                for (const w of writes) computed.add(w);
                // `table` only projects: its rows are still events (reference checklist 14).
                if (l.transforming) post = isAggregating(c) || post === "post-aggregation" ? "post-aggregation" : "post-projection";
            }
        });
    };
    walk(pipeline, { stage: 0, subsearch: false, post: "event", computed: [] }, true);

    // Data sources and warnings see every predicate; the subsearch option only trims the lists.
    sources.addIndicators(collector.indicators);
    sources.addTree(pipeline);
    const semantic = semanticWarnings(pipeline, collector.indicators, collector.searchTerms, options.commandMacros ? { commandMacros: options.commandMacros } : {}, lineages);
    for (const s of stages) if (s.predicates) s.rendered = renderPredicates(s.predicates, collector.indicators, collector.searchTerms, collector.timeRange);
    const found = { indicators: [...collector.indicators], searchTerms: [...collector.searchTerms], timeRange: [...collector.timeRange] };
    if (!includeSubsearches) dropSubsearchEntries(stages, found);

    const read = new Set<string>();
    const written = new Set<string>();
    for (const l of lineages.stages(pipeline)) {
        for (const r of l.reads) read.add(r);
        for (const w of l.writes) written.add(w);
    }

    return {
        analysisVersion: ANALYSIS_VERSION,
        stages,
        indicators: found.indicators,
        searchTerms: found.searchTerms,
        timeRange: found.timeRange,
        dataSources: sources.result,
        fields: { read: [...read], written: [...written] },
        diagnostics: mergeDiagnostics(result.diagnostics ?? [], semantic),
    };
}

function commandName(c: Command): string {
    return c.kind === "MacroCall" ? `\`${c.name}\`` : c.canonical;
}

/**
 * `map search="search index=b ..."`: the quoted search, parsed, as a nested pipeline. Its
 * nodes take the span of the map command (the text inside the quotes has escapes).
 */
function mapSearch(c: Extract<Command, { kind: "MapCommand" }>): Pipeline[] {
    if (c.search === null) return [];
    const pipeline = parse(c.search).pipeline;
    forEachSpanned(pipeline, (x) => {
        x.span = { start: c.span.start, end: c.span.end };
    });
    return [pipeline];
}

/** The bracketed pipelines of a command that are not part of its filter (a foreach template is no search). */
function commandPipelines(c: Command): Pipeline[] {
    switch (c.kind) {
        case "MapCommand":
            return c.subsearch ? [c.subsearch.pipeline, ...mapSearch(c)] : mapSearch(c);
        case "JoinCommand":
        case "AppendCommand":
            return c.subsearch ? [c.subsearch] : [];
        case "MultisearchCommand":
            return c.subsearches;
        case "SearchCommand":
        case "WhereCommand":
        case "StatsCommand":
        case "InputlookupCommand":
        case "ForeachCommand":
        case "MacroCall":
        case "ErrorCommand":
            return [];
        case "EvalCommand": {
            const out: Pipeline[] = [];
            for (const a of c.assignments) collectSubsearches(a.expr, out);
            return out;
        }
        default: {
            // Generic and other typed commands: subsearches anywhere among their children (the
            // generic arguments, typed fields, `rest`), found through the child-key table so that
            // a new typed command cannot hide one.
            const out: Pipeline[] = [];
            collectSubsearches(c, out);
            return out;
        }
    }
}

/** The pipelines of the subsearches in an expression or argument, in source order (not those nested in them). */
function collectSubsearches(root: Node, out: Pipeline[]): void {
    walkNodes(root, {
        Subsearch: (s) => {
            out.push(s.pipeline);
            return SKIP;
        },
    });
}

/** Drops subsearch entries from the arrays and renumbers the leaves of the stage trees. */
function dropSubsearchEntries(stages: StageInfo[], c: { indicators: Indicator[]; searchTerms: SearchTerm[]; timeRange: TimeBound[] }): void {
    const remap = <T extends { subsearch: boolean }>(list: T[]): { kept: T[]; map: Map<number, number> } => {
        const kept: T[] = [];
        const map = new Map<number, number>();
        list.forEach((x, i) => {
            if (x.subsearch) return;
            map.set(i, kept.length);
            kept.push(x);
        });
        return { kept, map };
    };
    const ind = remap(c.indicators);
    const terms = remap(c.searchTerms);
    const times = remap(c.timeRange);
    const fix = (n: PredicateNode): PredicateNode => {
        switch (n.kind) {
            case "and":
            case "or":
            case "xor":
                return { kind: n.kind, operands: n.operands.map(fix) };
            case "not":
                return { kind: "not", operand: fix(n.operand) };
            case "indicator":
                return { kind: "indicator", index: ind.map.get(n.index) ?? -1 };
            case "term":
                return { kind: "term", index: terms.map.get(n.index) ?? -1 };
            case "time":
                return { kind: "time", index: times.map.get(n.index) ?? -1 };
            default:
                return n;
        }
    };
    for (const s of stages) if (s.predicates) s.predicates = fix(s.predicates);
    c.indicators = ind.kept;
    c.searchTerms = terms.kept;
    c.timeRange = times.kept;
}
