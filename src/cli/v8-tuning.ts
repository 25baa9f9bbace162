/**
 * V8 tuning for the `splc` process (never for the library: a host's flags are its own).
 *
 * A command-line run is mostly one cold pass over a batch of rules, and on Node 20 V8 starts
 * optimising hot functions after about 66 KB of their bytecode has run. For splc that is too
 * early: the optimised code of the parser and the lowering is compiled from thin type feedback,
 * much of it is thrown away again, and on a 2-core machine the compiler threads take the CPU the
 * pass needs. Waiting about nine times as long made `splc analyze` of the 1,824-search corpus
 * about 1.3x faster end to end on a busy machine; on a quiet one it mostly saves CPU time
 * (README, "Performance"). Warm throughput is the same once the functions are optimised. A
 * budget given on the command line or in NODE_OPTIONS wins.
 */
import { setFlagsFromString } from "node:v8";

/** Bytecode (in bytes) a function runs before V8 considers optimising it. */
export const CLI_INTERRUPT_BUDGET = 600_000;

/** Applies {@link CLI_INTERRUPT_BUDGET} unless the user set a budget of their own. */
export function tuneV8ForBatch(): void {
    const given = [...process.execArgv, process.env["NODE_OPTIONS"] ?? ""].some((a) => a.includes("interrupt-budget"));
    if (!given) setFlagsFromString(`--interrupt-budget=${CLI_INTERRUPT_BUDGET}`);
}
