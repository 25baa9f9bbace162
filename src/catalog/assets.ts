/**
 * The catalog's style sheet and the index's filter script (inline, no library). Styles never
 * carry meaning by colour alone: marks differ by underline style and labels, severities by letter.
 */

/** `assets/catalog.css`, shared by the catalog pages and the playground. */
export const CATALOG_CSS = `
:root{--fg:#1b1b1b;--muted:#555;--bg:#fff;--line:#ccc;--focus:#0b57d0}
*{box-sizing:border-box}
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg);margin:0}
main{padding:0 1.25rem 3rem;max-width:1200px}
header.site{padding:.6rem 1.25rem;border-bottom:1px solid var(--line);display:flex;gap:1rem;align-items:baseline;flex-wrap:wrap}
header.site .brand{font-weight:700}
header.site nav a{margin-right:.9rem}
a{color:#0645ad}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible,[tabindex]:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:.5rem;top:.5rem;background:#fff;padding:.3rem .6rem;z-index:9}
h1{font-size:1.45rem;margin:1rem 0 .3rem}h2{font-size:1.15rem;margin:1.6rem 0 .5rem;border-bottom:1px solid var(--line)}h3{font-size:1rem}
code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:13px}
pre{background:#f6f6f6;border:1px solid var(--line);padding:.6rem .8rem;overflow:auto;white-space:pre-wrap;word-break:break-word}
pre.spl{line-height:1.7}
.meta{color:var(--muted)}.meta dt{font-weight:600;float:left;clear:left;margin-right:.4rem}.meta dd{margin:0 0 .1rem}
mark{background:none;color:inherit}
.ind{text-decoration:underline 2px solid #1a7f37;text-underline-offset:3px;color:inherit;background:#e9f6ec}
.term{text-decoration:underline 2px dashed #8250df;text-underline-offset:3px;background:#f3eefc}
.diag{text-decoration:underline 2px wavy #cf222e;text-underline-offset:4px;background:#fde8e8}
.diag.warning{text-decoration-color:#9a6700;background:#fff5d6}.diag.info{text-decoration-color:#0969da;background:#e7f0fb}
.diag.empty::before{content:"\\2038";font-weight:700}
sup.dref{font-size:10px;font-weight:700;margin-left:1px}
.legend{font-size:13px;color:var(--muted)}.legend span{padding:0 .2rem;margin-right:.4rem}
table{border-collapse:collapse;width:100%;margin:.3rem 0}th,td{border:1px solid var(--line);padding:.25rem .45rem;text-align:left;vertical-align:top}
td code{overflow-wrap:anywhere}
thead th{background:#f0f0f0}
ul.tree,ul.tree ul{list-style:none;margin:0;padding-left:1.1rem;border-left:1px dotted #999}ul.tree{padding-left:.3rem;border:0}
.op{font-weight:700}
.diagnostics li{margin-bottom:.6rem}.diagnostics pre{margin:.2rem 0;white-space:pre;word-break:normal}
.graph{overflow:auto;border:1px solid var(--line);padding:.4rem;background:#fff}
.graph g.node:focus rect{stroke:var(--focus);stroke-width:3}
.none{color:var(--muted)}
.filters{display:flex;flex-wrap:wrap;gap:.6rem 1rem;align-items:end;margin:.6rem 0}
.filters label{display:flex;flex-direction:column;font-size:13px;font-weight:600}
.filters select,.filters input{font:inherit;padding:.2rem;max-width:22rem}
.count{font-weight:600}
.num{text-align:right;font-variant-numeric:tabular-nums}
nav.toc{font-size:13px}nav.toc a{margin-right:.6rem}
`;

/** The index's filters: data source, technique (a parent also matches its sub-techniques), diagnostic code, free text. State lives in the URL hash so views can be linked. */
export const INDEX_SCRIPT = `(function(){
var rows=[].slice.call(document.querySelectorAll('#rules tbody tr')).map(function(r){return{el:r,s:JSON.parse(r.getAttribute('data-sources')),t:JSON.parse(r.getAttribute('data-techniques')),c:JSON.parse(r.getAttribute('data-codes')),q:r.getAttribute('data-text')}});
var ids=['source','technique','code','text'];var el={};ids.forEach(function(k){el[k]=document.getElementById('f-'+k)});
function apply(){var s=el.source.value,t=el.technique.value,c=el.code.value,q=el.text.value.trim().toLowerCase(),n=0;
rows.forEach(function(r){var ok=(!s||r.s.indexOf(s)>=0)&&(!t||r.t.some(function(x){return x===t||x.indexOf(t+'.')===0}))&&(!c||r.c.indexOf(c)>=0)&&(!q||r.q.indexOf(q)>=0);r.el.hidden=!ok;if(ok)n++});
document.getElementById('f-count').textContent=n+' of '+rows.length+' rules shown';
var h=ids.filter(function(k){return el[k].value}).map(function(k){return k+'='+encodeURIComponent(el[k].value)}).join('&');
if(history.replaceState)history.replaceState(null,'',h?'#'+h:location.pathname)}
function fromHash(){location.hash.slice(1).split('&').forEach(function(p){var i=p.indexOf('=');if(i<0)return;var k=p.slice(0,i);if(el[k]){var v=decodeURIComponent(p.slice(i+1));if(el[k].tagName==='SELECT'&&![].some.call(el[k].options,function(o){return o.value===v})){var o=document.createElement('option');o.value=o.textContent=v;el[k].appendChild(o)}el[k].value=v}})}
ids.forEach(function(k){el[k].addEventListener('input',apply);el[k].addEventListener('change',apply)});
document.getElementById('f-clear').addEventListener('click',function(){ids.forEach(function(k){el[k].value=''});apply();el.text.focus()});
fromHash();apply()})();`;
