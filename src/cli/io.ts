/** Node-side helpers of the CLI: reading inputs and printing diagnostics. */
import { readFileSync } from "node:fs";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { formatDiagnostic, createLineIndex, type Diagnostic } from "../index.js";
import { paintDiagnostic, useColor } from "./color.js";

/**
 * Exit codes: 0 ok, 1 diagnostics at the fail level, 2 usage or unreadable input, 3 internal
 * error (a bug), 4 output cannot be written (read-only file, full disk, closed standard output).
 */
export const EXIT = { ok: 0, diagnostics: 1, usage: 2, internal: 3, output: 4 } as const;

/** Thrown for usage errors and unreadable input; main() turns it into exit code 2. */
export class UsageError extends Error {}

/** Thrown when output cannot be written; main() turns it into exit code 4. */
export class OutputError extends Error {}

/**
 * Standard output failing (EPIPE when the reader closed it, as `| head` does; ENOSPC on a full
 * disk) ends the run with one line on stderr and exit code 4, not an unhandled error event.
 */
export function guardStdout(): void {
    process.stdout.on("error", (e: NodeJS.ErrnoException) => {
        if (e.code !== "EPIPE") process.stderr.write(`splc: cannot write standard output: ${e.code ?? e.message}\n`);
        process.exit(EXIT.output);
    });
}

/** A command's arguments read with `parseArgs` (positionals allowed); a mistake is a usage error. */
export function parseCommandArgs<const O extends NonNullable<ParseArgsConfig["options"]>>(args: string[], options: O) {
    try {
        return parseArgs({ args, allowPositionals: true, options });
    } catch (e) {
        throw new UsageError((e as Error).message);
    }
}

/** Reads a file, or standard input for `-`. */
export function readInput(path: string): string {
    try {
        return readFileSync(path === "-" ? 0 : path, "utf8");
    } catch (e) {
        throw new UsageError(`cannot read ${path === "-" ? "standard input" : path}: ${(e as Error).message}`);
    }
}

/** Writes diagnostics as `file:line:col code severity: message` (plus a code frame when asked). */
export function printDiagnostics(diagnostics: readonly Diagnostic[], text: string, filename: string, codeFrame: boolean): void {
    const lineIndex = createLineIndex(text);
    const color = useColor(process.stderr);
    for (const d of diagnostics) process.stderr.write(`${paintDiagnostic(color, formatDiagnostic(d, text, { filename, codeFrame, lineIndex }))}\n`);
}

/**
 * Writes the pieces to standard output in blocks of about a megabyte. Each piece is encoded
 * (or, already UTF-8, copied) straight into the block (joining hundreds of thousands of small
 * strings first and encoding the result costs several times more), and the block is reused
 * once the stream has taken it (its write callback), so the output costs one megabyte of
 * memory, not one per block.
 */
export async function writeChunks(chunks: Iterable<string | Uint8Array>): Promise<void> {
    const size = 1 << 20;
    const block = Buffer.allocUnsafe(size);
    let used = 0;
    // A write error ends the process (guardStdout): the callback only says the data is out.
    const flush = (data: Uint8Array | string): Promise<void> => new Promise<void>((done) => process.stdout.write(data, () => done()));
    for (const c of chunks) {
        // A UTF-16 code unit takes at most three bytes in UTF-8.
        const most = typeof c === "string" ? c.length * 3 : c.length;
        if (used + most > size) {
            if (used > 0) await flush(block.subarray(0, used));
            used = 0;
            if (most > size) {
                await flush(c);
                continue;
            }
        }
        if (typeof c === "string") used += block.write(c, used);
        else {
            block.set(c, used);
            used += c.length;
        }
    }
    if (used > 0) await flush(block.subarray(0, used));
}
