// The benchmark corpus: the searches and macros of ../shared/corpus (or SPLC_SHARED), read in
// place. Shared by bench/bench.mjs and scripts/compare-builds.mjs.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const shared = process.env.SPLC_SHARED ?? resolve(root, "..", "shared");
export const corpusFile = join(shared, "corpus", "security_content.jsonl");
export const macrosFile = join(shared, "corpus", "security_content_macros.jsonl");

const jsonLines = (file) =>
    readFileSync(file, "utf8")
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l));

/** The corpus searches; the repository's fixture searches when ../shared is absent. */
export function loadSearches() {
    if (existsSync(corpusFile)) return { source: corpusFile, searches: jsonLines(corpusFile).map((r) => r.search) };
    const dir = join(root, "test", "fixtures", "search");
    const files = readdirSync(dir)
        .filter((f) => f.endsWith(".spl"))
        .sort();
    return { source: `${dir} (${corpusFile} is absent)`, searches: files.map((f) => readFileSync(join(dir, f), "utf8")) };
}

/** The corpus macro records (an empty list when ../shared is absent). */
export function loadMacroRecords() {
    return existsSync(macrosFile) ? jsonLines(macrosFile) : [];
}

/** Imports one build's ESM entry (a dist directory). */
export async function loadBuild(dist) {
    return import(join(resolve(dist), "index.js"));
}

export const utf8Bytes = (strings) => strings.reduce((n, s) => n + Buffer.byteLength(s), 0);
