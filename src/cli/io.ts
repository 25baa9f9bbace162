/** Node-side helpers of the CLI: reading inputs and printing diagnostics. */
import { readFileSync } from "node:fs";
import { formatDiagnostic, createLineIndex, type Diagnostic } from "../index.js";
import { paintDiagnostic, useColor } from "./color.js";

/** Exit codes: 0 ok, 1 diagnostics at the fail level, 2 usage or unreadable input. */
export const EXIT = { ok: 0, diagnostics: 1, usage: 2 } as const;

/** Thrown for usage errors and unreadable input; main() turns it into exit code 2. */
export class UsageError extends Error {}

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
