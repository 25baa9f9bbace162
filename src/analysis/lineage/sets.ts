/**
 * Field sets: what is known to exist after a stage, and the operations the stages of lineage
 * apply to them (add, remove, rename, restrict, union). Wildcard names stay patterns.
 */
import { globCaptures, globMatches } from "../glob.js";

/**
 * What is known about the fields of the results after a stage.
 *
 * `fields` are known to be present (at least on some rows); `patterns` are wildcard patterns of
 * names that may be present; `removed` are names and patterns known to be absent. With `exact`,
 * nothing outside `fields` and `patterns` exists; without it (after a raw search, an unexpanded
 * macro, a lookup without OUTPUT, ...) other fields may exist too, except the `removed` ones.
 * Entries of `fields` and `patterns` take precedence over a `removed` pattern that also matches.
 */
export interface FieldSet {
    exact: boolean;
    fields: string[];
    patterns: string[];
    removed: string[];
}

/** What {@link fieldStatus} says about one name. */
export type FieldStatus = "present" | "possible" | "absent";

// Membership of the long lists `push` builds, so that a list of 100k names is not quadratic.
// A long list is indexed only after a few scans (most lists get one or two names, and an index
// per copied list would cost more than the scans); it is rebuilt when the list was changed
// behind push's back (its size no longer matches).
const pushed = new WeakMap<string[], Set<string> | number>();

/** Adds `name` to `out` unless it is there already (or empty). */
export function push(out: string[], name: string): void {
    if (name === "") return;
    if (out.length < 64) {
        if (!out.includes(name)) out.push(name);
        return;
    }
    const entry = pushed.get(out);
    let seen: Set<string>;
    if (entry instanceof Set && entry.size === out.length) seen = entry;
    else {
        const scans = typeof entry === "number" ? entry : 0;
        if (scans < 8) {
            pushed.set(out, scans + 1);
            if (!out.includes(name)) out.push(name);
            return;
        }
        seen = new Set(out);
        pushed.set(out, seen);
    }
    if (seen.has(name)) return;
    seen.add(name);
    out.push(name);
}

/** {@link push} for every name, in order; returns `out`. */
export function pushAll(out: string[], names: readonly string[]): string[] {
    for (const n of names) push(out, n);
    return out;
}

/** Nothing is known: any field may exist. */
export const UNKNOWN: FieldSet = Object.freeze({ exact: false, fields: [], patterns: [], removed: [] }) as FieldSet;

/** The name is a wildcard pattern. */
export function hasWildcard(name: string): boolean {
    return name.includes("*");
}

/** Whether `name` matches the wildcard `pattern` (a pattern given as `name` is matched as text). */
export function matches(pattern: string, name: string): boolean {
    return hasWildcard(pattern) ? globMatches(pattern, name) : pattern === name;
}

/** Maps `name` through a wildcard pair (`Processes.*` -> `*`), or null when it does not match. */
export function mapWildcard(from: string, to: string, name: string): string | null {
    const m = globCaptures(from, name);
    if (!m) return null;
    let k = 0;
    return to.replace(/\*/g, () => m[k++] ?? "*");
}

/** Whether a field may exist in a set: `present`, `possible` (pattern or inexact set), `absent`. */
export function fieldStatus(set: FieldSet, name: string): FieldStatus {
    if (set.fields.includes(name)) return "present";
    if (set.patterns.some((p) => matches(p, name))) return "possible";
    if (set.removed.some((r) => matches(r, name))) return "absent";
    return set.exact ? "absent" : "possible";
}

/** A field set being changed by one stage (copies of the lists of the set it starts from). */
export class Builder {
    exact: boolean;
    fields: string[];
    patterns: string[];
    removed: string[];

    constructor(s: FieldSet) {
        this.exact = s.exact;
        this.fields = [...s.fields];
        this.patterns = [...s.patterns];
        this.removed = [...s.removed];
    }

    add(name: string): void {
        if (name === "") return;
        if (hasWildcard(name)) {
            if (name === "*" && !this.exact) return;
            push(this.patterns, name);
        } else push(this.fields, name);
        if (this.removed.includes(name)) this.removed = this.removed.filter((r) => r !== name);
    }

    addAll(list: readonly string[]): this {
        for (const n of list) this.add(n);
        return this;
    }

    /** Drops names (and patterns) matching `name`; records it as removed. */
    remove(name: string): void {
        this.fields = this.fields.filter((f) => !matches(name, f));
        this.patterns = this.patterns.filter((p) => !(hasWildcard(name) ? globMatches(name, p) : p === name));
        if (!this.removed.includes(name)) this.removed.push(name);
    }

    /** Unknown fields may now exist; nothing is known to be absent any more. */
    unknown(): this {
        this.exact = false;
        this.removed = [];
        return this;
    }

    build(): FieldSet {
        return { exact: this.exact, fields: this.fields, patterns: this.patterns, removed: this.removed };
    }
}

/** `rename from AS to` applied to a set. */
export function rename(b: Builder, from: string, to: string): void {
    if (from === to) return;
    if (!hasWildcard(from)) {
        // Renaming a field that does not exist does nothing (and leaves `to` alone).
        if (fieldStatus(b.build(), from) === "absent") return;
        const at = b.fields.indexOf(from);
        b.fields = b.fields.filter((f) => f !== to);
        if (at >= 0) b.fields = b.fields.map((f) => (f === from ? to : f));
        b.remove(from);
        b.add(to);
        return;
    }
    // Wildcard rename: every matching name and pattern is mapped in place (column order kept);
    // a renamed field replaces an existing field of the same name.
    const mappedFields = b.fields.map((f) => ({ name: mapWildcard(from, to, f) ?? f, renamed: matches(from, f) }));
    const targets = new Set(mappedFields.filter((f) => f.renamed).map((f) => f.name));
    const fields: string[] = [];
    for (const f of mappedFields) {
        if (!f.renamed && targets.has(f.name)) continue;
        if (!fields.includes(f.name)) fields.push(f.name);
    }
    const patterns: string[] = [];
    for (const p of b.patterns) {
        const m = mapWildcard(from, to, p) ?? p;
        if (!patterns.includes(m)) patterns.push(m);
    }
    b.fields = fields;
    b.patterns = patterns;
    b.removed = b.removed.filter((r) => !targets.has(r));
    if (!b.removed.includes(from)) b.removed.push(from);
    // Unknown fields may match `from` too; their new names are only known as a pattern.
    if (!b.exact) b.add(to);
}

/** `table`/`fields` keeping only `list` (plus the `_*` internal fields for `fields`). */
export function restrict(prev: FieldSet, list: readonly string[], keepInternal: boolean): FieldSet {
    const b = new Builder({ exact: true, fields: [], patterns: [], removed: [] });
    const wanted = keepInternal ? [...list, "_*"] : list;
    for (const l of wanted) {
        if (!hasWildcard(l)) {
            if (fieldStatus(prev, l) !== "absent") b.add(l);
            continue;
        }
        for (const f of prev.fields) if (matches(l, f)) b.add(f);
        for (const p of prev.patterns) if (matches(l, p)) b.add(p);
        // A listed pattern may match fields the previous set only knows as patterns or not at all.
        if (!prev.exact || prev.patterns.length > 0) {
            if (!(keepInternal && l === "_*" && prev.exact)) b.add(l);
        }
    }
    return b.build();
}

/** Rows of either set (append) or columns of both (join): the union, exact when both are. */
export function union(a: FieldSet, b: FieldSet): FieldSet {
    const out = new Builder({ exact: a.exact && b.exact, fields: [], patterns: [], removed: [] });
    out.addAll([...a.fields, ...a.patterns, ...b.fields, ...b.patterns]);
    for (const r of a.removed) if (fieldStatus(b, r) === "absent" && !out.removed.includes(r)) out.removed.push(r);
    for (const r of b.removed) if (fieldStatus(a, r) === "absent" && !out.removed.includes(r)) out.removed.push(r);
    return out.build();
}
