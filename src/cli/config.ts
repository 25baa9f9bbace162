/**
 * `splc.config.json`: project settings for `splc analyze`, found like ESLint's configuration by
 * walking up from the analysed files to the file system root (the nearest file wins).
 *
 *     {
 *       "preset": "security_content",
 *       "severity": { "SPL3005": "off", "SPL4001": "error" },
 *       "macros": ["macros/", "vendor/macros.conf"],
 *       "builtins": true,
 *       "commandMacros": ["my_command_macro"],
 *       "ignore": ["detections/deprecated/**"]
 *     }
 *
 * Paths (`macros`) and patterns (`ignore`) are relative to the config file's directory.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { DIAGNOSTIC_CODES, type Diagnostic, type Severity } from "../index.js";
import { fileDiagnostic } from "../rules/common.js";
import type { RuleDiagnostic } from "../rules/index.js";
import { findUp } from "./find-up.js";
import { compileGlob } from "./glob.js";

/** The config file's name. */
export const CONFIG_FILE = "splc.config.json";

/** Presets: settings for a known repository layout. */
export type Preset = "security_content" | "none";

/** A severity per code, or `off` to drop the code. */
export type SeverityOverride = Severity | "off";

/** The effective settings of a run (config file merged with the command line). */
export interface EffectiveConfig {
    /** The config file read, or null. */
    file: string | null;
    preset: Preset;
    severity: Record<string, SeverityOverride>;
    /** Macro files and directories, as absolute paths. */
    macros: string[];
    builtins: boolean;
    commandMacros: string[];
    /** Ignore patterns, absolute (matched against absolute file paths). */
    ignore: string[];
}

const KEYS = new Set(["$schema", "preset", "severity", "macros", "builtins", "commandMacros", "ignore"]);
const SEVERITIES = new Set(["error", "warning", "info", "off"]);

/** The nearest config file at or above `start` (a file or directory), or null. */
export function findConfig(start: string): string | null {
    const dir = findUp(start, (d) => existsSync(join(d, CONFIG_FILE)));
    return dir === null ? null : join(dir, CONFIG_FILE);
}

/** Reads a config file; problems are SPL6001/SPL6002 diagnostics on it and the bad entries are ignored. */
export function readConfig(file: string): { config: EffectiveConfig; diagnostics: RuleDiagnostic[] } {
    const config = emptyConfig();
    config.file = file;
    const diagnostics: RuleDiagnostic[] = [];
    const text = readFileSync(file, "utf8");
    const whole = { start: 0, end: text.length };
    const bad = (message: string): void => void diagnostics.push(fileDiagnostic(file, "SPL6001", message, whole));
    let data: unknown;
    try {
        data = JSON.parse(text);
    } catch (e) {
        bad(`${CONFIG_FILE} is not valid JSON: ${(e as Error).message}`);
        return { config, diagnostics };
    }
    if (typeof data !== "object" || data === null || Array.isArray(data)) {
        bad(`${CONFIG_FILE} must hold a JSON object`);
        return { config, diagnostics };
    }
    const dir = dirname(file);
    const obj = data as Record<string, unknown>;
    for (const key of Object.keys(obj)) if (!KEYS.has(key)) bad(`unknown setting '${key}'`);
    const strings = (key: string): string[] => {
        const v = obj[key];
        if (v === undefined) return [];
        if (Array.isArray(v) && v.every((x) => typeof x === "string")) return v as string[];
        bad(`'${key}' must be an array of strings`);
        return [];
    };
    if (obj.preset !== undefined) {
        if (obj.preset === "security_content" || obj.preset === "none") config.preset = obj.preset;
        else bad(`'preset' must be "security_content" or "none"`);
    }
    if (obj.builtins !== undefined) {
        if (typeof obj.builtins === "boolean") config.builtins = obj.builtins;
        else bad(`'builtins' must be true or false`);
    }
    if (obj.severity !== undefined) {
        if (typeof obj.severity !== "object" || obj.severity === null || Array.isArray(obj.severity)) bad(`'severity' must map codes to error, warning, info or off`);
        else {
            for (const [code, level] of Object.entries(obj.severity as Record<string, unknown>)) {
                if (!(code in DIAGNOSTIC_CODES)) diagnostics.push(fileDiagnostic(file, "SPL6002", `unknown diagnostic code '${code}' in 'severity'`, whole));
                else if (typeof level !== "string" || !SEVERITIES.has(level)) bad(`severity of ${code} must be error, warning, info or off`);
                else config.severity[code] = level as SeverityOverride;
            }
        }
    }
    config.macros = strings("macros").map((p) => resolve(dir, p));
    config.commandMacros = strings("commandMacros");
    config.ignore = strings("ignore").map((p) => `${dir.replace(/\\/g, "/").replace(/\/$/, "")}/${p.replace(/^\.\//, "")}`);
    return { config, diagnostics };
}

/** Settings when there is no config file. */
export function emptyConfig(): EffectiveConfig {
    return { file: null, preset: "none", severity: {}, macros: [], builtins: false, commandMacros: [], ignore: [] };
}

/** A predicate for the files the config's `ignore` patterns exclude. */
export function ignoreMatcher(config: EffectiveConfig): (file: string) => boolean {
    const res = config.ignore.map((p) => compileGlob(p));
    return (file) => {
        const abs = resolve(file).replace(/\\/g, "/");
        return res.some((re) => re.test(abs));
    };
}

/** Applies the per-code severities: `off` drops a diagnostic, a level replaces its severity. */
export function applySeverities<D extends Diagnostic>(diagnostics: readonly D[], config: EffectiveConfig): D[] {
    const out: D[] = [];
    for (const d of diagnostics) {
        const level = config.severity[d.code];
        if (level === "off") continue;
        out.push(level === undefined || level === d.severity ? d : { ...d, severity: level });
    }
    return out;
}
