/**
 * `--format sarif`: one SARIF 2.1.0 log with one run. The tool's rules are the whole diagnostics
 * catalogue (so a result's `ruleIndex` is stable across runs), each result has a region inside
 * the rule file (1-based lines, columns in UTF-16 code units as `columnKind` says).
 */
import { relative, sep } from "node:path";
import { DIAGNOSTIC_CODES, type Severity } from "../index.js";
import type { LocatedDiagnostic } from "./located.js";
import type { PackageInfo } from "./version.js";

const LEVEL: Record<Severity, "error" | "warning" | "note"> = { error: "error", warning: "warning", info: "note" };

/** The SARIF log as a JSON value. */
export function sarifLog(diagnostics: readonly LocatedDiagnostic[], tool: PackageInfo): object {
    const codes = Object.keys(DIAGNOSTIC_CODES) as (keyof typeof DIAGNOSTIC_CODES)[];
    const rules = codes.map((code) => ({
        id: code,
        shortDescription: { text: DIAGNOSTIC_CODES[code].summary },
        // The README's diagnostic-code table explains every code.
        ...(tool.homepage ? { helpUri: `${tool.homepage}#diagnostic-codes` } : {}),
        defaultConfiguration: { level: LEVEL[DIAGNOSTIC_CODES[code].severity] },
    }));
    const results = diagnostics.map((d) => {
        const index = codes.indexOf(d.code as keyof typeof DIAGNOSTIC_CODES);
        return {
            ruleId: d.code,
            ...(index >= 0 ? { ruleIndex: index } : {}),
            level: LEVEL[d.severity],
            message: { text: d.message },
            locations: [
                {
                    physicalLocation: {
                        artifactLocation: { uri: fileUri(d.file) },
                        region: { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn },
                    },
                },
            ],
        };
    });
    return {
        $schema: "https://json.schemastore.org/sarif-2.1.0.json",
        version: "2.1.0",
        runs: [
            {
                tool: { driver: { name: "splc", version: tool.version, ...(tool.homepage ? { informationUri: tool.homepage } : {}), rules } },
                columnKind: "utf16CodeUnits",
                results,
            },
        ],
    };
}

/** A relative URI reference for a file (as code scanning expects, relative to the checkout). */
function fileUri(file: string): string {
    if (file === "<stdin>") return "stdin";
    const rel = relative(process.cwd(), file).split(sep).join("/");
    return encodeURI(rel.startsWith("..") ? file.split(sep).join("/") : rel).replace(/[?#]/g, encodeURIComponent);
}
