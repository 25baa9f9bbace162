/**
 * Semantic warnings (SPL3001, SPL3003-SPL3007): searches that parse but do not do what they say.
 *
 * - SPL3001 `TERM()` text with a major breaker (white space, parentheses, `<>`, `,;`...) or a
 *   boolean word: such a token never matches (reference §2.8).
 * - SPL3002 is no longer reported: `bin` without a field bins `_time` (reference §4.5), which
 *   the command lowering notes as the info SPL2001, the same in `parse` and `analyze`.
 * - SPL3003 a command-position macro standing inside a search or where expression, i.e. written
 *   without its `|`. A macro is a "command macro" when its name ends in `_filter` (the
 *   security_content convention: those default to `search *`), is one of
 *   {@link COMMAND_MACROS}, or is listed in `commandMacros` (see {@link commandMacroNames}). After
 *   expansion the same mistake shows as a raw term that is a command name (`search`, `eval`,
 *   `convert`...) at the very start of a macro's definition; that is reported too.
 * - SPL3004 a field an aggregating command consumed (`stats values(x) AS y`, `stats dc(x)`) and
 *   that no longer exists, used by a later stage under its old name.
 * - SPL3005 (info) search-language `field!=value` at event level on a field that may be absent:
 *   not a search modifier, not known to exist (lineage: after `fillnull`/`eval` of the field it
 *   does), and no other positive predicate on the field in the same stage (`x=* x!=a`). `!=`
 *   drops events without the field, `NOT field=value` keeps them (reference §2.5); `field!=*`
 *   matches nothing at all. Not reported for eval/where, where `NOT` does not keep null fields
 *   either. It is an info: often `!=` is what the author meant (`TargetUserName!="*$"`).
 * - SPL3006 a raw term, phrase or directive of the top-level pipeline where lineage knows `_raw`
 *   is gone (after `stats`, `table x`, `fields - _raw`...); silent where `_raw` is kept
 *   (`table _time, _raw`, `table *`, `stats values(_raw) AS _raw`) or unknown.
 * - SPL3008 an eval/where equality whose string holds `*`: eval reads it literally (use like()).
 * - SPL3007 a field used after a stage that removed it (`fields -`, `table`, `stats`, `rename`).
 *
 * SPL3004/SPL3007 use lineage's field sets and fire only when a field is known to be absent, so an
 * unexpanded macro stage or a lookup without OUTPUT (unknown fields) silences them.
 */
import type { Command, Diagnostic, Expr, Pipeline, SearchExpr, SearchValue, Severity } from "../ir/nodes.js";
import type { Origin, Span } from "../ir/span.js";
import { DIAGNOSTIC_CODES, type DiagnosticCode } from "../diagnostics/codes.js";
import { commandInfo } from "../commands/catalog.js";
import { splitStanzaName } from "../macros/definition.js";
import { fieldStatus, isAggregating, LineageCache, type FieldSet, type StageLineage } from "./lineage.js";
import { exprFields } from "./lineage/expr.js";
import { SKIP, visit, walkNodes, type Visitor } from "../visit/visit.js";
import type { Node } from "../visit/keys.js";
import type { Indicator, SearchTerm } from "./indicators.js";

/**
 * Macros that are commands in security_content and the CIM: they must follow a `|`.
 * (`security_content_ctime(1)` is `convert ...`, `drop_dm_object_name(1)` is `rename ...`.)
 */
export const COMMAND_MACROS: readonly string[] = Object.freeze(["security_content_ctime", "drop_dm_object_name"]);

/**
 * The names of the macros whose definition is a command (`convert ...`, `search *`,
 * `lookup ...`, `| inputlookup ...`), from their definitions: pass the result as
 * `commandMacros` so that SPL3003 knows them. A definition counts when its first word (after an
 * optional `|`) is a command splc knows and is not followed by `=` (`source=x` is a search).
 */
export function commandMacroNames(definitions: readonly { name: string; definition: string }[]): string[] {
    const out: string[] = [];
    for (const d of definitions) {
        const m = /^\s*(?:\|\s*)?([A-Za-z_][A-Za-z0-9_]*)(\s*(!?=|<|>))?/.exec(d.definition);
        if (!m || m[2] || !m[1] || !commandInfo(m[1])) continue;
        const name = splitStanzaName(d.name).name;
        if (!out.includes(name)) out.push(name);
    }
    return out;
}

/** Options of {@link semanticWarnings}. */
export interface WarningOptions {
    /** Extra macro names that are commands (see SPL3003). */
    commandMacros?: readonly string[];
}

/** Builds one diagnostic with the catalog's severity. */
function diag(code: DiagnosticCode, message: string, span: Span, origin?: Origin): Diagnostic {
    const d: Diagnostic = { code, severity: DIAGNOSTIC_CODES[code].severity as Severity, message, span: { start: span.start, end: span.end } };
    if (origin) d.origin = origin;
    return d;
}

/**
 * The semantic warnings of a pipeline (nested pipelines included), given the indicators and
 * search terms the analysis found in it, and the lineage of its pipelines (computed once per
 * pipeline; pass the analysis' own to share it).
 */
export function semanticWarnings(
    pipeline: Pipeline,
    indicators: readonly Indicator[],
    terms: readonly SearchTerm[],
    options: WarningOptions = {},
    lineages: LineageCache = new LineageCache(),
): Diagnostic[] {
    const out: Diagnostic[] = [];
    const commandMacros = new Set([...COMMAND_MACROS, ...(options.commandMacros ?? [])]);
    const isCommandMacro = (name: string): boolean => /_filter$/i.test(name) || commandMacros.has(name);

    // SPL3001, SPL3003 over every node; lineage checks over every pipeline (a foreach
    // template is no search of its own).
    const pipelines: Pipeline[] = [];
    walkNodes(pipeline, {
        Pipeline: (p) => void pipelines.push(p),
        ForeachCommand: () => SKIP,
        Directive: (node) => directiveCheck(node.name, node.text, node, out),
        Compare: (node) => valueDirectiveCheck(node.value, node, out),
        In: (node) => {
            for (const v of node.values) valueDirectiveCheck(v, node, out);
        },
        SearchCommand: (node) => {
            if (node.filter) expressionChecks(node.filter, "search", isCommandMacro, out);
        },
        WhereCommand: (node) => expressionChecks(node.condition, "where", isCommandMacro, out),
    });

    // SPL3008: `*` in an eval equality is a literal character, not a wildcard (reference §7.8).
    for (const i of indicators) {
        if (i.syntax !== "eval" || (i.op !== "=" && i.op !== "!=") || !(i.values[0] ?? "").includes("*")) continue;
        const v = i.values[0] ?? "";
        out.push(
            diag(
                "SPL3008",
                `in eval, '*' is no wildcard: ${i.field}${i.op}"${v}" compares with the literal text "${v}"; write like(${i.field}, "${v.replace(/\*/g, "%")}") for a pattern`,
                i.span,
                i.origin,
            ),
        );
    }

    // SPL3005: `!=` that drops events without the field.
    // Keyed lookups, not a scan per indicator: thousands of `!=` terms would be quadratic.
    const requiring = new Set<string>();
    const key = (j: Indicator): string => JSON.stringify([j.stage, j.subsearch, j.field]);
    for (const j of indicators) if (!j.negated && (j.op === "=" || j.op === "IN" || j.op === "isnotnull" || j.op === "LIKE" || j.op === "match")) requiring.add(key(j));
    for (const i of indicators) {
        if (i.op !== "!=" || i.syntax !== "search" || i.negated || i.modifier || i.level !== "event") continue;
        if (requiring.has(key(i))) continue;
        // Known to exist on every row (fillnull, eval before a later `| search`): nothing is dropped.
        if (!i.subsearch && i.stage > 0) {
            const before = lineages.after(pipeline)[i.stage - 1];
            if (before && fieldStatus(before, i.field) === "present") continue;
        }
        const v = i.values[0] ?? "";
        const msg =
            v === "*"
                ? `'${i.field}!=*' matches nothing; 'NOT ${i.field}=*' selects events without ${i.field}`
                : `'${i.field}!=${v}' also drops events that have no ${i.field}; write 'NOT ${i.field}=${v}' to keep them`;
        out.push(diag("SPL3005", msg, i.span, i.origin));
    }

    // SPL3006: raw-text terms where `_raw` is known to be gone.
    const rawGone = new Map<number, boolean>();
    const isRawGone = (stage: number): boolean => {
        let gone = rawGone.get(stage);
        if (gone === undefined) {
            const before = stage > 0 ? lineages.after(pipeline)[stage - 1] : undefined;
            rawGone.set(stage, (gone = before !== undefined && fieldStatus(before, "_raw") === "absent"));
        }
        return gone;
    };
    for (const t of terms) {
        if (t.subsearch || t.text === "*" || !isRawGone(t.stage)) continue;
        out.push(
            diag(
                "SPL3006",
                `raw search term '${t.kind === "term" || t.kind === "phrase" ? t.text : `${t.kind}(${t.text})`}' after a stage that dropped _raw: the events' raw text is gone there, so it matches nothing; compare a field instead`,
                t.span,
                t.origin,
            ),
        );
    }

    // SPL3004 / SPL3007 per pipeline.
    for (const p of pipelines) removedFieldChecks(p, lineages, out);

    return dedupe(out);
}

/**
 * SPL3001 for TERM(): its text must be one indexed token, so a major breaker inside it (white
 * space, parentheses, brackets, `<>`, `,;|!&'"`) means it never matches (reference §2.8).
 * CASE() only makes a match case-sensitive; whether it takes several words is not documented,
 * so it is not checked.
 */
function directiveCheck(name: string, text: string, node: Node, out: Diagnostic[]): void {
    if (name !== "TERM") return;
    const bad = /\s/.test(text)
        ? "white space"
        : /[()]/.test(text)
          ? "a parenthesis"
          : /\b(AND|OR|NOT)\b/.test(text)
            ? "a boolean word"
            : /[[\]{}<>,;|!&'"]/.test(text)
              ? `the major breaker '${/[[\]{}<>,;|!&'"]/.exec(text)?.[0] ?? ""}'`
              : null;
    if (!bad) return;
    out.push(diag("SPL3001", `${name}(${text}) contains ${bad}: ${name}() matches one indexed token, which never contains major breakers, so this matches nothing`, node.span, node.origin));
}

/** `field=TERM(x)`: the directive wrapping a comparison's value. */
function valueDirectiveCheck(v: SearchValue, node: Node, out: Diagnostic[]): void {
    if (v.directive === "TERM" || v.directive === "CASE") directiveCheck(v.directive, v.text, node, out);
}

/**
 * SPL3003 in a search or where expression (not descending into subsearches): a macro that is a
 * command standing as an operand, or a macro whose expansion starts with a command name.
 */
function expressionChecks(root: SearchExpr | Expr, where: "search" | "where", isCommandMacro: (name: string) => boolean, out: Diagnostic[]): void {
    walkNodes(root, {
        Subsearch: () => SKIP,
        MacroCall: (m) => {
            if (!isCommandMacro(m.name)) return;
            out.push(diag("SPL3003", `macro '${m.name}' is a command but stands inside a ${where} expression: write '| \`${m.name}\`' as its own stage`, m.span, m.origin));
        },
        Term: (t) => {
            const o = t.origin;
            const v = t.value;
            if (!o || o.span.start !== 0 || v.quoted || !commandInfo(v.text)) return;
            out.push(diag("SPL3003", `macro '${o.macro}' expands to the command '${v.text} ...' inside a search expression: call it as its own stage, after a '|'`, t.span, o));
        },
    });
}

/** SPL3004 and SPL3007 for one pipeline. */
function removedFieldChecks(p: Pipeline, lineages: LineageCache, out: Diagnostic[]): void {
    const n = p.commands.length;
    if (n < 2) return;
    const stages = lineages.stages(p);
    const sets = lineages.after(p);
    const before = (i: number): FieldSet => (i <= 0 ? { exact: false, fields: [], patterns: [], removed: [] } : (sets[i - 1] as FieldSet));
    // Per name, the last stage before which it was not absent: one forward scan per name over
    // all the stages (the reading stages come in order), not a walk back per read.
    const scans = new Map<string, { next: number; last: number }>();
    const lastPresent = (name: string, j: number): number => {
        let m = scans.get(name);
        if (!m) scans.set(name, (m = { next: 0, last: -1 }));
        for (; m.next < j; m.next++) if (fieldStatus(before(m.next), name) !== "absent") m.last = m.next;
        return m.last;
    };
    for (let j = 1; j < n; j++) {
        const c = p.commands[j] as Command;
        if (c.kind === "MacroCall" || c.kind === "ErrorCommand") continue;
        if (c.kind === "FieldsCommand" && c.mode === "remove") continue;
        const lin = stages[j] as StageLineage;
        const prev = before(j);
        const strict = strictReads(c);
        for (const name of lin.reads) {
            if (name.includes("*") || lin.writes.includes(name)) continue;
            // A bare `null` in eval is the idiom for a null value, not a real field.
            if (name.toLowerCase() === "null") continue;
            // Only in coalesce()/isnull()/isnotnull(): reading an absent field there is the point.
            if (strict && !strict.has(name)) continue;
            // A raw term after a transforming command is SPL3006's business.
            if (name === "_raw" && c.kind === "SearchCommand") continue;
            if (fieldStatus(prev, name) !== "absent") continue;
            // The stage that made it absent: the last one before which it was not absent.
            const k = lastPresent(name, j);
            if (k < 0) continue;
            const remover = p.commands[k] as Command;
            // A generating first stage (makeresults, rest...) did not remove the field: it never
            // had it. Aggregating generators (tstats, mstats) are kept: their output is the point.
            if (k === 0 && !isAggregating(remover)) continue;
            // tstats/mstats with `span=` output `_time` although lineage does not list it.
            if (name === "_time" && remover.kind === "StatsCommand" && remover.options.some((o) => o.name.toLowerCase() === "span")) continue;
            const where = useSpan(c, name);
            const label = remover.kind === "MacroCall" ? `\`${remover.name}\`` : remover.name;
            if (isAggregating(remover) && remover.kind === "StatsCommand" && consumes(remover, name)) {
                const outputs = remover.aggregations.filter((a) => a.args.some((x) => exprFields(x).includes(name))).map((a) => a.as ?? `${a.fn}(${name})`);
                out.push(
                    diag("SPL3004", `'${name}' was aggregated by ${label} (stage ${k}) into ${outputs.map((o) => `'${o}'`).join(", ")}; after it '${name}' no longer exists`, where.span, where.origin),
                );
            } else if (remover.kind === "RenameCommand" && remover.renames.some((r) => r.from === name)) {
                const to = remover.renames.find((r) => r.from === name)?.to ?? "";
                out.push(diag("SPL3007", `'${name}' was renamed to '${to}' by rename (stage ${k}); it no longer exists here`, where.span, where.origin));
            } else {
                out.push(diag("SPL3007", `'${name}' is used here but ${label} (stage ${k}) removed it: it no longer exists`, where.span, where.origin));
            }
        }
    }
}

/** Functions that are made for fields that may be absent. */
const NULL_TOLERANT = new Set(["coalesce", "isnull", "isnotnull"]);

/**
 * For eval/where stages: the fields read outside {@link NULL_TOLERANT} calls. Null for other
 * commands (all their reads count).
 */
function strictReads(c: Command): Set<string> | null {
    if (c.kind !== "EvalCommand" && c.kind !== "WhereCommand") return null;
    const out = new Set<string>();
    const read: Visitor = {
        Field: (f, info) => {
            if (!(info.parent?.kind === "Call" && NULL_TOLERANT.has(info.parent.name))) out.add(f.name);
        },
        Subsearch: () => SKIP,
        MacroCall: () => SKIP,
    };
    if (c.kind === "WhereCommand") visit(c.condition, read);
    else for (const a of c.assignments) visit(a.expr, read);
    return out;
}

function consumes(s: Extract<Command, { kind: "StatsCommand" }>, name: string): boolean {
    return !s.by.some((x) => x.kind === "FieldRef" && x.name === name) && s.aggregations.some((a) => a.args.some((x) => exprFields(x).includes(name)));
}

/**
 * The span of the first use of `name` in a command, in source order: a field node, a field
 * reference, a comparison or IN on it, or a field of a typed command's pairs and keys (rename,
 * sort keys, lookup field maps, conversions, return items); the command's span when there is
 * none. Subsearches are not looked into: their fields are no reads of the command.
 */
function useSpan(c: Command, name: string): { span: Span; origin?: Origin } {
    let found: { span: Span; origin?: Origin } | null = null;
    const hit = (span: Span, origin: Origin | undefined): void => {
        if (found === null || span.start < found.span.start) found = origin ? { span, origin } : { span };
    };
    walkNodes(c, {
        Subsearch: () => SKIP,
        enter: (x) => {
            if (((x.kind === "Field" || x.kind === "FieldRef") && x.name === name) || ((x.kind === "Compare" || x.kind === "In") && x.field === name)) hit(x.span, x.origin);
            // The node's own parts that are no nodes (pairs, keys, maps): one level, their nodes are visited.
            for (const v of Object.values(x)) for (const part of Array.isArray(v) ? v : [v]) if (namesField(part, name)) hit(part.span, undefined);
        },
    });
    return found ?? (c.origin ? { span: c.span, origin: c.origin } : { span: c.span });
}

/** A part of a node without a kind (a rename pair, a sort key, a lookup field map...) that names the field `name`. */
function namesField(x: unknown, name: string): x is { span: Span } {
    if (typeof x !== "object" || x === null || "kind" in x || !("span" in x)) return false;
    const o = x as { name?: unknown; field?: unknown; eventField?: unknown; from?: unknown };
    return o.name === name || o.field === name || o.eventField === name || o.from === name;
}

function dedupe(list: Diagnostic[]): Diagnostic[] {
    const seen = new Set<string>();
    return list.filter((d) => {
        const k = `${d.code}|${d.span.start}|${d.span.end}|${d.message}`;
        if (seen.has(k)) return false;
        seen.add(k);
        return true;
    });
}

/** Parse diagnostics plus semantic warnings, in source order (stable). */
export function mergeDiagnostics(parse: readonly Diagnostic[], semantic: readonly Diagnostic[]): Diagnostic[] {
    return [...parse, ...semantic]
        .map((d, i) => ({ d, i }))
        .sort((a, b) => a.d.span.start - b.d.span.start || a.i - b.i)
        .map((x) => x.d);
}
