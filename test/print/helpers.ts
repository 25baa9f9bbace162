// Helpers of the print/format/visit tests: the round-trip law and a deep-freeze for
// immutability checks.
import { parse } from "../../src/index.js";
import type { Pipeline } from "../../src/index.js";
import { print } from "../../src/print/index.js";
import { firstDifference } from "../../src/print/equal.js";

/** What one round trip did. */
export interface RoundTrip {
    printed: string;
    /** Path of the first difference between the two IRs (spans, origins, literal `raw` ignored), or null. */
    diff: string | null;
    /** The re-parse had error diagnostics. */
    errors: boolean;
}

/** `parse(print(parse(x).pipeline))` against `parse(x).pipeline`. */
export function roundTrip(text: string): RoundTrip {
    const a = parse(text).pipeline;
    return roundTripTree(a);
}

/** Prints a tree and parses it back, comparing with the tree. */
export function roundTripTree(tree: Pipeline): RoundTrip {
    const printed = print(tree);
    const b = parse(printed);
    return { printed, diff: firstDifference(tree, b.pipeline), errors: b.diagnostics.some((d) => d.severity === "error") };
}

/** Freezes an object graph so that any mutation throws (in strict-mode code). */
export function deepFreeze<T>(x: T): T {
    if (typeof x === "object" && x !== null && !Object.isFrozen(x)) {
        Object.freeze(x);
        for (const v of Object.values(x)) deepFreeze(v);
    }
    return x;
}
