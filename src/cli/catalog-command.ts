/**
 * `splc catalog <files|dirs...> --out <dir>`: writes the static catalog site, copies the
 * playground into it, and reports page and bundle sizes against their budgets.
 */
import { cp, stat } from "node:fs/promises";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { buildCatalog } from "../catalog/index.js";
import { EXIT, UsageError, parseCommandArgs } from "./io.js";
import { loadRulesWithMacros, MACRO_OPTIONS } from "./macros-option.js";
import { prepareRules } from "./catalog-jobs.js";

export const CATALOG_HELP = `Usage: splc catalog <files|dirs...> --out <dir> [options]

Writes a static HTML catalog of detection rules (no server, nothing from the network): an index
with filters, ATT&CK coverage, one page per rule (formatted SPL with indicators, terms and
diagnostics marked, stages and predicate trees, indicators with the rules sharing them, data
sources, macros, the pipeline picture), a page per shared indicator and per data source, and
the playground (playground/index.html). Open <dir>/index.html in a browser.

  --out <dir>            where to write the site (created; existing files are overwritten)
  --macros <path>        more macro definitions (macros.conf, macro YAML, JSONL); repeatable
  --builtins             also use splc's built-in CIM macros (drop_dm_object_name)
  --undefined keep|empty what to do with calls of undefined macros (default keep)
  --title <text>         the site's title (default "Detection catalog")
  --as-written           show searches as written instead of formatted (builds faster)
  --relations            relate the rules' event filters (as splc overlap does) and link each
                         rule page to the rules it is equivalent to, contained in, or contains
  --playground <dir>     where the built playground is (default: the package's dist/web)
  --no-playground        leave the playground out
  --jobs N               parse, analyse and format the rules in N worker threads (default 1);
                         the pages are the same

Exit codes: 0 ok, 1 a page over its size budget, 2 usage or unreadable input.
`;

/** The built playground: `web/` beside the bundled CLI (dist/cli.js), or dist/web from the source tree. */
export function defaultPlaygroundDir(): string | null {
    const here = dirname(fileURLToPath(import.meta.url));
    for (const dir of [join(here, "web"), resolve(here, "..", "..", "dist", "web")]) if (existsSync(join(dir, "index.html"))) return dir;
    return null;
}

export async function runCatalog(args: string[]): Promise<number> {
    const parsed = parseCommandArgs(args, {
        out: { type: "string" },
        ...MACRO_OPTIONS,
        title: { type: "string" },
        "as-written": { type: "boolean" },
        relations: { type: "boolean" },
        playground: { type: "string" },
        "no-playground": { type: "boolean" },
        jobs: { type: "string" },
    });
    const v = parsed.values;
    if (!v.out) throw new UsageError("catalog needs --out <dir>");
    if (parsed.positionals.length === 0) throw new UsageError("catalog needs at least one rule file or directory");
    const jobs = v.jobs === undefined ? 1 : Number(v.jobs);
    if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError("--jobs takes a whole number of at least 1");
    const { inputs, definitions, expand } = await loadRulesWithMacros(parsed.positionals, v);

    let playgroundDir: string | null = null;
    if (v["no-playground"] !== true) {
        playgroundDir = v.playground ?? defaultPlaygroundDir();
        if (v.playground && !existsSync(join(v.playground, "index.html"))) throw new UsageError(`--playground ${v.playground} holds no index.html`);
        if (!playgroundDir) process.stderr.write("splc: the playground is not built (npm run build makes dist/web); the catalog leaves it out\n");
    }

    const started = Date.now();
    const out = resolve(v.out);
    const made = new Set<string>();
    // Each page is written as soon as it is made (synchronously: thousands of small files go
    // faster than through the thread pool), so the site is never held whole in memory.
    const write = (path: string, text: string): void => {
        const file = join(out, path);
        const dir = dirname(file);
        if (!made.has(dir)) {
            mkdirSync(dir, { recursive: true });
            made.add(dir);
        }
        writeFileSync(file, text);
    };
    const prepareOptions = { macros: definitions, expand, formatted: v["as-written"] !== true };
    const jobsRun =
        jobs > 1
            ? await prepareRules(
                  inputs.rules.map((r) => r.spl),
                  prepareOptions,
                  jobs,
              )
            : null;
    const site = buildCatalog(inputs.rules, {
        ...prepareOptions,
        ...(jobsRun ? { prepared: jobsRun.prepared } : {}),
        ...(v.title ? { title: v.title } : {}),
        playground: playgroundDir !== null,
        overlap: v.relations === true,
        onFile: write,
    });
    let bundle = "";
    if (playgroundDir) {
        await cp(playgroundDir, join(out, "playground"), { recursive: true });
        const js = join(out, "playground", "splc-web.js");
        if (existsSync(js)) bundle = `; playground bundle ${kb((await stat(js)).size)}`;
    }
    const s = site.sizes;
    process.stdout.write(
        `wrote ${site.fileCount} files for ${site.entries.length} rules to ${v.out} in ${((Date.now() - started) / 1000).toFixed(1)} s${jobsRun?.workers ? ` (${jobsRun.workers} worker threads)` : ""}: ` +
            `index ${kb(s.index)}, largest page ${kb(s.largestPage.bytes)} (${s.largestPage.path}), total ${kb(s.total)}${bundle}\n`,
    );
    for (const o of s.overBudget) process.stderr.write(`splc: ${o.path} is ${kb(o.bytes)}, over its budget of ${kb(o.budget)}\n`);
    for (const d of inputs.diagnostics) if (d.severity === "error") process.stderr.write(`splc: ${d.file}: ${d.code} ${d.message}\n`);
    return s.overBudget.length > 0 ? EXIT.diagnostics : EXIT.ok;
}

function kb(n: number): string {
    return `${(n / 1024).toFixed(1)} KB`;
}
