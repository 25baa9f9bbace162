/**
 * `buildCatalog`: a static HTML site for a set of rules. An index with filters, an ATT&CK
 * coverage page, one page per rule, per shared indicator and per data source. Pure: returns the
 * files as strings or hands each to a callback (the CLI writes them), so it runs anywhere. Everything a page needs ships
 * in the output: one style sheet and a small inline script on the index.
 */
import { analyze, IndicatorIndex, normalizeMacros, parse, type Analysis, type ExpandOptions, type MacroDefinition, type MacroTable, type ParseOptions, type ParseResult } from "../index.js";
import { CATALOG_CSS, INDEX_SCRIPT } from "./assets.js";
import { esc, slug } from "./html.js";
import { overlapCatalog, ruleRelations } from "../relate/index.js";
import { parentTechnique, ruleTags, type RuleTags } from "./metadata.js";
import { analysisSections, displayText, sourceKeys, splBlock, type DisplayText, type RelationLink, type RuleViewContext } from "./rule-view.js";

/** One rule to show (a `RuleSource` of `splc/rules` fits). */
export interface CatalogRule {
    id: string | null;
    name: string | null;
    file: string;
    format: string;
    spl: string;
    metadata: Record<string, unknown>;
}

/** Options of {@link buildCatalog}. */
export interface CatalogOptions {
    /** Macro definitions to expand (found among the inputs, `--macros`). */
    macros?: readonly MacroDefinition[];
    /** Expansion options (`--builtins`, `--undefined`). */
    expand?: ExpandOptions;
    /** Title of the site (default "Detection catalog"). */
    title?: string;
    /** Link the playground from every page (the caller copies it to `playground/`). */
    playground?: boolean;
    /** Extra relation links per rule key (e.g. from an overlap analysis). */
    relations?: (ruleKey: string) => readonly { relation: string; ruleKey: string }[];
    /**
     * Relate the rules' event filters ({@link overlapCatalog}) and link each rule page to the
     * rules it is equivalent to, contained in, or contains (default false: on thousands of rules
     * this costs more than the rest of the build).
     */
    overlap?: boolean;
    /**
     * Show each search formatted (default true). Formatting parses each search twice more (the
     * search without macro expansion, and the formatted text to check it); the analysis is
     * carried over to the formatted text by its spans. False shows searches as written.
     */
    formatted?: boolean;
    /** Size budgets in bytes (defaults {@link DEFAULT_BUDGETS}). */
    budgets?: Partial<PageBudgets>;
    /**
     * Receives each file (relative path, text) as soon as it is made, instead of
     * {@link CatalogSite.files} keeping it: a large catalog is then written while it is built
     * and never held whole in memory. `files` stays empty; `sizes` still covers every file.
     */
    onFile?: (path: string, text: string) => void;
    /**
     * Per rule, in order, its {@link PreparedRule} made elsewhere with the same macros and
     * options by {@link prepareRule} (the CLI's `--jobs` makes them in worker threads). The pages
     * are the same as when the catalog prepares the rules itself.
     */
    prepared?: readonly PreparedRule[];
}

/** What the catalog computes per rule before rendering (the parse-bound part of a build). */
export interface PreparedRule {
    /** The search parsed with macros expanded. */
    result: ParseResult;
    analysis: Analysis;
    /** The search as its page shows it (formatted, with the analysis carried over to that text). */
    shown: DisplayText;
}

/** The options of {@link prepareRule}: a rule is prepared as {@link buildCatalog} would with these. */
export type PrepareOptions = Pick<CatalogOptions, "macros" | "expand" | "formatted">;

/** How {@link prepareRule} parses: macros expanded when there are definitions or built-ins. */
function parseSetup(options: PrepareOptions): { table: MacroTable | null; parseOptions: ParseOptions } {
    const table: MacroTable | null = (options.macros && options.macros.length > 0) || options.expand?.builtins ? normalizeMacros(options.macros ?? []) : null;
    return { table, parseOptions: table ? { macros: table, ...(options.expand ? { expand: options.expand } : {}) } : {} };
}

/**
 * A rule's parse, analysis and shown search, as {@link buildCatalog} makes them. Pure: the
 * same text and options give the same result in any thread. Use {@link preparer} for many
 * rules (it normalises the macros once).
 */
export function prepareRule(spl: string, options: PrepareOptions): PreparedRule {
    return prepareWithSetup(spl, options, parseSetup(options));
}

function prepareWithSetup(spl: string, options: PrepareOptions, setup: ReturnType<typeof parseSetup>): PreparedRule {
    const { table, parseOptions } = setup;
    const result = parse(spl, parseOptions);
    const analysis = analyze(result);
    // Without expansion (or with no macro call in the text) the parse is the one display needs.
    const shown: DisplayText =
        options.formatted === false
            ? { text: spl, formatted: false, analysis }
            : displayText(spl, analysis, parseOptions, table === null || !spl.includes("`") ? result : undefined);
    return { result, analysis, shown };
}

/** The parse setup shared by many {@link prepareRule} calls with the same options. */
export function preparer(options: PrepareOptions): (spl: string) => PreparedRule {
    const setup = parseSetup(options);
    return (spl) => prepareWithSetup(spl, options, setup);
}

/** Size budgets of the output, checked by {@link buildCatalog}. */
export interface PageBudgets {
    /** Each rule, indicator and data source page. */
    page: number;
    /** The index page, per rule listed (it grows with the corpus). */
    indexPerRule: number;
}

/** 256 KB per page; the index may take 2 KB per rule (plus 64 KB). */
export const DEFAULT_BUDGETS: PageBudgets = { page: 256 * 1024, indexPerRule: 2048 };

/** One analysed rule of the catalog. */
export interface CatalogEntry {
    /** Unique key (the rule id, else its name, else file#n). */
    key: string;
    name: string;
    rule: CatalogRule;
    /** Path of its page in the site. */
    path: string;
    result: ParseResult;
    analysis: Analysis;
    tags: RuleTags;
    /** Data source keys: from the search (`sourcetype=...`) and declared (`data_source=...`, `data_category=...`). */
    sources: string[];
    /** The search as its page shows it. */
    shown: DisplayText;
}

/** What {@link buildCatalog} returns. */
export interface CatalogSite {
    /**
     * Site files by relative path (`index.html`, `rules/x.html`, `assets/catalog.css`); empty
     * when {@link CatalogOptions.onFile} took them.
     */
    files: Map<string, string>;
    /** Number of files made (the size of `files`, or the number of `onFile` calls). */
    fileCount: number;
    entries: CatalogEntry[];
    /** The index over every rule (the counts the pages show). */
    index: IndicatorIndex;
    /** Page sizes in bytes (UTF-8) and the pages over their budget. */
    sizes: { largestPage: { path: string; bytes: number }; index: number; total: number; overBudget: { path: string; bytes: number; budget: number }[] };
}


function page(title: string, root: string, body: string, opts: { playground: boolean; script?: string; siteTitle: string }): string {
    const nav = [
        `<a href="${root}index.html">Rules</a>`,
        `<a href="${root}attack.html">ATT&amp;CK coverage</a>`,
        `<a href="${root}indicators.html">Shared indicators</a>`,
        `<a href="${root}sources.html">Data sources</a>`,
        ...(opts.playground ? [`<a href="${root}playground/index.html">Playground</a>`] : []),
    ];
    return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title><link rel="stylesheet" href="${root}assets/catalog.css"></head>
<body><a class="skip" href="#main">Skip to content</a>
<header class="site"><span class="brand">${esc(opts.siteTitle)}</span><nav aria-label="Site">${nav.join("")}</nav></header>
<main id="main">${body}</main>${opts.script ? `\n<script>${opts.script}</script>` : ""}
</body></html>
`;
}

/** Analyses the rules and renders the site. Never throws on rule text. */
export function buildCatalog(rules: readonly CatalogRule[], options: CatalogOptions = {}): CatalogSite {
    const siteTitle = options.title ?? "Detection catalog";
    const playground = options.playground === true;
    const budgets = { ...DEFAULT_BUDGETS, ...options.budgets };
    const setup = parseSetup(options);
    const { table, parseOptions } = setup;
    const prepare = (spl: string): PreparedRule => prepareWithSetup(spl, options, setup);
    if (options.prepared && options.prepared.length !== rules.length) throw new RangeError(`buildCatalog: ${options.prepared.length} prepared rules for ${rules.length} rules`);

    const index = new IndicatorIndex();
    const used = new Set<string>();
    const entries: CatalogEntry[] = rules.map((rule, i) => {
        let key = rule.id ?? rule.name ?? `${rule.file}#${i}`;
        for (let n = 2; used.has(key); n++) key = `${rule.id ?? rule.name ?? rule.file}#${n}`;
        used.add(key);
        const { result, analysis, shown } = options.prepared?.[i] ?? prepare(rule.spl);
        index.add(key, analysis);
        const tags = ruleTags(rule.metadata);
        const sources = [...sourceKeys(analysis), ...tags.dataSources.map((d) => `data_source=${d}`), ...tags.dataCategories.map((d) => `data_category=${d}`)];
        const name = rule.name ?? rule.id ?? rule.file.split(/[\\/]/).pop() ?? rule.file;
        return { key, name, rule, path: `rules/${slug(key)}.html`, result, analysis, tags, sources, shown };
    });
    const byKey = new Map(entries.map((e) => [e.key, e]));
    const relationsOf = relationSource(entries, options);

    const files = new Map<string, string>();
    const sizes = new SizeMeter(entries.length, budgets);
    const emit = (path: string, text: string): void => {
        sizes.add(path, text);
        if (options.onFile) options.onFile(path, text);
        else files.set(path, text);
    };
    emit("assets/catalog.css", CATALOG_CSS);
    const shared = index.entries().filter((e) => e.count >= 2);
    const indicatorPath = new Map(shared.map((e) => [e.key, `indicators/${slug(e.key)}.html`]));
    const sourceRules = new Map<string, CatalogEntry[]>();
    for (const e of entries) {
        for (const s of e.sources) {
            const list = sourceRules.get(s);
            if (list) list.push(e);
            else sourceRules.set(s, [e]);
        }
    }
    const sourcePath = new Map([...sourceRules.keys()].map((k) => [k, `sources/${slug(k)}.html`]));
    const opts = { playground, siteTitle };

    // Rule pages.
    for (const e of entries) {
        const cx: RuleViewContext = {
            parseOptions,
            macros: table,
            shareCount: (k) => index.count(k),
            indicatorHref: (k) => (indicatorPath.has(k) ? `../${indicatorPath.get(k)}` : null),
            sourceHref: (k) => (sourcePath.has(k) ? `../${sourcePath.get(k)}` : null),
            relations: relationLinks(e, relationsOf, byKey),
        };
        const shown = e.shown;
        const meta: string[] = [`<dt>File</dt><dd><code>${esc(e.rule.file)}</code> (${esc(e.rule.format)})</dd>`];
        if (e.rule.id) meta.push(`<dt>Id</dt><dd><code>${esc(e.rule.id)}</code></dd>`);
        if (e.tags.techniques.length > 0) meta.push(`<dt>Techniques</dt><dd>${e.tags.techniques.map((t) => `<a href="../index.html#technique=${encodeURIComponent(t)}">${esc(t)}</a>`).join(", ")}</dd>`);
        if (e.tags.tactics.length > 0) meta.push(`<dt>Tactics</dt><dd>${e.tags.tactics.map(esc).join(", ")}</dd>`);
        if (e.sources.length > 0) meta.push(`<dt>Data sources</dt><dd>${e.sources.map((s) => `<a href="../${esc(sourcePath.get(s) ?? "")}">${esc(s)}</a>`).join(", ")}</dd>`);
        const description = typeof e.rule.metadata.description === "string" ? `<p class="description">${esc(e.rule.metadata.description)}</p>` : "";
        const toc = ["spl", "diagnostics", "picture", "stages", "indicators", "terms", "sources", "fields"].map((id) => `<a href="#${id}">${id === "spl" ? "search" : id}</a>`).join("");
        const body = `<h1>${esc(e.name)}</h1>${description}<dl class="meta">${meta.join("")}</dl><nav class="toc" aria-label="On this page">${toc}</nav>
<section id="spl" aria-labelledby="spl-h"><h2 id="spl-h">Search${shown.formatted ? " (formatted)" : ""}</h2>${splBlock(shown, cx)}</section>
${analysisSections(e.result, e.analysis, shown, cx)}`;
        emit(e.path, page(`${e.name} · ${siteTitle}`, "../", body, opts));
    }

    // Indicator pages (shared by two rules or more) and their list.
    for (const s of shared) {
        const list = s.rules.map((r) => byKey.get(r)).filter((x): x is CatalogEntry => x !== undefined);
        const body = `<h1>Indicator <code>${esc(s.key)}</code></h1><p>Field <code>${esc(s.field)}</code>, operator <code>${esc(s.op)}</code>, value <code>${esc(s.value)}</code>${s.negated ? ", negated" : ""}.</p><p class="count" data-count="${s.count}">${s.count} rules use it:</p>${ruleList(list, "../")}`;
        emit(indicatorPath.get(s.key) as string, page(`${s.key} · ${siteTitle}`, "../", body, opts));
    }
    const indicatorRows = shared.map((s) => `<tr><td><a href="${esc(indicatorPath.get(s.key) as string)}"><code>${esc(s.key)}</code></a></td><td class="num">${s.count}</td></tr>`);
    emit(
        "indicators.html",
        page(`Shared indicators · ${siteTitle}`, "", `<h1>Shared indicators</h1><p>${shared.length} indicators appear in two rules or more (of ${index.entries().length} distinct).</p><table><thead><tr><th scope="col">indicator</th><th scope="col">rules</th></tr></thead><tbody>${indicatorRows.join("")}</tbody></table>`, opts),
    );

    // Data source pages and their list.
    const sourcesSorted = [...sourceRules.entries()].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1));
    for (const [k, list] of sourcesSorted) {
        emit(sourcePath.get(k) as string, page(`${k} · ${siteTitle}`, "../", `<h1>Data source <code>${esc(k)}</code></h1><p class="count" data-count="${list.length}">${list.length} rule(s):</p>${ruleList(list, "../")}`, opts));
    }
    emit(
        "sources.html",
        page(
            `Data sources · ${siteTitle}`,
            "",
            `<h1>Data sources</h1><p>From the searches (<code>index</code>, <code>sourcetype</code>, <code>source</code>, <code>eventtype</code>, data models) and from the rules' declared <code>data_source</code> and <code>data_category</code>.</p><table><thead><tr><th scope="col">data source</th><th scope="col">rules</th></tr></thead><tbody>${sourcesSorted.map(([k, l]) => `<tr><td><a href="${esc(sourcePath.get(k) as string)}">${esc(k)}</a></td><td class="num">${l.length}</td></tr>`).join("")}</tbody></table>`,
            opts,
        ),
    );

    emit("attack.html", page(`ATT&CK coverage · ${siteTitle}`, "", attackPage(entries), opts));
    emit("index.html", page(siteTitle, "", indexPage(entries, sourcesSorted.map(([k]) => k)), { ...opts, script: INDEX_SCRIPT }));

    return { files, fileCount: sizes.files, entries, index, sizes: sizes.result() };
}

type RelationSource = (ruleKey: string) => readonly { relation: string; ruleKey: string }[];

/** The caller's relations, followed by the overlap analysis's when `overlap` is on. */
function relationSource(entries: readonly CatalogEntry[], options: CatalogOptions): RelationSource | null {
    const given = options.relations ?? null;
    if (options.overlap !== true) return given;
    const related = ruleRelations(overlapCatalog(entries.map((e) => ({ id: e.key, name: e.name, file: e.rule.file, result: e.result }))));
    return (key) => {
        const r = related[key];
        const own = r
            ? [
                  ...r.equivalent.map((k) => ({ relation: "equivalent to", ruleKey: k })),
                  ...r.containedIn.map((k) => ({ relation: "contained in", ruleKey: k })),
                  ...r.contains.map((k) => ({ relation: "contains", ruleKey: k })),
              ]
            : [];
        return [...(given ? given(key) : []), ...own];
    };
}

function relationLinks(e: CatalogEntry, relationsOf: RelationSource | null, byKey: Map<string, CatalogEntry>): RelationLink[] {
    if (!relationsOf) return [];
    return relationsOf(e.key).map((r) => {
        const other = byKey.get(r.ruleKey);
        return { relation: r.relation, name: other?.name ?? r.ruleKey, href: other ? `../${other.path}` : null };
    });
}

function ruleList(list: readonly CatalogEntry[], root: string): string {
    return `<ul class="rules">${list.map((e) => `<li><a href="${root}${esc(e.path)}">${esc(e.name)}</a></li>`).join("")}</ul>`;
}

function countSeverity(a: Analysis, s: string): number {
    return a.diagnostics.filter((d) => d.severity === s).length;
}

function indexPage(entries: readonly CatalogEntry[], sources: readonly string[]): string {
    const techniques = [...new Set(entries.flatMap((e) => e.tags.techniques.flatMap((t) => [parentTechnique(t), t])))].sort();
    const codes = [...new Set(entries.flatMap((e) => e.analysis.diagnostics.map((d) => d.code)))].sort();
    const select = (id: string, label: string, values: readonly string[]): string =>
        `<label for="f-${id}">${esc(label)}<select id="f-${id}"><option value="">any</option>${values.map((v) => `<option>${esc(v)}</option>`).join("")}</select></label>`;
    const rows = entries.map((e) => {
        const a = e.analysis;
        const errors = countSeverity(a, "error");
        const warnings = countSeverity(a, "warning");
        const infos = countSeverity(a, "info");
        const text = `${e.name} ${e.rule.file} ${e.rule.id ?? ""}`.toLowerCase();
        const shownSources = e.sources.slice(0, 3).map(esc).join("<br>") + (e.sources.length > 3 ? `<br>+${e.sources.length - 3} more` : "");
        return `<tr data-sources="${esc(JSON.stringify(e.sources))}" data-techniques="${esc(JSON.stringify(e.tags.techniques))}" data-codes="${esc(JSON.stringify([...new Set(a.diagnostics.map((d) => d.code))]))}" data-text="${esc(text)}"><td><a href="${esc(e.path)}">${esc(e.name)}</a></td><td>${shownSources}</td><td>${e.tags.techniques.map(esc).join(", ")}</td><td class="num" data-errors="${errors}">${errors}</td><td class="num">${warnings}</td><td class="num">${infos}</td><td class="num">${a.stages.length}</td><td class="num">${a.indicators.length}</td></tr>`;
    });
    const files = new Set(entries.map((e) => e.rule.file)).size;
    const totalErrors = entries.reduce((n, e) => n + countSeverity(e.analysis, "error"), 0);
    return `<h1>Rules</h1><p>${entries.length} rules from ${files} file(s); ${totalErrors} error(s). Filter by data source, ATT&amp;CK technique, diagnostic code or text.</p>
<form class="filters" role="search" aria-label="Filter rules" onsubmit="return false">
${select("source", "Data source", sources)}${select("technique", "Technique", techniques)}${select("code", "Diagnostic code", codes)}
<label for="f-text">Text<input id="f-text" type="search" placeholder="name, file or id"></label><button type="button" id="f-clear">Clear</button>
<output id="f-count" class="count" aria-live="polite">${entries.length} of ${entries.length} rules shown</output></form>
<table id="rules"><thead><tr><th scope="col">rule</th><th scope="col">data sources</th><th scope="col">techniques</th><th scope="col">errors</th><th scope="col">warnings</th><th scope="col">info</th><th scope="col">stages</th><th scope="col">indicators</th></tr></thead><tbody>
${rows.join("\n")}
</tbody></table>`;
}

function attackPage(entries: readonly CatalogEntry[]): string {
    const byParent = new Map<string, { subs: Map<string, number>; rules: Set<string>; tactics: Set<string> }>();
    for (const e of entries) {
        for (const t of e.tags.techniques) {
            const p = parentTechnique(t);
            const slot = byParent.get(p) ?? { subs: new Map(), rules: new Set(), tactics: new Set() };
            slot.rules.add(e.key);
            if (t !== p) slot.subs.set(t, (slot.subs.get(t) ?? 0) + 1);
            for (const tac of e.tags.tactics) slot.tactics.add(tac);
            byParent.set(p, slot);
        }
    }
    const without = entries.filter((e) => e.tags.techniques.length === 0).length;
    const bar = (n: number): string => `<td aria-hidden="true">${"█".repeat(Math.min(40, n))}</td>`;
    const rows = [...byParent.entries()]
        .sort((a, b) => b[1].rules.size - a[1].rules.size || (a[0] < b[0] ? -1 : 1))
        .map(([p, s]) => {
            const subs = [...s.subs.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([t, n]) => `<a href="index.html#technique=${encodeURIComponent(t)}">${esc(t)}</a> (${n})`);
            return `<tr data-technique="${esc(p)}"><td><a href="index.html#technique=${encodeURIComponent(p)}">${esc(p)}</a></td><td class="num">${s.rules.size}</td>${bar(s.rules.size)}<td>${subs.join(", ")}</td><td>${[...s.tactics].map(esc).join(", ")}</td></tr>`;
        });
    // Tactics as the rule files name them (Anvilogic `tactics`, or the first part of a named
    // technique): splc carries no ATT&CK matrix to derive them from technique ids.
    const byTactic = new Map<string, number>();
    for (const e of entries) for (const t of e.tags.tactics) byTactic.set(t, (byTactic.get(t) ?? 0) + 1);
    const noTactic = entries.filter((e) => e.tags.tactics.length === 0).length;
    const tacticRows = [...byTactic.entries()]
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .map(([t, n]) => `<tr data-tactic="${esc(t)}"><td>${esc(t)}</td><td class="num">${n}</td>${bar(n)}</tr>`);
    const tactics =
        tacticRows.length > 0
            ? `<h2>Tactics</h2><p>${byTactic.size} tactic(s) named by the rule files; ${noTactic} rule(s) name none.</p><table id="tactics"><thead><tr><th scope="col">tactic</th><th scope="col">rules</th><th scope="col">bar</th></tr></thead><tbody>${tacticRows.join("")}</tbody></table>`
            : `<h2>Tactics</h2><p class="none">No rule file names a tactic.</p>`;
    return `<h1>ATT&amp;CK coverage</h1><p>Techniques declared by the rules themselves (security_content <code>tags.mitre_attack_id</code>, Anvilogic <code>technique_id</code> and <code>techniques</code>, savedsearches.conf annotations), grouped by parent technique. ${byParent.size} technique(s); ${without} rule(s) declare none.</p>
<h2>Techniques</h2><table id="coverage"><thead><tr><th scope="col">technique</th><th scope="col">rules</th><th scope="col">bar</th><th scope="col">sub-techniques (rules)</th><th scope="col">tactics</th></tr></thead><tbody>${rows.join("")}</tbody></table>
${tactics}`;
}

/** Page sizes against their budgets, measured file by file as the files are made. */
class SizeMeter {
    files = 0;
    private total = 0;
    private index = 0;
    private largest = { path: "", bytes: 0 };
    private readonly over: { path: string; bytes: number; budget: number }[] = [];
    constructor(
        private readonly rules: number,
        private readonly budgets: PageBudgets,
    ) {}

    add(path: string, text: string): void {
        const bytes = utf8Length(text);
        this.files++;
        this.total += bytes;
        if (path === "index.html") {
            this.index = bytes;
            const budget = 64 * 1024 + this.rules * this.budgets.indexPerRule;
            if (bytes > budget) this.over.push({ path, bytes, budget });
            return;
        }
        if (bytes > this.largest.bytes) this.largest = { path, bytes };
        if (path.endsWith(".html") && bytes > this.budgets.page) this.over.push({ path, bytes, budget: this.budgets.page });
    }

    result(): CatalogSite["sizes"] {
        return { largestPage: this.largest, index: this.index, total: this.total, overBudget: this.over };
    }
}

/** UTF-8 length of a string without encoding it (a lone surrogate counts 3, as the encoder writes U+FFFD). */
export function utf8Length(s: string): number {
    let n = s.length;
    for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i);
        if (c < 0x80) continue;
        if (c < 0x800) n += 1;
        else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
            // A surrogate pair: 2 UTF-16 units, 4 bytes.
            n += 2;
            i++;
        } else n += 2;
    }
    return n;
}
