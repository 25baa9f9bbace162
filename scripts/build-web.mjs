// Builds the playground into dist/web: index.html plus one browser bundle (splc-web.js) made by
// esbuild from the package's built ESM entry dist/index.js (run after tsup), so the bundle holds
// exactly the library that ships, however dist bundles its dependencies. The playground's own
// modules (src/web, src/catalog) are compiled from source; their imports of the core entry
// (`../index.js`) are pointed at dist/index.js. Reports sizes and fails over the budgets.
//   node scripts/build-web.mjs [--out dir] [--core dist|src]
import { build } from "esbuild";
import { copyFileSync, existsSync, mkdirSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { readFileSync } from "node:fs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** Size budgets in bytes: the minified bundle and the page. */
export const WEB_BUDGETS = { bundle: 640 * 1024, bundleGzip: 160 * 1024, page: 16 * 1024 };

/**
 * Builds the playground. `core: "src"` bundles the core from source instead of dist/index.js
 * (for tests that must not depend on a fresh `npm run build`).
 */
export async function buildWeb({ outdir = join(root, "dist", "web"), core = "dist", quiet = false } = {}) {
    const srcIndex = join(root, "src", "index.ts");
    const distIndex = join(root, "dist", "index.js");
    if (core === "dist" && !existsSync(distIndex)) throw new Error("dist/index.js is missing: run tsup (npm run build) first");
    const coreEntry = {
        name: "splc-core-entry",
        setup(b) {
            if (core !== "dist") return;
            b.onResolve({ filter: /(^|\/)index\.js$/ }, (args) => {
                const target = resolve(args.resolveDir, args.path.replace(/\.js$/, ".ts"));
                return target === srcIndex ? { path: distIndex } : undefined;
            });
        },
    };
    mkdirSync(outdir, { recursive: true });
    const result = await build({
        entryPoints: [join(root, "src", "web", "playground.ts")],
        bundle: true,
        // A classic script: browsers refuse module scripts on file:// pages.
        format: "iife",
        platform: "browser",
        target: "es2020",
        minify: true,
        legalComments: "none",
        outfile: join(outdir, "splc-web.js"),
        plugins: [coreEntry],
        logLevel: "warning",
        metafile: true,
    });
    copyFileSync(join(root, "src", "web", "index.html"), join(outdir, "index.html"));
    const bundle = statSync(join(outdir, "splc-web.js")).size;
    const gzip = gzipSync(readFileSync(join(outdir, "splc-web.js")), { level: 9 }).length;
    const page = statSync(join(outdir, "index.html")).size;
    const over = [];
    if (bundle > WEB_BUDGETS.bundle) over.push(`bundle ${kb(bundle)} > ${kb(WEB_BUDGETS.bundle)}`);
    if (gzip > WEB_BUDGETS.bundleGzip) over.push(`bundle gzip ${kb(gzip)} > ${kb(WEB_BUDGETS.bundleGzip)}`);
    if (page > WEB_BUDGETS.page) over.push(`page ${kb(page)} > ${kb(WEB_BUDGETS.page)}`);
    if (!quiet) {
        process.stdout.write(
            `playground: ${outdir}/index.html ${kb(page)} (budget ${kb(WEB_BUDGETS.page)}), splc-web.js ${kb(bundle)} minified, ${kb(gzip)} gzip (budgets ${kb(WEB_BUDGETS.bundle)}, ${kb(WEB_BUDGETS.bundleGzip)})\n`,
        );
    }
    return { outdir, bundle, gzip, page, over, inputs: Object.keys(result.metafile.inputs) };
}

function kb(n) {
    return `${(n / 1024).toFixed(1)} KB`;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
    const args = process.argv.slice(2);
    const get = (name) => {
        const i = args.indexOf(name);
        return i >= 0 ? args[i + 1] : undefined;
    };
    const r = await buildWeb({ outdir: get("--out") ? resolve(get("--out")) : undefined, core: get("--core") ?? "dist" });
    if (r.over.length > 0) {
        process.stderr.write(`playground over budget: ${r.over.join("; ")}\n`);
        process.exit(1);
    }
}
