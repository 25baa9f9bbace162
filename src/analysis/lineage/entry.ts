/**
 * The shape of the lineage table (one entry per command kind, each family file of this folder
 * holding its kinds' entries; `../lineage.ts` joins them) and the readers the entries share.
 */
import type { Command, FieldRef, MacroCall, Pipeline } from "../../ir/nodes.js";
import type { CommandType } from "../../commands/catalog.js";
import { optionsOf } from "../../ir/options.js";
import type { FieldSet } from "./sets.js";

/** The lists one stage's entry fills: fields read and fields written, in order of first use. */
export interface ReadsWrites {
    reads: string[];
    writes: string[];
}

/** Lineage of nested pipelines, for the entries whose command holds pipelines of its own. */
export interface Nested {
    /** Applies `commands[0..last]` to `start`; `offset` shifts the positions (1: the pipeline continues another one). */
    flow(commands: readonly Command[], start: FieldSet, last: number, offset?: number): FieldSet;
    /** `fieldsAfter` of ../lineage.ts. */
    fieldsAfter(pipeline: Pipeline, stageIndex: number): FieldSet;
}

/** What lineage knows about one kind of command. */
export interface LineageEntry<C extends Command> {
    /** Pushes the fields the stage reads and writes onto `io` (wildcard patterns kept). */
    fields(c: C, io: ReadsWrites, nested: Nested): void;
    /** The fields after the stage standing at `index`, given the fields before it. */
    after(prev: FieldSet, c: C, index: number, nested: Nested): FieldSet;
    /** Splunk's command type where the arguments decide it (reference §5); absent or undefined: the catalog's first type. */
    type?(c: C, index: number): CommandType | undefined;
}

/** The lineage of every command kind: a kind without an entry does not compile. */
export type LineageTable = { readonly [K in Command["kind"]]: LineageEntry<Extract<Command, { kind: K }>> };

/** The last value of option `name` of a command, or null. */
export function optionOf(command: Command, name: string): string | null {
    const options = command.kind === "GenericCommand" ? optionsOf(command) : "options" in command ? command.options : [];
    let value: string | null = null;
    for (const o of options) if (o.name.toLowerCase() === name) value = o.value;
    return value;
}

/** Splunk's boolean option values for true. */
export function isTrue(v: string | null): boolean {
    return v !== null && /^(t|true|1|yes|y)$/i.test(v);
}

/** The names of a field list; macros standing among the fields (stats' BY) name no field here. */
export const names = (refs: readonly (FieldRef | MacroCall)[]): string[] => {
    const out: string[] = [];
    for (const r of refs) if (r.kind === "FieldRef") out.push(r.name);
    return out;
};
