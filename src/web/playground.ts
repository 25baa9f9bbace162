/// <reference lib="dom" />
/**
 * The playground page's script: parses and analyses what is typed, on every change, entirely in
 * the browser. Diagnostics are underlined in place by a backdrop under the (transparent) text
 * area; the views below are the catalog's own rule view, the formatted SPL and the IR.
 */
import { analyze, createLineIndex, normalizeMacros, parse, parseMacrosConf, type ParseOptions } from "../index.js";
import { CATALOG_CSS } from "../catalog/assets.js";
import { analysisSections, displayText, splBlock } from "../catalog/rule-view.js";
import { highlight, type Mark } from "../catalog/highlight.js";
import { esc } from "../catalog/html.js";

const EXAMPLE_SPL = `\`windows_security\` EventCode=4625 (Logon_Type=3 OR Logon_Type=10
| bin _time span=5m
| stats dc(TargetUserName) AS accounts BY _time, IpAddress
| where accounts > 10`;

const EXAMPLE_MACROS = `[windows_security]
definition = index=wineventlog source=WinEventLog:Security
`;

const PLAYGROUND_CSS = `
.editors{display:grid;grid-template-columns:2fr 1fr;gap:1rem}
@media (max-width:800px){.editors{grid-template-columns:1fr}}
.editor-wrap label{display:block;font-weight:600;font-size:13px;margin-bottom:.2rem}
.editor{position:relative}
.editor textarea,.editor .backdrop,#macros{font:13px/1.6 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;padding:.5rem .6rem;margin:0;border:1px solid #888;width:100%;min-height:11rem;white-space:pre-wrap;word-break:break-word;overflow-wrap:break-word;tab-size:4}
.editor .backdrop{position:absolute;inset:0;color:transparent;background:#fff;overflow:hidden;border-color:transparent;pointer-events:none}
.editor textarea{position:relative;background:transparent;resize:vertical;color:#1b1b1b;caret-color:#000}
.editor .backdrop mark{color:transparent}
[role=tablist]{margin:1rem 0 0;border-bottom:1px solid #ccc}
[role=tab]{font:inherit;padding:.35rem .8rem;border:1px solid #ccc;border-bottom:0;background:#f3f3f3;margin-right:.2rem;cursor:pointer}
[role=tab][aria-selected=true]{background:#fff;font-weight:700;text-decoration:underline}
#ir{max-height:40rem}
ol.messages{margin:.2rem 0 0;padding-left:1.4rem;font-size:13px}ol.messages:empty{display:none}
ol.messages li{margin:.1rem 0}
`;

function byId<T extends HTMLElement>(id: string): T {
    const el = document.getElementById(id);
    if (!el) throw new Error(`missing #${id}`);
    return el as T;
}

function setup(): void {
    const style = document.createElement("style");
    style.textContent = CATALOG_CSS + PLAYGROUND_CSS;
    document.head.appendChild(style);
    const spl = byId<HTMLTextAreaElement>("spl");
    const macros = byId<HTMLTextAreaElement>("macros");
    const backdrop = byId<HTMLPreElement>("backdrop");
    const status = byId<HTMLParagraphElement>("status");
    const messages = byId<HTMLOListElement>("messages");
    const views = { analysis: byId("view-analysis"), formatted: byId("view-formatted"), ir: byId<HTMLPreElement>("ir") };
    // Opened outside a catalog (straight from dist/web), the link back has nowhere to go.
    if (!location.pathname.includes("/playground/")) byId("catalog-link").hidden = true;
    spl.value = EXAMPLE_SPL;
    macros.value = EXAMPLE_MACROS;

    const update = (): void => {
        const conf = parseMacrosConf(macros.value, "macros.conf");
        const options: ParseOptions = conf.macros.length > 0 ? { macros: normalizeMacros(conf.macros) } : {};
        const text = spl.value;
        const result = parse(text, options);
        const analysis = analyze(result);
        const marks: Mark[] = analysis.diagnostics.map((d, i) => ({
            start: d.span.start,
            end: d.span.end,
            tag: "mark",
            attrs: { class: `diag ${d.severity}`, "data-code": d.code, "data-start": d.span.start, id: `in-place-${i + 1}` },
        }));
        // A trailing newline keeps the backdrop as tall as the text area's last line.
        backdrop.innerHTML = `${highlight(text, marks)}\n`;
        const counts = ["error", "warning", "info"].map((s) => `${analysis.diagnostics.filter((d) => d.severity === s).length} ${s}(s)`);
        status.textContent = `${analysis.stages.length} stage(s), ${analysis.indicators.length} indicator(s); ${counts.join(", ")}`;
        status.dataset.diagnostics = String(analysis.diagnostics.length);
        // The messages next to the text area: the marks in it are drawn by a backdrop that
        // neither a pointer nor a screen reader reaches.
        const lines = createLineIndex(text);
        messages.innerHTML = analysis.diagnostics
            .map((d, i) => {
                const at = lines.position(d.span.start);
                return `<li class="diag-item ${esc(d.severity)}" data-code="${esc(d.code)}"><strong>${esc(d.severity[0]?.toUpperCase() ?? "?")}${i + 1} ${esc(d.code)}</strong> line ${at.line}, column ${at.column}: ${esc(d.message)}</li>`;
            })
            .join("");
        const shown = displayText(text, analysis, options);
        const asWritten = { text, formatted: false, analysis };
        const cx = { parseOptions: options, macros: "macros" in options ? normalizeMacros(conf.macros) : null };
        views.analysis.innerHTML = `<h2>Search as written</h2>${splBlock(asWritten, cx)}${analysisSections(result, analysis, asWritten, cx)}`;
        views.formatted.innerHTML = shown.formatted
            ? splBlock(shown, cx, "f-")
            : `<p class="none">${esc(analysis.diagnostics.some((d) => d.severity === "error") ? "The search has errors: it is shown as written." : "Already formatted.")}</p>${splBlock(shown, cx, "f-")}`;
        views.ir.textContent = JSON.stringify(result.pipeline, null, 2);
    };
    let timer: ReturnType<typeof setTimeout> | undefined;
    const schedule = (): void => {
        if (timer !== undefined) clearTimeout(timer);
        timer = setTimeout(update, 120);
    };
    spl.addEventListener("input", schedule);
    macros.addEventListener("input", schedule);
    spl.addEventListener("scroll", () => {
        backdrop.scrollTop = spl.scrollTop;
    });
    tabs();
    update();
}

/** Tabs with arrow-key navigation (WAI-ARIA tabs pattern). */
function tabs(): void {
    const list = Array.from(document.querySelectorAll<HTMLButtonElement>("[role=tab]"));
    const select = (tab: HTMLButtonElement): void => {
        for (const t of list) {
            const on = t === tab;
            t.setAttribute("aria-selected", String(on));
            t.tabIndex = on ? 0 : -1;
            const panel = document.getElementById(t.getAttribute("aria-controls") ?? "");
            if (panel) panel.hidden = !on;
        }
        tab.focus();
    };
    list.forEach((t, i) => {
        t.addEventListener("click", () => select(t));
        t.addEventListener("keydown", (e: KeyboardEvent) => {
            const step = e.key === "ArrowRight" ? 1 : e.key === "ArrowLeft" ? -1 : 0;
            if (step === 0) return;
            e.preventDefault();
            select(list[(i + step + list.length) % list.length] as HTMLButtonElement);
        });
    });
}

setup();
