/**
 * The fields earlier stages of a pipeline wrote, as each stage sees them: an indicator on such a
 * field is `computed`, not `raw` (see `Indicator.fieldSource`).
 */
import { globMatches } from "./glob.js";

/** Whether a field was written by an earlier stage, as seen from one stage. */
export interface ComputedView {
    has(field: string): boolean;
}

/**
 * The fields written so far in one pipeline, in order. It only grows, so the view of a stage is
 * the first `count` names: stages share one table instead of copying the list each (quadratic
 * over thousands of stages).
 */
export class ComputedFields {
    private readonly order = new Map<string, number>();
    private readonly patterns: { name: string; at: number }[] = [];
    private readonly list: string[] = [];

    constructor(initial: readonly string[] = []) {
        for (const n of initial) this.add(n);
    }

    add(name: string): void {
        if (this.order.has(name)) return;
        this.order.set(name, this.list.length);
        if (name.includes("*")) this.patterns.push({ name, at: this.list.length });
        this.list.push(name);
    }

    /** The names so far (a copy). */
    names(): string[] {
        return [...this.list];
    }

    /** What the fields written so far look like from now on, unaffected by later additions. */
    view(): ComputedView {
        const count = this.list.length;
        return {
            has: (field) => {
                const at = this.order.get(field);
                if (at !== undefined && at < count) return true;
                for (const p of this.patterns) if (p.at < count && globMatches(p.name, field)) return true;
                return false;
            },
        };
    }
}
