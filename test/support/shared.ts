// Access to ../shared (the corpus, the examples, searchbnf.conf). A user's clone has no ../shared:
// tests that need it use `describeShared`, which skips with a visible reason when it is absent.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, it } from "vitest";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
/** Absolute path of ../shared beside the repository (override with SPLC_SHARED). */
export const SHARED_DIR = process.env.SPLC_SHARED ?? resolve(root, "..", "shared");
/** True when ../shared is present. */
export const HAVE_SHARED = existsSync(join(SHARED_DIR, "corpus", "security_content.jsonl"));
/** Absolute path of the repository. */
export const REPO_DIR = root;

/**
 * `describe` that runs only with ../shared; otherwise a skipped suite whose name says why. The
 * suite's body is not even collected then, since it may read ../shared while collecting.
 */
export const describeShared: (name: string, fn: () => void) => void = HAVE_SHARED
    ? (name, fn) => describe(name, fn)
    : (name) =>
          describe.skip(`${name} [skipped: ../shared is absent; set SPLC_SHARED or clone beside it]`, () => {
              it.skip("reads ../shared", () => undefined);
          });

/** A path inside ../shared. */
export function sharedPath(...parts: string[]): string {
    return join(SHARED_DIR, ...parts);
}

/** One record of corpus/security_content.jsonl. */
export interface CorpusSearch {
    kind: string;
    id: string;
    name: string;
    path: string;
    search: string;
}

/** One record of corpus/security_content_macros.jsonl. */
export interface CorpusMacro {
    name: string;
    arguments: string[];
    definition: string;
    splunk_stanza: string;
}

function readJsonl<T>(file: string): T[] {
    return readFileSync(sharedPath("corpus", file), "utf8")
        .split("\n")
        .filter((l) => l.trim())
        .map((l) => JSON.parse(l) as T);
}

/** The 1,824 corpus searches (empty when ../shared is absent). */
export function corpusSearches(): CorpusSearch[] {
    return HAVE_SHARED ? readJsonl<CorpusSearch>("security_content.jsonl") : [];
}

/** The 189 corpus macros (empty when ../shared is absent). */
export function corpusMacros(): CorpusMacro[] {
    return HAVE_SHARED ? readJsonl<CorpusMacro>("security_content_macros.jsonl") : [];
}
