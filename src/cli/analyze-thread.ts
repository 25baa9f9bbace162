/**
 * `splc analyze --threads 2`: the analysis of each rule (analyze(), suppressions, severities,
 * diagnostics placed in the file, the JSON line) in one worker thread while the main thread
 * loads, parses and expands the next rules. The split is by phase, not by rule, so that each
 * thread warms up only its own code: in a cold run most time goes to code V8 has not optimised
 * yet, and two threads splitting the rules would both pay for warming up the whole pipeline.
 * The parse results cross by structured clone (the IR is plain data); the reports come back in
 * order.
 */
import { availableParallelism, cpus } from "node:os";
import { performance } from "node:perf_hooks";
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";
import type { AnalyzeOptions, ParseResult } from "../index.js";
import { reviveRule, type RuleSource } from "../rules/index.js";
import { jsonLine, lineIndexes, reportRule, type ReportContext, type RuleReport } from "./analyze-report.js";
import type { EffectiveConfig } from "./config.js";
import type { LocatedDiagnostic } from "./located.js";
import { workerScript } from "./worker-script.js";

const JOB = "splc-analyze-thread";
/** Rules per message: messaging costs little per rule, and the thread is never far behind. */
const BATCH = 16;
/** Below this many rules a second thread costs more than it saves (measured on the corpus: no gain at 300 or 500 rules, 1.1-1.25x from 800 up). */
export const MIN_THREADED_RULES = 600;

/** What the thread needs to know of the run, sent once the inputs are loaded. */
export interface ThreadContext {
    config: EffectiveConfig;
    analyzeOptions: AnalyzeOptions;
    /** Texts of the rule files, for line and column of the diagnostics. */
    texts: Record<string, string>;
    /** jsonl: send back the reports' JSON lines and located diagnostics instead of the reports. */
    lines: boolean;
}

/** A rule without what does not survive a message (`toFileOffset`) or is not needed (`metadata`). */
type RuleData = Omit<RuleSource, "toFileOffset" | "metadata">;

/** The context first, then batches of parsed rules; null: no more. */
type ToThread = { context: ThreadContext } | { rules: RuleData[]; results: ParseResult[] } | null;
/**
 * jsonl lines come back as one batch's UTF-8 bytes, encoded line by line into one buffer that
 * is moved, not copied. Joining a batch's lines into one string first took about 200 ms of the
 * thread's time on the corpus, more than the JSON itself (1.08x wall without it, 12 paired
 * runs); sending the strings cost the thread about 130 ms of copying and the main thread their
 * decoding and encoding.
 */
type FromThread = { reports: RuleReport[] } | { bytes: Uint8Array; diagnostics: LocatedDiagnostic[][] };

/** What the thread made, in rule order: reports, or (for jsonl) the output's UTF-8 bytes in pieces and each rule's diagnostics. */
export type ThreadOutput = { reports: RuleReport[] } | { bytes: Uint8Array[]; diagnostics: LocatedDiagnostic[][] };

/** The main thread's side: hands over parsed rules, collects what comes back. */
export class AnalyzeThread {
    private rules: RuleData[] = [];
    private results: ParseResult[] = [];
    private readonly replies: FromThread[] = [];
    private readonly done: Promise<void>;
    /** Whether the thread sends jsonl lines (begin()'s context says). */
    private lines = false;

    private constructor(private readonly worker: Worker) {
        this.done = new Promise<void>((resolve, reject) => {
            worker.on("message", (m: FromThread) => this.replies.push(m));
            worker.on("error", reject);
            worker.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`the analysis thread exited with code ${code}`))));
        });
        // Until finish() is awaited, a failure is only recorded.
        this.done.catch(() => undefined);
    }

    /**
     * Starts the thread, or returns null where workers cannot run (from source, in tests). It
     * may start before the inputs are read: loading the CLI into a new thread takes 200-300 ms,
     * which then overlaps the reading instead of delaying the first analysis.
     */
    static spawn(): AnalyzeThread | null {
        const script = workerScript();
        if (script === null) return null;
        const worker = new Worker(script, { workerData: JOB });
        // Until begin(), the thread should not keep the process alive (a run that fails on the
        // way also cancels it: a worker still loading its script held the process here).
        worker.unref();
        return new AnalyzeThread(worker);
    }

    /** Gives the thread the run's context; call once, before {@link add}. */
    begin(context: ThreadContext): void {
        this.lines = context.lines;
        this.worker.ref();
        this.worker.postMessage({ context } satisfies ToThread);
    }

    /** Stops a thread that turned out not to be needed. */
    cancel(): void {
        void this.worker.terminate();
    }

    /** Queues one parsed rule. */
    add(rule: RuleSource, result: ParseResult): void {
        const { toFileOffset: _f, metadata: _m, ...data } = rule;
        this.rules.push(data);
        this.results.push(result);
        if (this.rules.length === BATCH) this.flush();
    }

    /** Waits for every report. */
    async finish(): Promise<ThreadOutput> {
        this.flush();
        this.worker.postMessage(null satisfies ToThread);
        await this.done;
        if (!this.lines) return { reports: this.replies.flatMap((r) => ("reports" in r ? r.reports : [])) };
        return { bytes: this.replies.flatMap((r) => ("bytes" in r ? [r.bytes] : [])), diagnostics: this.replies.flatMap((r) => ("diagnostics" in r ? r.diagnostics : [])) };
    }

    private flush(): void {
        if (this.rules.length === 0) return;
        this.worker.postMessage({ rules: this.rules, results: this.results } satisfies ToThread);
        this.rules = [];
        this.results = [];
    }
}

/** In a worker started by {@link AnalyzeThread.spawn}: serves batches until told to stop, and returns true; elsewhere false. */
export function runAnalyzeThreadJob(): boolean {
    if (isMainThread || parentPort === null || workerData !== JOB) return false;
    const port = parentPort;
    let run: { cx: ReportContext; lines: boolean } | null = null;
    port.on("message", (m: ToThread) => {
        if (m === null) {
            port.close();
            return;
        }
        if ("context" in m) {
            run = { cx: { config: m.context.config, analyzeOptions: m.context.analyzeOptions, lineIndex: lineIndexes(m.context.texts) }, lines: m.context.lines };
            return;
        }
        if (run === null) throw new Error("the analysis thread got rules before its context");
        const { cx, lines } = run;
        const reports = m.rules.map((r, k) => reportRule(reviveRule({ ...r, metadata: {} }), m.results[k] as ParseResult, cx));
        if (!lines) {
            port.postMessage({ reports } satisfies FromThread);
            return;
        }
        const bytes = utf8Lines(reports.map(jsonLine));
        port.postMessage({ bytes, diagnostics: reports.map((r) => r.diagnostics) } satisfies FromThread, [bytes.buffer as ArrayBuffer]);
    });
    return true;
}

/** The lines as UTF-8 in a buffer of their own (transferable: not a slice of Buffer's shared pool). */
function utf8Lines(lines: readonly string[]): Uint8Array {
    let most = 0;
    for (const l of lines) most += l.length * 3;
    // Uninitialised: only the bytes written are sent, and pages never written are never touched.
    const out = Buffer.allocUnsafeSlow(most);
    let used = 0;
    for (const l of lines) used += out.write(l, used);
    return new Uint8Array(out.buffer, out.byteOffset, used);
}

/** A snapshot of the machine's CPU time and this process's, to tell later whether a core stood idle meanwhile. */
export interface CpuSnapshot {
    /** Wall clock, ms. */
    wall: number;
    /** Busy time of all processors together, ms (the operating system's counters, in 10 ms ticks). */
    machineBusy: number;
    /** This process's own CPU time, all its threads, ms. */
    own: number;
}

/** The machine's and this process's CPU time now (`machineBusy` is NaN where the system does not tell). */
export function cpuSnapshot(): CpuSnapshot {
    const processors = cpus();
    let busy = processors.length > 0 ? 0 : NaN;
    for (const c of processors) busy += c.times.user + c.times.nice + c.times.sys + c.times.irq;
    const own = process.cpuUsage();
    return { wall: performance.now(), machineBusy: busy, own: (own.user + own.system) / 1000 };
}

/** How many cores other processes may keep busy for `auto` still to start the second thread. */
const OTHERS_LOAD_LIMIT = 0.3;
/** A shorter window than this says too little (the machine's counters tick every 10 ms). */
const MIN_WINDOW_MS = 50;

/**
 * How many threads `--threads auto` uses: 2 when there are enough rules, more than one processor,
 * and other processes kept less than {@link OTHERS_LOAD_LIMIT} of a core busy since `since` (while
 * this process loaded its inputs; its own threads, V8's compiler and collector among them, are
 * not counted against it). On a busy machine the second thread would only take turns with the
 * first and add the cost of passing the parse results over.
 */
export function autoThreads(ruleCount: number, since: CpuSnapshot, now: CpuSnapshot = cpuSnapshot(), processors: number = availableParallelism()): 1 | 2 {
    if (ruleCount < MIN_THREADED_RULES || processors < 2) return 1;
    const window = now.wall - since.wall;
    if (window < MIN_WINDOW_MS) return 1;
    const othersLoad = Math.max(0, now.machineBusy - since.machineBusy - (now.own - since.own)) / window;
    // Unknown (NaN) load reads as busy: the comparison is false.
    return othersLoad < OTHERS_LOAD_LIMIT ? 2 : 1;
}
