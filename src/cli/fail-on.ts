/** `--fail-on error|warning|none`: which diagnostics make `analyze` and `parse` exit 1. */
import type { Diagnostic } from "../index.js";
import { UsageError } from "./io.js";

/** The level at which a run fails; `none` never fails on diagnostics. */
export type FailOn = "error" | "warning" | "none";

/** Reads the option; the default, like ESLint's and ruff's, fails on errors. */
export function failOnOption(value: string | undefined): FailOn {
    const v = value ?? "error";
    if (v !== "error" && v !== "warning" && v !== "none") throw new UsageError(`--fail-on must be error, warning or none, not '${v}'`);
    return v;
}

/** Whether these diagnostics reach the fail level. */
export function fails(failOn: FailOn, diagnostics: Iterable<Pick<Diagnostic, "severity">>): boolean {
    if (failOn === "none") return false;
    for (const d of diagnostics) if (d.severity === "error" || (failOn === "warning" && d.severity === "warning")) return true;
    return false;
}
