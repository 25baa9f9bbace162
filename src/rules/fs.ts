/**
 * Node-only file loading for `splc/rules`: expands directories, reads files, and runs
 * {@link loadRuleText} on each. The only module of src/rules/ that imports `node:` modules.
 */
import { readdir, readFile, realpath, stat } from "node:fs/promises";
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

async function expand(
    path: string,
    extensions: readonly string[],
    out: { path: string; expanded: boolean }[],
    errors: { path: string; why: string }[],
    top: boolean,
    seen: Set<string>,
    skipped: string[],
): Promise<void> {
    let info;
    try {
        info = await stat(path);
    } catch (e) {
        errors.push({ path, why: e instanceof Error ? e.message : String(e) });
        return;
    }
    if (info.isDirectory()) {
        // A symbolic link back up the tree would otherwise recurse until the path is too long.
        let real = path;
        try {
            real = await realpath(path);
        } catch {
            // Keep the path as given: stat() just succeeded, so it exists.
        }
        if (seen.has(real)) return;
        seen.add(real);
        let entries: string[];
        try {
            entries = (await readdir(path)).sort();
        } catch (e) {
            errors.push({ path, why: e instanceof Error ? e.message : String(e) });
            return;
        }
        for (const name of entries) {
            if (SKIP_DIRS.has(name)) continue;
            await expand(join(path, name), extensions, out, errors, false, seen, skipped);
        }
        return;
    }
    const lower = path.toLowerCase();
    if (!top && !info.isFile()) {
        // A FIFO, socket or device met in a folder: reading it could block forever. A path named
        // by the caller is read (`<(cmd)` gives a pipe).
        if (extensions.some((e) => lower.endsWith(e.toLowerCase()))) skipped.push(path);
        return;
    }
    if (top || extensions.some((e) => lower.endsWith(e.toLowerCase()))) out.push({ path, expanded: !top });
}

/**
 * Loads rule files and directories (recursively, in sorted order). Unreadable paths give SPL5005.
 * YAML files found inside a directory that hold no rule field (stories, lookups) are skipped
 * silently; a file named explicitly gets SPL5002 instead. Never rejects.
 */
export async function loadRuleFiles(paths: readonly string[], options: LoadRuleFilesOptions = {}): Promise<LoadRuleFilesResult> {
    const extensions = options.extensions ?? DEFAULT_EXTENSIONS;
    // Files found by expanding a directory, as opposed to named by the caller.
    const files: { path: string; expanded: boolean }[] = [];
    const errors: { path: string; why: string }[] = [];
    const seen = new Set<string>();
    const skipped: string[] = [];
    for (const p of paths) await expand(p, extensions, files, errors, true, seen, skipped);
    const result: LoadRuleFilesResult = { rules: [], diagnostics: [], macros: [], files: 0, texts: {} };
    for (const path of skipped) result.diagnostics.push(fileDiagnostic(path, "SPL5007", "not a regular file (a FIFO, socket or device); skipped", { start: 0, end: 0 }));
    for (const { path, why } of errors) {
        result.files++;
        result.diagnostics.push(fileDiagnostic(path, "SPL5005", `cannot read: ${why}`, { start: 0, end: 0 }));
    }
    for (const { path: file, expanded } of files) {
        result.files++;
        let text: string;
        try {
            // One decode of the whole buffer: readFile's own "utf8" decodes chunk by chunk, slower on a large corpus.
            text = (await readFile(file)).toString("utf8");
        } catch (e) {
            result.diagnostics.push(fileDiagnostic(file, "SPL5005", `cannot read: ${e instanceof Error ? e.message : String(e)}`, { start: 0, end: 0 }));
            continue;
        }
        result.texts[file] = text;
        // A directory of rules also holds stories, lookups and the like: only named files get SPL5002 for them.
        const one = loadRuleText(text, {
            filename: file,
            skipNonRules: expanded,
            ...(options.format === undefined ? {} : { format: options.format }),
        });
        result.rules.push(...one.rules);
        result.diagnostics.push(...one.diagnostics);
        result.macros.push(...one.macros);
    }
    return result;
}
