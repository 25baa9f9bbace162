/**
 * `splc catalog --jobs N`: the parse-bound part of a catalog build (parse, analysis, formatted
 * display of each rule: {@link prepareRule}) in worker threads. Each worker runs the CLI bundle
 * itself (`bin.ts` hands a worker to {@link runCatalogJob}) and takes rules in batches from a
 * shared queue; the prepared rules come back by structured clone, in order, and the pages are
 * rendered in the main thread exactly as without workers.
 */
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";
import { preparer, type PreparedRule, type PrepareOptions } from "../catalog/index.js";
import { workerScript } from "./worker-script.js";

const JOB = "splc-catalog-job";
/** Rules per message: large enough that messaging costs little, small enough to balance the workers. */
const BATCH = 16;

interface JobData {
    job: typeof JOB;
    options: PrepareOptions;
}

type ToWorker = { start: number; spls: string[] } | null;
interface FromWorker {
    start: number;
    prepared: PreparedRule[];
}

/** Whether worker threads can be used here (the built CLI); from source, {@link prepareRules} uses this thread. */
export function workersAvailable(): boolean {
    return workerScript() !== null;
}

/**
 * Prepares every rule with up to `jobs` worker threads (in this thread when `jobs` is 1, the
 * rules fit in one batch, or workers are not available). `prepared` is in the order of `spls`;
 * `workers` says how many threads were used (0: this one).
 */
export async function prepareRules(spls: readonly string[], options: PrepareOptions, jobs: number): Promise<{ prepared: PreparedRule[]; workers: number }> {
    const script = workerScript();
    const workers = Math.min(jobs, Math.ceil(spls.length / BATCH));
    if (workers <= 1 || script === null) return { prepared: spls.map(preparer(options)), workers: 0 };
    const out: PreparedRule[] = new Array<PreparedRule>(spls.length);
    let next = 0;
    const take = (): ToWorker => {
        if (next >= spls.length) return null;
        const start = next;
        next = Math.min(spls.length, next + BATCH);
        return { start, spls: spls.slice(start, next) };
    };
    const data: JobData = { job: JOB, options };
    await Promise.all(
        Array.from(
            { length: workers },
            () =>
                new Promise<void>((done, fail) => {
                    const w = new Worker(script, { workerData: data });
                    w.on("message", (m: FromWorker) => {
                        m.prepared.forEach((p, k) => (out[m.start + k] = p));
                        w.postMessage(take());
                    });
                    w.on("error", fail);
                    w.on("exit", (code) => (code === 0 ? done() : fail(new Error(`a catalog worker exited with code ${code}`))));
                    w.postMessage(take());
                }),
        ),
    );
    return { prepared: out, workers };
}

/** In a worker started by {@link prepareRules}: serves batches until told to stop, and returns true; elsewhere false. */
export function runCatalogJob(): boolean {
    if (isMainThread || parentPort === null) return false;
    const data = workerData as Partial<JobData> | undefined;
    if (data?.job !== JOB || !data.options) return false;
    const port = parentPort;
    const prepare = preparer(data.options);
    port.on("message", (m: ToWorker) => {
        if (m === null) {
            port.close();
            return;
        }
        const reply: FromWorker = { start: m.start, prepared: m.spls.map(prepare) };
        port.postMessage(reply);
    });
    return true;
}
