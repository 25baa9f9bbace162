/**
 * The corpus-level indicator index: which rules share which indicators. Keys are the stable
 * normalised forms of {@link indicatorKeys} (`EventCode=4771`, `TargetUserName!=*$`,
 * `NOT user=admin`; an `IN` list counts as one `field=value` key per value). Counts are numbers
 * of distinct rules, not of occurrences: a rule that repeats `EventCode=4688` counts once.
 */
import type { Analysis } from "./analyze.js";
import { indicatorKeys, type Indicator, type IndicatorOp, type Level } from "./indicators.js";

/** One key of the index with the rules that have it. */
export interface IndicatorEntry {
    /** The normalised key (`EventCode=4771`). */
    key: string;
    /** The field. */
    field: string;
    /** The operator (`=` for a key that came from an `IN` list). */
    op: IndicatorOp;
    /** The normalised value (empty for isnull/isnotnull). */
    value: string;
    /** Whether the key is a negated predicate (`NOT ...`). */
    negated: boolean;
    /** Number of distinct rules with this key. */
    count: number;
    /** The rule ids, in the order they were added. */
    rules: string[];
}

/** Which indicators {@link IndicatorIndex.add} counts. All default to "everything". */
export interface IndicatorIndexOptions {
    /** Only these levels (e.g. `["event"]` to leave out `| where count > 5`). */
    levels?: Level[];
    /** Count predicates on fields computed by an earlier stage (default true). */
    includeComputed?: boolean;
    /** Count predicates found in subsearches (default true). */
    includeSubsearches?: boolean;
}

/** A JSON-serialisable snapshot of an index ({@link IndicatorIndex.toJSON}). */
export interface IndicatorIndexSnapshot {
    /** Snapshot format version. */
    version: 1;
    /** The options the index was built with. */
    options: IndicatorIndexOptions;
    /** Every rule id added, in order (rules without indicators included). */
    rules: string[];
    /** Every key with its rules (the `count` is `rules.length`). */
    entries: Omit<IndicatorEntry, "count">[];
}

interface Slot {
    field: string;
    op: IndicatorOp;
    value: string;
    negated: boolean;
    rules: Set<string>;
}

/** Counts indicators across the rules of a corpus. */
export class IndicatorIndex {
    private readonly slots = new Map<string, Slot>();
    private readonly byRule = new Map<string, string[]>();
    private readonly options: IndicatorIndexOptions;

    /** An empty index; `options` choose which indicators count. */
    constructor(options: IndicatorIndexOptions = {}) {
        this.options = { ...options };
    }

    /** Number of rules added. */
    get size(): number {
        return this.byRule.size;
    }

    /**
     * Adds (or, for an id already present, replaces) the indicators of one rule. Returns the
     * keys counted for it.
     */
    add(ruleId: string, analysis: Pick<Analysis, "indicators">): string[] {
        this.remove(ruleId);
        const keys: string[] = [];
        for (const ind of analysis.indicators ?? []) {
            if (!this.counts(ind)) continue;
            const list = indicatorKeys(ind);
            list.forEach((key, n) => {
                let slot = this.slots.get(key);
                if (!slot) {
                    const isIn = ind.op === "IN";
                    slot = { field: ind.field, op: isIn ? "=" : ind.op, value: (isIn ? ind.normalized[n] : ind.normalized[0]) ?? "", negated: ind.negated, rules: new Set() };
                    this.slots.set(key, slot);
                }
                slot.rules.add(ruleId);
                if (!keys.includes(key)) keys.push(key);
            });
        }
        this.byRule.set(ruleId, keys);
        return keys;
    }

    /** Removes a rule's contributions; true when it was present. */
    remove(ruleId: string): boolean {
        const keys = this.byRule.get(ruleId);
        if (!keys) return false;
        for (const k of keys) {
            const slot = this.slots.get(k);
            if (!slot) continue;
            slot.rules.delete(ruleId);
            if (slot.rules.size === 0) this.slots.delete(k);
        }
        this.byRule.delete(ruleId);
        return true;
    }

    /** Number of rules with this key (0 when unknown). */
    count(key: string): number {
        return this.slots.get(key)?.rules.size ?? 0;
    }

    /** The ids of the rules with this key, in the order they were added. */
    rules(key: string): string[] {
        return [...(this.slots.get(key)?.rules ?? [])];
    }

    /** The keys one rule contributed. */
    keysOf(ruleId: string): string[] {
        return [...(this.byRule.get(ruleId) ?? [])];
    }

    /** Every entry, most shared first; ties in key order (stable across runs). */
    entries(): IndicatorEntry[] {
        const out: IndicatorEntry[] = [];
        for (const [key, s] of this.slots) out.push({ key, field: s.field, op: s.op, value: s.value, negated: s.negated, count: s.rules.size, rules: [...s.rules] });
        return out.sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    }

    /** The `n` most shared keys (see {@link entries}). */
    top(n: number): IndicatorEntry[] {
        return this.entries().slice(0, Math.max(0, Math.floor(n)));
    }

    /** A JSON-serialisable snapshot; {@link IndicatorIndex.fromJSON} restores it. */
    toJSON(): IndicatorIndexSnapshot {
        return {
            version: 1,
            options: { ...this.options },
            rules: [...this.byRule.keys()],
            entries: this.entries().map(({ count: _count, ...e }) => e),
        };
    }

    /** Restores an index from {@link toJSON}'s snapshot (malformed entries are skipped). */
    static fromJSON(snapshot: IndicatorIndexSnapshot): IndicatorIndex {
        const index = new IndicatorIndex(snapshot?.options ?? {});
        for (const r of snapshot?.rules ?? []) index.byRule.set(r, []);
        for (const e of snapshot?.entries ?? []) {
            if (!e || typeof e.key !== "string" || !Array.isArray(e.rules)) continue;
            index.slots.set(e.key, { field: e.field, op: e.op, value: e.value, negated: e.negated, rules: new Set(e.rules) });
            for (const r of e.rules) {
                const keys = index.byRule.get(r) ?? [];
                if (!keys.includes(e.key)) keys.push(e.key);
                index.byRule.set(r, keys);
            }
        }
        return index;
    }

    private counts(ind: Indicator): boolean {
        const o = this.options;
        if (o.levels && !o.levels.includes(ind.level)) return false;
        if (o.includeComputed === false && ind.fieldSource === "computed") return false;
        if (o.includeSubsearches === false && ind.subsearch) return false;
        return true;
    }
}
