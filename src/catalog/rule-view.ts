/**
 * The sections that show one analysed search: the SPL with its indicators, terms and
 * diagnostics marked, diagnostics with code frames, the picture, stages with predicate trees,
 * indicators with their share counts, terms, time bounds, data sources and macros, fields, and
 * relation links. Shared by the catalog's rule pages and the playground, so both show the same.
 */
import {
    analyze,
    codeFrame,
    createLineIndex,
    formatParsed,
    graphToSvg,
    indicatorKeys,
    parse,
    pipelineGraph,
    termText,
    type Analysis,
    type Diagnostic,
    type MacroTable,
    type ParseOptions,
    type ParseResult,
    type PredicateNode,
} from "../index.js";
import { esc } from "./html.js";
import { highlight, type Mark } from "./highlight.js";
import { mapAnalysisSpans, spanPairs } from "./span-map.js";

/**
 * A link to another rule with how it relates (e.g. "equivalent to", "contained in"), for
 * relations computed elsewhere (the overlap analysis).
 */
export interface RelationLink {
    /** How the other rule relates to this one, as a short phrase. */
    relation: string;
    /** The other rule's name. */
    name: string;
    /** Where its page is (relative to the page shown), or null. */
    href: string | null;
}

/** What the view needs besides the analysis. */
export interface RuleViewContext {
    /** Options the search was parsed with (macros, expansion), reused for the formatted text. */
    parseOptions?: ParseOptions;
    /** The macros, to show the definitions of the ones the search uses. */
    macros?: MacroTable | null;
    /** Number of rules that share an indicator key (the catalog's `IndicatorIndex.count`). */
    shareCount?: (key: string) => number;
    /** Link to an indicator key's page, or null when it has none. */
    indicatorHref?: (key: string) => string | null;
    /** Link to a data source's page, or null. */
    sourceHref?: (key: string) => string | null;
    /** Other rules related to this one. */
    relations?: readonly RelationLink[];
}

/** The SPL shown and the spans inside it. */
export interface DisplayText {
    text: string;
    /** True when `text` is the formatted search, false when it is the search as written. */
    formatted: boolean;
    /**
     * The search's analysis, its spans in `text` (the texts it quotes, such as a stage's
     * `text`, may be the search as written).
     */
    analysis: Analysis;
}

/**
 * The formatted search with the analysis of that text, when formatting keeps the same
 * indicators, terms and diagnostics (same IR); otherwise the search as written (a search with
 * errors is never reformatted).
 *
 * `parsed` is `parse(spl)` without macro expansion when the caller has it (it saves a parse).
 * The analysis is carried over to the formatted text by pairing the spans of the two IR trees
 * (equal up to spans, which the formatter checks); only when a span has no counterpart, or an
 * indicator quotes a literal the formatter re-escaped, is the formatted text parsed and
 * analysed again.
 */
export function displayText(spl: string, analysis: Analysis, parseOptions: ParseOptions = {}, parsed?: ParseResult): DisplayText {
    const source = parsed ?? parse(spl);
    const f = formatParsed(source);
    if (f.text === spl) return { text: spl, formatted: false, analysis };
    const mapped = f.output ? mapAnalysisSpans(analysis, spanPairs(source.pipeline, f.output.pipeline)) : null;
    if (mapped) return { text: f.text, formatted: true, analysis: mapped };
    const again = analyze(parse(f.text, parseOptions));
    const same =
        again.indicators.length === analysis.indicators.length &&
        again.searchTerms.length === analysis.searchTerms.length &&
        again.diagnostics.map((d) => d.code).join() === analysis.diagnostics.map((d) => d.code).join();
    return same ? { text: f.text, formatted: true, analysis: again } : { text: spl, formatted: false, analysis };
}

/** A data source's key (`sourcetype=WinEventLog`, `datamodel=Endpoint.Processes`). */
export function sourceKeys(a: Analysis): string[] {
    const out: string[] = [];
    const add = (k: string): void => {
        if (!out.includes(k)) out.push(k);
    };
    for (const f of ["index", "sourcetype", "source", "eventtype"] as const) for (const v of a.dataSources[f]) if (!v.negated && v.op === "=") add(`${f}=${v.value}`);
    for (const m of a.dataSources.datamodels) add(`datamodel=${m.datamodel}${m.dataset ? `.${m.dataset}` : ""}`);
    return out;
}

/** The ATT&CK-neutral label of an indicator key's share count. */
function shareOf(keys: readonly string[], cx: RuleViewContext): { count: number; key: string } {
    let best = { count: 0, key: keys[0] ?? "" };
    for (const k of keys) {
        const c = cx.shareCount ? cx.shareCount(k) : 1;
        if (c > best.count) best = { count: c, key: k };
    }
    return best;
}

const SEVERITY_MARK: Record<string, string> = { error: "E", warning: "W", info: "I" };

/** The marked SPL (a `<pre>`), with a legend that does not rely on colour. */
export function splBlock(d: DisplayText, cx: RuleViewContext, idPrefix = ""): string {
    const a = d.analysis;
    const marks: Mark[] = [];
    a.indicators.forEach((ind, i) => {
        const keys = indicatorKeys(ind);
        const share = shareOf(keys, cx);
        const href = cx.indicatorHref ? cx.indicatorHref(share.key) : null;
        const title = `indicator ${ind.negated ? "NOT " : ""}${ind.text}${cx.shareCount ? `: ${share.count} rule(s)` : ""}`;
        marks.push({ start: ind.span.start, end: ind.span.end, tag: href ? "a" : "mark", attrs: { class: "ind", href: href ?? undefined, title, "data-indicator": i } });
    });
    a.searchTerms.forEach((t, i) => marks.push({ start: t.span.start, end: t.span.end, tag: "mark", attrs: { class: "term", title: `search term ${termText(t)}`, "data-term": i } }));
    a.diagnostics.forEach((dg, i) => {
        const n = i + 1;
        const tag = `${SEVERITY_MARK[dg.severity] ?? "?"}${n}`;
        marks.push({
            start: dg.span.start,
            end: dg.span.end,
            tag: "mark",
            attrs: { class: `diag ${dg.severity}`, title: `${dg.code} ${dg.severity}: ${dg.message}`, "data-code": dg.code, "data-start": dg.span.start, "data-end": dg.span.end, id: `${idPrefix}at-${n}` },
            after: `<sup class="dref"><a href="#${idPrefix}diag-${n}" aria-label="${esc(`${dg.severity} ${n}: ${dg.code}`)}">${tag}</a></sup>`,
        });
    });
    const legend = `<p class="legend"><span class="ind">indicator</span> <span class="term">search term</span> <span class="diag error">diagnostic</span> <sup class="dref">E1</sup> = error 1, W = warning, I = info${d.formatted ? "" : " · shown as written"}</p>`;
    return `${legend}<pre class="spl" data-formatted="${d.formatted}"><code>${highlight(d.text, marks)}</code></pre>`;
}

/** The diagnostics as a list with code frames over the displayed text. */
export function diagnosticsBlock(d: DisplayText, idPrefix = ""): string {
    const ds = d.analysis.diagnostics;
    if (ds.length === 0) return '<p class="none">No diagnostics.</p>';
    const li = createLineIndex(d.text);
    const items = ds.map((dg: Diagnostic, i) => {
        const n = i + 1;
        const pos = li.position(dg.span.start);
        return `<li id="${idPrefix}diag-${n}" class="diag-item ${dg.severity}" data-code="${esc(dg.code)}"><p><strong>${SEVERITY_MARK[dg.severity] ?? "?"}${n} ${esc(dg.severity.toUpperCase())} ${esc(dg.code)}</strong> at line ${pos.line}, column ${pos.column}: ${esc(dg.message)} <a href="#${idPrefix}at-${n}">show in the search</a></p><pre class="frame">${esc(codeFrame(d.text, dg.span.start, dg.span.end, li))}</pre></li>`;
    });
    return `<ol class="diagnostics">${items.join("")}</ol>`;
}

function predicateTree(n: PredicateNode, a: Analysis, cx: RuleViewContext): string {
    if (n.kind === "not") return `<li><span class="op">NOT</span><ul>${predicateTree(n.operand, a, cx)}</ul></li>`;
    if (n.kind === "and" || n.kind === "or" || n.kind === "xor") return `<li><span class="op">${n.kind.toUpperCase()}</span><ul>${n.operands.map((o) => predicateTree(o, a, cx)).join("")}</ul></li>`;
    if (n.kind === "indicator") {
        const ind = a.indicators[n.index];
        if (!ind) return "<li>?</li>";
        const share = shareOf(indicatorKeys(ind), cx);
        const href = cx.indicatorHref ? cx.indicatorHref(share.key) : null;
        return `<li class="leaf-ind">${href ? `<a href="${esc(href)}">${esc(ind.text)}</a>` : `<code>${esc(ind.text)}</code>`}</li>`;
    }
    if (n.kind === "term") {
        const t = a.searchTerms[n.index];
        return `<li class="leaf-term">term <code>${esc(t ? termText(t) : "?")}</code></li>`;
    }
    if (n.kind === "time") {
        const t = a.timeRange[n.index];
        return `<li class="leaf-time">time <code>${esc(t ? `${t.name}=${t.value}` : "?")}</code></li>`;
    }
    if (n.kind === "macro") return `<li class="leaf-macro">macro <code>${esc(`\`${n.name}\``)}</code></li>`;
    if (n.kind === "subsearch") return '<li class="leaf-sub">[subsearch]</li>';
    return `<li class="leaf-other">other <code>${esc(n.text)}</code></li>`;
}

function table(head: string[], rows: string[][], cls: string): string {
    if (rows.length === 0) return '<p class="none">None.</p>';
    return `<table class="${cls}"><thead><tr>${head.map((h) => `<th scope="col">${esc(h)}</th>`).join("")}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join("")}</tr>`).join("")}</tbody></table>`;
}

function flags(x: { negated: boolean; subsearch: boolean; origin?: { macro: string } }): string {
    return [...(x.negated ? ["negated"] : []), ...(x.subsearch ? ["subsearch"] : []), ...(x.origin ? [`from \`${x.origin.macro}\``] : [])].map(esc).join(", ");
}

/** Every section of a rule's view after the SPL, as HTML. */
export function analysisSections(result: ParseResult, analysis: Analysis, d: DisplayText, cx: RuleViewContext, idPrefix = ""): string {
    const a = analysis;
    const out: string[] = [];
    const section = (id: string, title: string, body: string): void => {
        out.push(`<section id="${idPrefix}${id}" aria-labelledby="${idPrefix}${id}-h"><h2 id="${idPrefix}${id}-h">${esc(title)}</h2>${body}</section>`);
    };
    section("diagnostics", `Diagnostics (${a.diagnostics.length})`, diagnosticsBlock(d, idPrefix));
    section("picture", "Pipeline picture", `<div class="graph" role="figure" aria-label="Pipeline picture (scrolls sideways)" tabindex="0">${graphToSvg(pipelineGraph(result, a))}</div>`);
    const stageRows = a.stages.map((s) => [
        String(s.index),
        `<code>${esc(s.command)}</code>`,
        esc([...new Set([s.type ?? "", s.transforming ? "transforming" : "", s.level === "post-aggregation" ? "after aggregation" : ""])].filter(Boolean).join(", ")),
        s.predicates ? `<ul class="tree">${predicateTree(s.predicates, a, cx)}</ul>` : "",
    ]);
    section("stages", `Stages (${a.stages.length})`, table(["#", "command", "kind", "filter"], stageRows, "stages"));
    const indRows = a.indicators.map((ind, i) => {
        const keys = indicatorKeys(ind);
        const share = shareOf(keys, cx);
        const href = cx.indicatorHref ? cx.indicatorHref(share.key) : null;
        const shared = cx.shareCount ? `${share.count}` : "";
        return [
            `<code>${esc(`${ind.negated ? "NOT " : ""}${ind.text}`)}</code>`,
            String(ind.stage),
            esc([ind.level, ind.fieldSource].join(", ")),
            flags(ind),
            `<span class="share" data-indicator="${i}" data-key="${esc(share.key)}" data-count="${shared}">${href ? `<a href="${esc(href)}">${shared} rules</a>` : shared ? `${shared} (only this rule)` : ""}</span>`,
        ];
    });
    section("indicators", `Indicators (${a.indicators.length})`, table(["indicator", "stage", "level", "flags", "rules sharing it"], indRows, "indicators"));
    const termRows = a.searchTerms.map((t) => [`<code>${esc(termText(t))}</code>`, esc(t.kind), String(t.stage), flags(t)]);
    section("terms", `Search terms (${a.searchTerms.length})`, table(["term", "kind", "stage", "flags"], termRows, "terms"));
    if (a.timeRange.length > 0) section("time", "Time range", table(["modifier", "value", "stage"], a.timeRange.map((t) => [esc(t.name), `<code>${esc(t.value)}</code>`, String(t.stage)]), "time"));
    section("sources", "Data sources and macros", dataSources(a, cx));
    section("fields", "Fields", `<p>Read: ${a.fields.read.map((f) => `<code>${esc(f)}</code>`).join(", ") || "none"}</p><p>Written: ${a.fields.written.map((f) => `<code>${esc(f)}</code>`).join(", ") || "none"}</p>`);
    if (cx.relations && cx.relations.length > 0) {
        const items = cx.relations.map((r) => `<li>${esc(r.relation)} ${r.href ? `<a href="${esc(r.href)}">${esc(r.name)}</a>` : esc(r.name)}</li>`);
        section("relations", "Related rules", `<ul>${items.join("")}</ul>`);
    }
    return out.join("\n");
}

function dataSources(a: Analysis, cx: RuleViewContext): string {
    const ds = a.dataSources;
    const rows: string[][] = [];
    for (const f of ["index", "sourcetype", "source", "eventtype", "host"] as const) {
        for (const v of ds[f]) {
            const key = `${f}=${v.value}`;
            const href = !v.negated && v.op === "=" && cx.sourceHref ? cx.sourceHref(key) : null;
            const shown = `${v.negated ? "NOT " : ""}${f}${v.op}${v.value}`;
            rows.push([esc(f), href ? `<a href="${esc(href)}">${esc(shown)}</a>` : `<code>${esc(shown)}</code>`, flags(v)]);
        }
    }
    for (const m of ds.datamodels) {
        const key = `datamodel=${m.datamodel}${m.dataset ? `.${m.dataset}` : ""}`;
        const href = cx.sourceHref ? cx.sourceHref(key) : null;
        rows.push(["data model", href ? `<a href="${esc(href)}">${esc(key)}</a>` : `<code>${esc(key)}</code>`, esc(m.command)]);
    }
    for (const l of ds.lookups.read) rows.push(["lookup read", `<code>${esc(l.name)}</code>`, esc(l.command)]);
    for (const l of ds.lookups.written) rows.push(["lookup written", `<code>${esc(l.name)}</code>`, esc(l.command)]);
    const sources = table(["kind", "value", "where"], rows, "sources");
    const macroItems = ds.macros.map((m) => {
        const def = cx.macros?.byKey.get(m.arity > 0 ? `${m.name}(${m.arity})` : m.name);
        const body = def ? `<pre class="macro-def">${esc(def.definition)}</pre>` : '<p class="none">No definition given.</p>';
        return `<li><code>${esc(`\`${m.name}\``)}</code>${m.arity > 0 ? ` (${m.arity} argument${m.arity > 1 ? "s" : ""})` : ""}: ${m.expanded ? "expanded" : "not expanded"}, ${m.count} use(s)${body}</li>`;
    });
    const macros = macroItems.length > 0 ? `<h3>Macros</h3><ul class="macros">${macroItems.join("")}</ul>` : "";
    const subs = ds.subsearches > 0 ? `<p>Subsearches: ${ds.subsearches}</p>` : "";
    return `${sources}${macros}${subs}`;
}
