/**
 * Data sources: what a search reads and writes outside its own pipeline. Indexes, sourcetypes,
 * sources, eventtypes and hosts come from search-modifier comparisons (with their negation);
 * data models from tstats/mstats `FROM datamodel=X.Y`, `nodename=`, `| datamodel X Y`,
 * `| from datamodel:X.Y`, `join`/`union` datasets; lookups from lookup, inputlookup (read),
 * outputlookup (written) and `from inputlookup:x`; macros from the MacroCall nodes left in the
 * IR and from the `origin` of nodes produced by expansion.
 */
import type { Command, CommandArg, Pipeline } from "../ir/nodes.js";
import { SKIP, walkNodes } from "../visit/visit.js";
import type { Origin, Span } from "../ir/span.js";
import type { Indicator } from "./indicators.js";

/** One value of a search modifier (`index=main`, `sourcetype!=foo`, `source IN (a, b)`). */
export interface SourceValue {
    /** The value as written (quotes removed; wildcards kept). */
    value: string;
    /** The comparison operator (`=`, `!=`; an `IN` list gives one `=` entry per value). */
    op: string;
    /** Under an odd number of NOTs. */
    negated: boolean;
    /** Top-level stage index. */
    stage: number;
    /** Found inside a subsearch or nested pipeline. */
    subsearch: boolean;
    /** The macro the comparison came from, when expanded from one. */
    origin?: Origin;
    /** Source range of the comparison (the macro call, for one from a macro). */
    span: Span;
}

/** A data model (and dataset) a stage reads. */
export interface DataModelUse {
    /** The data model name (`Endpoint`). */
    datamodel: string;
    /** The dataset inside it (`Processes`), or null when only the model is named. */
    dataset: string | null;
    /** tstats' `nodename=` when given (`All_Traffic.Traffic_By_Action`). */
    nodename: string | null;
    /** Canonical command (`tstats`, `mstats`, `datamodel`, `from`, `join`, `union`). */
    command: string;
    /** Top-level stage index. */
    stage: number;
    /** Found inside a subsearch or nested pipeline. */
    subsearch: boolean;
    /** Macro origin of the command, when produced by expansion. */
    origin?: Origin;
    /** Source range of the command. */
    span: Span;
}

/** A lookup table read or written. */
export interface LookupUse {
    /** The table or definition name as written. */
    name: string;
    /** Canonical command (`lookup`, `inputlookup`, `outputlookup`, `from`). */
    command: string;
    /** Top-level stage index. */
    stage: number;
    /** Found inside a subsearch or nested pipeline. */
    subsearch: boolean;
    /** Macro origin of the command, when produced by expansion. */
    origin?: Origin;
    /** Source range of the command. */
    span: Span;
}

/** A macro the search uses. */
export interface MacroReference {
    /** The macro name (without the `(N)` arity suffix). */
    name: string;
    /** Number of arguments of the call. */
    arity: number;
    /**
     * `false`: a MacroCall node is still in the IR (not expanded); `true`: nodes carry it as
     * their `origin` (expanded; only the innermost macro of a nested expansion is visible).
     */
    expanded: boolean;
    /** How many unexpanded calls, or how many distinct call sites (origin spans) for expanded ones. */
    count: number;
}

/** Everything the search reads from or writes to outside its pipeline. */
export interface DataSources {
    /** `index=` values (search modifiers, also in tstats WHERE). */
    index: SourceValue[];
    /** `sourcetype=` values. */
    sourcetype: SourceValue[];
    /** `source=` values. */
    source: SourceValue[];
    /** `eventtype=` values. */
    eventtype: SourceValue[];
    /** `host=` values. */
    host: SourceValue[];
    /** Data models and datasets read (tstats/mstats FROM, nodename, datamodel, from, join/union datasets). */
    datamodels: DataModelUse[];
    /** Lookup tables read (lookup, inputlookup, `from inputlookup:`) and written (outputlookup). */
    lookups: { read: LookupUse[]; written: LookupUse[] };
    /** Macros used: unexpanded calls first, then the macros seen as `origin` of expanded nodes. */
    macros: MacroReference[];
    /** Number of `[...]` subsearches (nested, too), join/append/multisearch ones included. */
    subsearches: number;
}

/** The modifiers reported as data sources, by lower-cased field name. */
const SOURCE_FIELDS = ["index", "sourcetype", "source", "eventtype", "host"] as const;
type SourceField = (typeof SOURCE_FIELDS)[number];

/** Context of a command in the walk (the analyzer's). */
export interface CommandContext {
    /** Top-level stage index. */
    stage: number;
    /** Inside a subsearch or nested pipeline. */
    subsearch: boolean;
}

/** Accumulates data sources while the analyzer walks every pipeline. */
export class DataSourceCollector {
    /** What was collected so far. */
    readonly result: DataSources = {
        index: [],
        sourcetype: [],
        source: [],
        eventtype: [],
        host: [],
        datamodels: [],
        lookups: { read: [], written: [] },
        macros: [],
        subsearches: 0,
    };

    /** Records the modifier values among the given indicators. */
    addIndicators(indicators: readonly Indicator[]): void {
        for (const i of indicators) {
            const f = i.field;
            if (!i.modifier || !(SOURCE_FIELDS as readonly string[]).includes(f)) continue;
            // Only the indexed metadata of events: not a field an earlier stage wrote
            // (`eval host=...`, `rename dvc AS host`) nor a column of aggregated results.
            if (i.fieldSource !== "raw" || i.level === "post-aggregation") continue;
            if (i.op !== "=" && i.op !== "!=" && i.op !== "IN") continue;
            for (const v of i.values) {
                const sv: SourceValue = { value: v, op: i.op === "IN" ? "=" : i.op, negated: i.negated, stage: i.stage, subsearch: i.subsearch, span: i.span };
                if (i.origin) sv.origin = i.origin;
                this.result[f as SourceField].push(sv);
            }
        }
    }

    /** Records what one command reads or writes (data models, lookups). */
    addCommand(c: Command, cx: CommandContext): void {
        const base = (): { stage: number; subsearch: boolean; span: Span; origin?: Origin } => ({ stage: cx.stage, subsearch: cx.subsearch, span: c.span, ...(c.origin ? { origin: c.origin } : {}) });
        const dm = (spec: string, command: string, nodename: string | null = null): void => {
            const { datamodel, dataset } = splitDataModel(spec);
            if (datamodel) this.result.datamodels.push({ datamodel, dataset, nodename, command, ...base() });
        };
        const lookup = (name: string, command: string, written: boolean): void => {
            if (name) (written ? this.result.lookups.written : this.result.lookups.read).push({ name, command, ...base() });
        };
        switch (c.kind) {
            case "StatsCommand":
                if (c.datamodel) dm(c.datamodel, c.canonical, c.nodename);
                else if (c.nodename) this.result.datamodels.push({ datamodel: c.nodename.split(".")[0] ?? c.nodename, dataset: null, nodename: c.nodename, command: c.canonical, ...base() });
                break;
            case "LookupCommand":
                lookup(c.lookup, "lookup", false);
                break;
            case "InputlookupCommand":
                lookup(c.lookup, "inputlookup", false);
                break;
            case "OutputlookupCommand":
                lookup(c.lookup, "outputlookup", true);
                break;
            case "JoinCommand":
                if (c.dataset) this.dataset(c.dataset, "join", dm, lookup);
                break;
            case "MultisearchCommand":
                for (const d of c.datasets) this.dataset(d, c.canonical, dm, lookup);
                break;
            case "OptionsCommand": {
                const pos = wordTexts(c.positionals);
                if (c.canonical === "datamodel" && pos[0]) {
                    // `| datamodel X Y [search]`: model, dataset.
                    this.result.datamodels.push({
                        datamodel: pos[0],
                        dataset: pos[1] && !/^(search|flat|acceleration_search)$/i.test(pos[1]) ? pos[1] : null,
                        nodename: null,
                        command: "datamodel",
                        ...base(),
                    });
                } else if (c.canonical === "from" && pos[0]) {
                    // `| from datamodel:X.Y`, `| from datamodel X.Y`, `| from inputlookup:t`.
                    if (pos.length >= 2 && /^(datamodel|inputlookup|lookup)$/i.test(pos[0])) this.dataset(`${pos[0]}:${pos[1] ?? ""}`, "from", dm, lookup);
                    else this.dataset(pos[0], "from", dm, lookup);
                }
                break;
            }
            case "GenericCommand": {
                // `| pivot <datamodel> <dataset> ...`
                const [model, dataset] = wordTexts(c.args);
                if (c.canonical === "pivot" && model) this.result.datamodels.push({ datamodel: model, dataset: dataset ?? null, nodename: null, command: "pivot", ...base() });
                break;
            }
            default:
                break;
        }
    }

    /** `datamodel:X.Y` / `inputlookup:t` / `lookup:t` dataset references. */
    private dataset(spec: string, command: string, dm: (spec: string, command: string) => void, lookup: (name: string, command: string, written: boolean) => void): void {
        const m = /^(datamodel|inputlookup|lookup|savedsearch)\s*:([\s\S]*)$/i.exec(spec.trim());
        if (!m) return;
        const kind = (m[1] ?? "").toLowerCase();
        // The optional quotes are stripped by hand: `\s*"?[^"]*"?$` backtracks quadratically.
        let name = (m[2] ?? "").trimStart();
        if (name.startsWith('"')) name = name.slice(1);
        if (name.endsWith('"')) name = name.slice(0, -1);
        if (name.includes('"')) return;
        if (kind === "datamodel") dm(name, command);
        else if (kind === "inputlookup" || kind === "lookup") lookup(name, command, false);
    }

    /** Macro calls (unexpanded) and macro origins (expanded), and the subsearch count, over the whole tree. */
    addTree(pipeline: Pipeline): void {
        const calls = new Map<string, MacroReference>();
        const expanded = new Map<string, { use: MacroReference; sites: Set<string> }>();
        let subsearches = 0;
        walkNodes(pipeline, {
            // A foreach template is not a search.
            ForeachCommand: () => SKIP,
            enter: (node) => {
                if (node.kind === "MacroCall") {
                    const key = `${node.name}/${node.args.length}`;
                    const u = calls.get(key);
                    if (u) u.count++;
                    else calls.set(key, { name: node.name, arity: node.args.length, expanded: false, count: 1 });
                }
                // `[...]`, and the bracketed pipelines join, append and multisearch hold.
                if (node.kind === "Subsearch") subsearches++;
                else if (node.kind === "JoinCommand" || node.kind === "AppendCommand") subsearches += node.subsearch ? 1 : 0;
                else if (node.kind === "MultisearchCommand") subsearches += node.subsearches.length;
                const o = "origin" in node ? node.origin : undefined;
                if (o) {
                    const key = `${o.macro}/${o.arity}`;
                    const site = `${node.span.start}:${node.span.end}`;
                    let e = expanded.get(key);
                    if (!e) expanded.set(key, (e = { use: { name: o.macro, arity: o.arity, expanded: true, count: 0 }, sites: new Set() }));
                    e.sites.add(site);
                }
            },
        });
        for (const e of expanded.values()) e.use.count = e.sites.size;
        this.result.macros = [...calls.values(), ...[...expanded.values()].map((e) => e.use)];
        this.result.subsearches = subsearches;
    }
}

/** `Endpoint.Processes` -> model `Endpoint`, dataset `Processes`; `Risk.All_Risk.x` -> `Risk`, `All_Risk.x`. */
export function splitDataModel(spec: string): { datamodel: string; dataset: string | null } {
    const s = spec.trim().replace(/^"|"$/g, "");
    const dot = s.indexOf(".");
    if (dot < 0) return { datamodel: s, dataset: null };
    return { datamodel: s.slice(0, dot), dataset: s.slice(dot + 1) || null };
}

/** The texts of the bare and quoted words among arguments, in order (quotes removed). */
function wordTexts(args: readonly CommandArg[]): string[] {
    const out: string[] = [];
    for (const a of args) {
        if (a.kind === "WordArg") out.push(a.text);
        else if (a.kind === "StringArg") out.push(a.value);
    }
    return out;
}
