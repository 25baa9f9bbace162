// Runs the CLI in-process and captures what it writes.
import { runCli } from "../../src/cli/main.js";

export interface CliRun {
    code: number;
    stdout: string;
    stderr: string;
}

export async function cli(...argv: string[]): Promise<CliRun> {
    let stdout = "";
    let stderr = "";
    const out = process.stdout.write.bind(process.stdout);
    const err = process.stderr.write.bind(process.stderr);
    // As a stream does, the write callback (when given) says the data is out.
    process.stdout.write = ((chunk: string | Uint8Array, encoding?: unknown, callback?: unknown) => {
        stdout += String(chunk);
        const done = typeof encoding === "function" ? encoding : callback;
        if (typeof done === "function") queueMicrotask(() => (done as () => void)());
        return true;
    }) as typeof process.stdout.write;
    process.stderr.write = ((chunk: string | Uint8Array) => {
        stderr += String(chunk);
        return true;
    }) as typeof process.stderr.write;
    try {
        const code = await runCli(argv);
        return { code, stdout, stderr };
    } finally {
        process.stdout.write = out;
        process.stderr.write = err;
    }
}
