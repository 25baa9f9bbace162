// The one statement of splc's layering: which part of src/ may import which. The architecture runs
// one way (grammar -> parser -> lowering -> IR -> analyses -> API and CLI); a module may import
// its own layer and the layers before it, never a later one. ESLint enforces it (the `splc/layering`
// rule below, wired in eslint.config.mjs); test/architecture.test.ts checks that the rule fires.
import { dirname, relative, resolve, sep } from "node:path";

/**
 * The layers, first to last. Each entry names a folder of src/ (or a file of src/ without `.ts`).
 * A layer may import the layers above it in this list and its own, never one below it.
 */
export const LAYERS = [
    ["generated"], // antlr-ng output
    ["ir", "diagnostics", "commands", "conf"], // node types, diagnostics, the command catalog, .conf text
    ["macros"], // textual expansion: works on text, before any parsing
    ["parser"], // lexer modes, two-stage parse, syntax diagnostics
    ["lower"], // parse tree -> IR
    ["parse"], // parse(): limits, expansion, parsing, lowering
    ["visit", "print"], // IR walkers and printers (format re-parses text, so it may call parse())
    ["analysis"],
    ["relate", "graph"],
    ["index", "internal", "rules"], // the package's entries
    ["catalog"],
    ["web", "cli"],
];

/** Imports that the layer order allows but the design does not: importer folder -> folders it must not import. */
export const FORBIDDEN = {
    // The IR is the contract: walking and printing it never needs the lowering.
    visit: ["lower"],
    print: ["lower"],
};

/**
 * Imports that break the rules today, keyed by the importing file (relative to src/). Empty since
 * IR v2: the printer and `transform` no longer re-lower. Keep it empty.
 */
export const PENDING = {};

const layerOf = new Map(LAYERS.flatMap((names, i) => names.map((n) => [n, i])));

/** The part of src/ a file belongs to (`print` for src/print/x.ts, `parse` for src/parse.ts), or null outside src/. */
function partOf(srcDir, file) {
    const rel = relative(srcDir, file);
    if (rel.startsWith("..") || rel === "") return null;
    const first = rel.split(sep)[0];
    return first.replace(/\.[cm]?[jt]s$/, "");
}

/** Why `from` may not import `to`, or null when it may. */
export function layeringProblem(from, to) {
    if (from === to) return null;
    if (FORBIDDEN[from]?.includes(to)) return `src/${from} never imports src/${to}`;
    const a = layerOf.get(from);
    const b = layerOf.get(to);
    if (a === undefined) return `src/${from} has no layer in eslint/layering.mjs`;
    if (b === undefined) return `src/${to} has no layer in eslint/layering.mjs`;
    return b > a ? `src/${from} comes before src/${to} in the layer order (eslint/layering.mjs)` : null;
}

/** An ESLint plugin with the one rule `layering`, for files under `srcDir`. */
export function layeringPlugin(srcDir) {
    const check = (context, node) => {
        const spec = node.source?.value;
        if (typeof spec !== "string" || !spec.startsWith(".")) return;
        const from = partOf(srcDir, context.filename);
        const to = partOf(srcDir, resolve(dirname(context.filename), spec));
        if (from === null || to === null) return;
        if (PENDING[relative(srcDir, context.filename).split(sep).join("/")]?.includes(to)) return;
        const problem = layeringProblem(from, to);
        if (problem) context.report({ node: node.source, message: `${problem}: "${spec}"` });
    };
    return {
        rules: {
            layering: {
                meta: { type: "problem", docs: { description: "keeps imports inside src/ running one way (eslint/layering.mjs)" }, schema: [] },
                create: (context) => ({
                    ImportDeclaration: (node) => check(context, node),
                    ExportNamedDeclaration: (node) => check(context, node),
                    ExportAllDeclaration: (node) => check(context, node),
                    ImportExpression: (node) => check(context, node),
                }),
            },
        },
    };
}
