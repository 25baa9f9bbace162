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
    process.stdout.write = ((chunk: string | Uint8Array) => {
        stdout += String(chunk);
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
