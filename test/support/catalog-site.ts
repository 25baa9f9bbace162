// Builds a catalog with the CLI into a temp folder (with the playground, bundled from source)
// and computes, independently of the site, what its pages must show.
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { analyze, IndicatorIndex, normalizeMacros, parse, type Analysis } from "../../src/index.js";
import { loadRuleFiles } from "../../src/rules/node.js";
import { cli } from "../cli/run.js";
import { REPO_DIR } from "./shared.js";

/** One rule as the test sees it. */
export interface ExpectedRule {
    key: string;
    spl: string;
    analysis: Analysis;
    /** The rule file's metadata as JSON text (to count declared techniques independently). */
    metadata: string;
}

/** A built site and the expectations. */
export interface BuiltSite {
    out: string;
    url: (path: string) => string;
    stdout: string;
    rules: ExpectedRule[];
    index: IndicatorIndex;
}

let playground: Promise<string> | null = null;

/** The playground built once per test process from source (dist may be stale while testing). */
export function playgroundDir(): Promise<string> {
    playground ??= (async () => {
        const outdir = mkdtempSync(join(tmpdir(), "splc-web-"));
        const mod = (await import(pathToFileURL(join(REPO_DIR, "scripts", "build-web.mjs")).href)) as { buildWeb: (o: object) => Promise<unknown> };
        await mod.buildWeb({ outdir, core: "src", quiet: true });
        return outdir;
    })();
    return playground;
}

/** Runs `splc catalog <inputs> --out <tmp>` plus `extraArgs` and analyses the same rules. */
export async function buildSite(inputs: string[], extraArgs: string[] = []): Promise<BuiltSite> {
    const out = mkdtempSync(join(tmpdir(), "splc-catalog-"));
    const web = await playgroundDir();
    const run = await cli("catalog", ...inputs, "--out", out, "--playground", web, ...extraArgs);
    if (run.code !== 0) throw new Error(`splc catalog exited ${run.code}: ${run.stderr}`);
    const macroFiles = extraArgs.flatMap((a, i) => (extraArgs[i - 1] === "--macros" ? [a] : []));
    const loaded = await loadRuleFiles(inputs);
    const extra = macroFiles.length > 0 ? await loadRuleFiles(macroFiles) : null;
    const defs = [...loaded.macros, ...(extra?.macros ?? [])];
    const table = defs.length > 0 ? normalizeMacros(defs) : null;
    const index = new IndicatorIndex();
    const rules = loaded.rules.map((r, i) => {
        const analysis = analyze(table ? parse(r.spl, { macros: table }) : parse(r.spl));
        const key = r.id ?? r.name ?? `${r.file}#${i}`;
        index.add(key, analysis);
        return { key, spl: r.spl, analysis, metadata: JSON.stringify(r.metadata) };
    });
    return { out, url: (p) => pathToFileURL(join(out, p)).href, stdout: run.stdout, rules, index };
}

/** Every .html file under a folder, relative to it. */
export function htmlFiles(dir: string, sub = ""): string[] {
    return readdirSync(join(dir, sub), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? htmlFiles(dir, join(sub, e.name)) : e.name.endsWith(".html") ? [join(sub, e.name)] : []));
}
