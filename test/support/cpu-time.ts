/** Milliseconds of this process's CPU time (user + system) of the fastest of `runs` calls of `fn`: a busy machine slows some runs, rarely all. */
export function fastestCpuMs(fn: () => void, runs: number): number {
    let best = Infinity;
    for (let i = 0; i < runs; i++) {
        const t0 = process.cpuUsage();
        fn();
        const t = process.cpuUsage(t0);
        best = Math.min(best, (t.user + t.system) / 1000);
    }
    return best;
}
