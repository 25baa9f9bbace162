/**
 * Node-only file loading for `splc/rules`: expands directories, reads files, and runs
 * {@link loadRuleText} on each. The only module of src/rules/ that imports `node:` modules.
 */
import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { fileDiagnostic } from "./common.js";
import { loadRuleText } from "./load.js";
import type { RuleFileFormat, RuleFileResult } from "./types.js";

/** Options of {@link loadRuleFiles}. */
export interface LoadRuleFilesOptions {
    /** Read every file as this format instead of detecting it. */
    format?: RuleFileFormat;
    /**
     * File name endings picked up when a directory is expanded (default `.yml`, `.yaml`, `.conf`,
     * `.spl`). Files named explicitly are always read, whatever their name.
     */
    extensions?: readonly string[];
}

/** What {@link loadRuleFiles} returns. */
export interface LoadRuleFilesResult extends RuleFileResult {
    /** Number of files read (successfully or not). */
    files: number;
    /** The text of each file read, by the name used in `file` fields, to render diagnostics. */
    texts: Record<string, string>;
}

const DEFAULT_EXTENSIONS = [".yml", ".yaml", ".conf", ".spl"] as const;

/** Directories never descended into: VCS metadata and dependencies hold no rules. */
const SKIP_DIRS = new Set([".git", ".hg", ".svn", "node_modules"]);

async function expand(path: string, extensions: readonly string[], out: string[], errors: { path: string; why: string }[], top: boolean): Promise<void> {
    let info;
    try {
        info = await stat(path);
    } catch (e) {
        errors.push({ path, why: e instanceof Error ? e.message : String(e) });
        return;
    }
    if (info.isDirectory()) {
        let entries: string[];
        try {
            entries = (await readdir(path)).sort();
        } catch (e) {
            errors.push({ path, why: e instanceof Error ? e.message : String(e) });
            return;
        }
        for (const name of entries) {
            if (SKIP_DIRS.has(name)) continue;
            await expand(join(path, name), extensions, out, errors, false);
        }
        return;
    }
    const lower = path.toLowerCase();
    if (top || extensions.some((e) => lower.endsWith(e.toLowerCase()))) out.push(path);
}

/**
 * Loads rule files and directories (recursively, in sorted order). Unreadable paths give SPL5005.
 * Never rejects.
 */
export async function loadRuleFiles(paths: readonly string[], options: LoadRuleFilesOptions = {}): Promise<LoadRuleFilesResult> {
    const extensions = options.extensions ?? DEFAULT_EXTENSIONS;
    const files: string[] = [];
    const errors: { path: string; why: string }[] = [];
    for (const p of paths) await expand(p, extensions, files, errors, true);
    const result: LoadRuleFilesResult = { rules: [], diagnostics: [], macros: [], files: 0, texts: {} };
    for (const { path, why } of errors) {
        result.files++;
        result.diagnostics.push(fileDiagnostic(path, "SPL5005", `cannot read: ${why}`, { start: 0, end: 0 }));
    }
    for (const file of files) {
        result.files++;
        let text: string;
        try {
            text = await readFile(file, "utf8");
        } catch (e) {
            result.diagnostics.push(fileDiagnostic(file, "SPL5005", `cannot read: ${e instanceof Error ? e.message : String(e)}`, { start: 0, end: 0 }));
            continue;
        }
        result.texts[file] = text;
        const one = loadRuleText(text, options.format === undefined ? { filename: file } : { filename: file, format: options.format });
        result.rules.push(...one.rules);
        result.diagnostics.push(...one.diagnostics);
        result.macros.push(...one.macros);
    }
    return result;
}
