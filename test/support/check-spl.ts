/**
 * `checkSpl(text)`: the laws every parse must keep, as a list of broken ones (empty: all hold).
 * The fuzz engine's laws (no throw, plain-JSON IR, spans nested and in range, print round trip,
 * format idempotent and meaning-preserving, time bound), plus three of the IR's shape:
 * - identity transform: `transform(ir, () => undefined)` returns the very same tree;
 * - JSON round trip: `JSON.parse(JSON.stringify(ir))` is deep-equal to the IR;
 * - no shared objects: no object is reachable twice (each node stores its meaning once).
 */
import { expect } from "vitest";
import { parse, transform, type Pipeline } from "../../src/index.js";
import { check } from "../fuzz/engine.js";

/** An object reachable twice from `root`, as a path, or null. */
export function sharedObject(root: unknown): string | null {
    const seen = new Set<object>();
    const todo: { x: unknown; path: string }[] = [{ x: root, path: "$" }];
    while (todo.length > 0) {
        const { x, path } = todo.pop() as { x: unknown; path: string };
        if (typeof x !== "object" || x === null) continue;
        if (seen.has(x)) return path;
        seen.add(x);
        for (const [k, v] of Object.entries(x)) todo.push({ x: v, path: `${path}.${k}` });
    }
    return null;
}

/** The laws `text` breaks, each as `law: message`. */
export function splLawProblems(text: string): string[] {
    const out: string[] = [];
    const f = check(text, 4);
    if (f) out.push(`${f.law}: ${f.message}`);
    const pipeline: Pipeline = parse(text).pipeline;
    if (transform(pipeline, () => undefined) !== pipeline) out.push("identity-transform: transform with no change returned a new tree");
    if (JSON.stringify(JSON.parse(JSON.stringify(pipeline))) !== JSON.stringify(pipeline)) out.push("json: the IR does not survive JSON");
    const shared = sharedObject(pipeline);
    if (shared) out.push(`shared-object: ${shared} is reachable twice`);
    return out;
}

/** Asserts every law on `text` (a vitest expectation, with the text in the message). */
export function checkSpl(text: string): void {
    expect(splLawProblems(text), text).toEqual([]);
}
