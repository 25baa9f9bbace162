/** The script a CLI worker thread runs: the built CLI bundle itself (`bin.ts` hands the worker its job). */

/** This bundle when it is the built CLI; null when running from source (tests), where workers are not used. */
export function workerScript(): URL | null {
    const here = new URL(import.meta.url);
    return here.pathname.endsWith(".js") ? here : null;
}
