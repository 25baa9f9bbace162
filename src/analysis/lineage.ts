/**
 * Field lineage: which fields each pipeline stage reads and writes, what Splunk command type the
 * stage has, and which fields are known to exist after a stage. Analyses use this to tell
 * event-level predicates (before the first transforming command) from filters on aggregated
 * results, and to notice fields used after a stage renamed or dropped them.
 *
 * Everything here is a pure function of the IR; nothing is mutated. Wildcard names stay
 * patterns (`process_*`); `*` matches any sequence of characters, as in SPL field lists.
 */
import type { Command, Pipeline } from "../ir/nodes.js";
import { commandInfo, type CommandType } from "../commands/catalog.js";
import type { LineageEntry, LineageTable, Nested } from "./lineage/entry.js";
import { UNKNOWN, type FieldSet } from "./lineage/sets.js";
import { COMBINE_LINEAGE } from "./lineage/combine.js";
import { FIELDS_LINEAGE } from "./lineage/fields.js";
import { LOOKUP_LINEAGE } from "./lineage/lookup.js";
import { MISC_LINEAGE } from "./lineage/misc.js";
import { ORDER_LINEAGE } from "./lineage/order.js";
import { PIPELINE_LINEAGE } from "./lineage/pipeline.js";
import { REX_LINEAGE } from "./lineage/rex.js";
import { SHAPE_LINEAGE } from "./lineage/shape.js";
import { STATS_LINEAGE } from "./lineage/stats.js";

export { fieldStatus, type FieldSet, type FieldStatus } from "./lineage/sets.js";

/** What one stage does with fields. */
export interface StageLineage {
    /** Position of the stage in its pipeline. */
    index: number;
    /** The stage's IR kind (`StatsCommand`, `MacroCall`, ...). */
    kind: Command["kind"];
    /** The canonical command name; for a macro stage, the macro's name in backticks. */
    command: string;
    /** Fields the stage reads, in order of first use, without duplicates (wildcard patterns kept). */
    reads: string[];
    /**
     * Fields the stage creates or overwrites (wildcard patterns kept; `*` when it may write any
     * field, e.g. `spath` without a path or `fillnull` without a field list).
     */
    writes: string[];
    /**
     * Splunk's command type for this stage, chosen by its arguments where Splunk's type depends on
     * them (reference §5); null for a macro stage or a command the catalog does not know.
     */
    type: CommandType | null;
    /** The rows after this stage are no longer the events that came in (stats, chart, top, table, tstats, ...). */
    transforming: boolean;
}

/**
 * The lineage of every command kind, joined from the family files of ./lineage/ (named like
 * the lowering's): a kind without an entry does not compile.
 */
const LINEAGE: LineageTable = { ...PIPELINE_LINEAGE, ...STATS_LINEAGE, ...FIELDS_LINEAGE, ...REX_LINEAGE, ...LOOKUP_LINEAGE, ...COMBINE_LINEAGE, ...ORDER_LINEAGE, ...SHAPE_LINEAGE, ...MISC_LINEAGE };

/** The entry of a command's kind. */
function entryOf(command: Command): LineageEntry<Command> {
    return LINEAGE[command.kind] as LineageEntry<Command>;
}

// ---------------------------------------------------------------------------------------------
// Command types

const AGGREGATING = new Set(["stats", "chart", "timechart", "tstats", "mstats", "sistats", "sichart", "sitimechart", "geostats", "top", "rare", "sitop", "sirare"]);

/**
 * Splunk's command type of `command` standing at `index` of its pipeline. Where Splunk's type
 * depends on arguments (reference §5) the arguments decide: `search` is generating first and
 * streaming later; `bin` is streaming with `span=` and dataset processing without; `fillnull`
 * streaming with a field list; `dedup` dataset processing with `sortby` or `keepevents`;
 * `lookup local=true` orchestrating; `join` centralized streaming with a field list;
 * `addtotals col=true` and `xyseries grouped=true` transforming; `datamodel`/`from` generating
 * first. `append` counts as dataset processing: it adds rows but does not transform the input
 * rows (Splunk lists it as both). `inputlookup append=true` later in a pipeline is dataset
 * processing (UNVERIFIED). Null for macro stages and commands the catalog does not know.
 */
export function commandType(command: Command, index: number): CommandType | null {
    if (command.kind === "MacroCall") return null;
    const name = command.canonical;
    const info = commandInfo(name);
    if (!info) return null;
    // Where the arguments decide, the kind's entry says.
    const type = entryOf(command).type?.(command, index);
    return type ?? info.types[0] ?? null;
}

/**
 * True when the rows after this command are no longer the events that came in: Splunk's
 * transforming commands (stats, chart, timechart, top, rare, table, ...) and the report-generating
 * tstats/mstats. A `search`/`where` before the first such stage filters events; one after it
 * filters results (`| where count > 5`), and a raw-text term there matches nothing.
 */
export function isTransforming(command: Command): boolean {
    if (command.kind === "StatsCommand" && (command.canonical === "tstats" || command.canonical === "mstats")) return true;
    return commandType(command, 1) === "transforming";
}

/**
 * True for the commands that aggregate rows into groups (the stats family except eventstats and
 * streamstats, top, rare): a narrower test than `isTransforming`, which also counts `table`.
 */
export function isAggregating(command: Command): boolean {
    return command.kind !== "MacroCall" && AGGREGATING.has(command.canonical);
}

/** Index of the first transforming stage of a pipeline (see {@link StageLineage.transforming}), or -1. */
export function firstTransformingStage(pipeline: Pipeline): number {
    return pipeline.commands.findIndex((c) => isTransforming(c));
}

// ---------------------------------------------------------------------------------------------
// Reads and writes of one stage

/** The reads, writes and type of one stage standing at `index` of its pipeline. */
export function stageFields(command: Command, index: number): StageLineage {
    const io = { reads: [] as string[], writes: [] as string[] };
    entryOf(command).fields(command, io, NESTED);
    const command_ = command.kind === "MacroCall" ? `\`${command.name}\`` : command.canonical;
    return { index, kind: command.kind, command: command_, reads: io.reads, writes: io.writes, type: commandType(command, index), transforming: isTransforming(command) };
}

/** The lineage of every stage of a pipeline (nested pipelines are not descended into). */
export function lineage(pipeline: Pipeline): StageLineage[] {
    return pipeline.commands.map((c, i) => stageFields(c, i));
}

// ---------------------------------------------------------------------------------------------
// Field sets

/** The fields after one stage, given the fields before it and the stage's position. */
function step(prev: FieldSet, c: Command, index: number): FieldSet {
    return entryOf(c).after(prev, c, index, NESTED);
}

/** Applies `commands[0..last]`; `offset` shifts the positions (1: the pipeline continues another one). */
function flow(commands: readonly Command[], start: FieldSet, last: number, offset = 0): FieldSet {
    let s = start;
    for (let i = 0; i <= last && i < commands.length; i++) {
        const c = commands[i];
        if (c) s = step(s, c, i + offset);
    }
    return s;
}

/**
 * What is known about the fields after stage `stageIndex` of `pipeline` (the stages 0 to
 * `stageIndex` applied in order). An index past the end gives the fields after the last stage;
 * a negative index gives the empty, exact set (no results yet). A pipeline that does not start
 * with a generating command starts from an unknown set.
 */
export function fieldsAfter(pipeline: Pipeline, stageIndex: number): FieldSet {
    if (stageIndex < 0) return { exact: true, fields: [], patterns: [], removed: [] };
    const s = flow(pipeline.commands, UNKNOWN, stageIndex);
    return { exact: s.exact, fields: [...s.fields], patterns: [...s.patterns], removed: [...s.removed] };
}

/** `fieldsAfter(pipeline, i)` for every stage `i`, in one pass (not one pass per stage). */
export function fieldsAfterEach(pipeline: Pipeline): FieldSet[] {
    const out: FieldSet[] = [];
    let s = UNKNOWN;
    pipeline.commands.forEach((c, i) => {
        s = step(s, c, i);
        out.push(s);
    });
    return out;
}

/**
 * The lineage of each pipeline, computed once and shared by the analyses of one search (the
 * analyzer's walk, the semantic warnings): each stage's reads and writes, and the fields after
 * each stage, each made when first asked for. Keyed by the pipeline object; the tree must not
 * change meanwhile.
 */
export class LineageCache {
    private readonly stageLists = new WeakMap<Pipeline, StageLineage[]>();
    private readonly afterLists = new WeakMap<Pipeline, FieldSet[]>();

    /** {@link lineage} of the pipeline. */
    stages(pipeline: Pipeline): StageLineage[] {
        let hit = this.stageLists.get(pipeline);
        if (!hit) this.stageLists.set(pipeline, (hit = lineage(pipeline)));
        return hit;
    }

    /** {@link fieldsAfterEach} of the pipeline. */
    after(pipeline: Pipeline): FieldSet[] {
        let hit = this.afterLists.get(pipeline);
        if (!hit) this.afterLists.set(pipeline, (hit = fieldsAfterEach(pipeline)));
        return hit;
    }
}

/** What the entries of nested pipelines (join, append, multisearch) call back. */
const NESTED: Nested = { flow, fieldsAfter };
