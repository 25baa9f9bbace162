/**
 * The shape of the printing table (one entry per command kind, each family file of this folder
 * holding its kinds' entries; `../print.ts` joins them), what the entries see of the printer,
 * and the pieces they print with.
 */
import type { Command, CommandArg, Expr, FieldRef, MacroCall, OptionArg, Pipeline, SearchExpr } from "../../ir/nodes.js";
import type { LookupFieldMap, SortKey } from "../../ir/commands.js";
import { callText } from "../../macros/scan.js";
import { fill, join, line, type Doc } from "../doc.js";
import { argumentField, lexesAsWord, quote, rawWordOrQuoted, type WordContext } from "../lexical.js";

/** Bare words inside a search command: only AND/OR/NOT/IN are reserved. */
export const SEARCH: WordContext = { search: true };
/** Bare words among the arguments of a command the catalog does not know: clause keywords but GROUPBY are reserved too. */
export const OTHER: WordContext = { search: false };

/** `` `name(a, b)` `` */
export function macroText(m: MacroCall): string {
    return callText(m.name, m.args);
}

/** Lower case (clause keywords and option names compare so). */
export function lower(s: string): string {
    return s.toLowerCase();
}

/** What a command's entry sees of the printer (src/print/print.ts). */
export interface CommandPrinter {
    /** How bare words read in the arguments of the command being printed. */
    readonly words: WordContext;
    /**
     * A typed stage: its parts in canonical order, with each `rest` argument written before the
     * first part that was read after it (source offsets), the others at the end.
     */
    typedStage(name: string, parts: readonly (Part | NodePart)[], rest: readonly CommandArg[]): Doc;
    /** `name` and its argument documents, laid out as one fill. */
    withParts(name: string, parts: Doc[]): Doc;
    /** A bracketed pipeline; `template`: foreach's, whose first stage has no pipe. */
    subsearch(p: Pipeline, template: boolean): Doc;
    search(e: SearchExpr, cx: WordContext): Doc;
    expr(e: Expr): Doc;
    /** Argument documents, one per wrapping unit. */
    argParts(args: readonly CommandArg[], cx: WordContext, template?: boolean): Doc[];
    /** `build()`, after the source comments that stand before `start` (format only). */
    led(start: number, build: () => Doc): Doc;
}

/** How every command kind prints (without its leading `| `): a kind without an entry does not compile. */
export type PrintTable = { readonly [K in Command["kind"]]: (p: CommandPrinter, c: Extract<Command, { kind: K }>) => Doc };

/** One printed piece of a typed command and the source offset it was read at (null: none). */
export interface Part {
    at: number | null;
    doc: Doc;
}

/**
 * A piece with nodes inside (a subsearch, a WHERE clause), built when typedStage reaches it:
 * the comments inside are claimed in the order the pieces print, so a piece printed before
 * it claims the comments written before that piece (format(format(x)) === format(x)).
 */
export interface NodePart {
    at: number;
    build: () => Doc;
    /**
     * The node is a pipeline that prints in brackets, and `at` is its first stage: a comment
     * written right after its `[` is inside them, and the first stage claims it.
     */
    bracketed?: boolean;
}

/** The piece printing a subsearch held as its pipeline (join, append, multisearch), in brackets; none without one. */
export function subsearchPart(pipeline: Pipeline | null, p: CommandPrinter): NodePart[] {
    return pipeline ? [{ at: pipeline.span.start, build: () => p.subsearch(pipeline, false), bracketed: true }] : [];
}

/** The piece printing `node` with `build`; none when there is no node. */
export function nodePart<T extends { span: { start: number } }>(node: T | null, build: (n: T) => Doc): NodePart[] {
    return node ? [{ at: node.span.start, build: () => build(node) }] : [];
}

/** A lookup's table name; none when no name was written (a macro among the arguments may supply it). */
export function lookupName(name: string, cx: WordContext): Part[] {
    return name === "" ? [] : [synth(rawWordOrQuoted(name, cx))];
}

/** A part read only as the last argument (sort's `desc`): every `rest` argument goes before it. */
export function last(doc: Doc): Part {
    return { at: Number.MAX_SAFE_INTEGER, doc };
}

/** A part with no source position (a typed value printed in its canonical form). */
export function synth(doc: Doc): Part {
    return { at: null, doc };
}

export function opt(o: OptionArg): Part {
    return { at: o.span.start, doc: optionDoc(o) };
}

/** A field list, `sep` after every field but the last. */
export function refList(fields: readonly FieldRef[], sep: "," | ""): Part[] {
    return fields.map((f, i) => ({ at: f.span.start, doc: i < fields.length - 1 && sep ? [fieldRefText(f), sep] : fieldRefText(f) }));
}

/**
 * A field reference as written: quoted when it was, else bare. An unquoted reference was read
 * from a bare word in its place (clause keywords included: `transaction from`), so it reads
 * back the same; only a name that cannot be one word is quoted.
 */
export function fieldRefText(f: FieldRef): string {
    // A leading sign would read as `fields -` / `sort -`: such a name is quoted.
    if (f.quoted || /^[+-]/.test(f.name)) return quote(f.name);
    return f.name !== "" && lexesAsWord(f.name) ? f.name : argumentField(f.name, OTHER);
}

/** A field name held as a string by a typed command (rename pairs, single fields). */
export function fieldText(name: string, cx: WordContext): string {
    return argumentField(name, cx);
}

/** `name=value`, quoted as written. */
/** Macros glued after a where/eval stage: ` \`m\``, after a space (harmless before any body). */
export function gluedDocs(macros: readonly MacroCall[] | undefined): Doc[] {
    return (macros ?? []).map((m) => [" ", macroText(m)]);
}

export function optionDoc(o: OptionArg): string {
    return `${o.name}=${o.quoted ? quote(o.value) : o.value}`;
}

export function fieldMap(m: LookupFieldMap, cx: WordContext): Part {
    const l = fieldText(m.lookupField, cx);
    return { at: m.span.start, doc: m.eventField === m.lookupField ? l : [l, " AS ", fieldText(m.eventField, cx)] };
}

export function sortKeys(keys: readonly SortKey[], cx: WordContext): Part[] {
    return keys.map((k, i) => {
        // Outside a function's parentheses a leading sign would read as the key's own sign, and
        // a last bare `d`/`desc` as sort's reverse flag: such names are quoted.
        const name = k.fn === null && (/^[+-]/.test(k.field) || /^(d|desc)$/i.test(k.field)) ? quote(k.field) : fieldText(k.field, cx);
        const body = k.fn !== null ? `${k.fn}(${name})` : name;
        return { at: k.span.start, doc: (k.descending ? "-" : "") + body + (i < keys.length - 1 ? "," : "") };
    });
}

/** The BY clause: fields (tstats' `PREFIX(x)` is written as such) and macros standing for fields. */
export function byParts(by: readonly (FieldRef | MacroCall)[]): Part[] {
    if (by.length === 0) return [];
    const item = (f: FieldRef | MacroCall): Doc => (f.kind === "MacroCall" ? macroText(f) : /^(TERM|CASE|PREFIX)\([^()|[\]`"]*\)$/.test(f.name) ? f.name : fieldRefText(f));
    // Commas belong to the items, so that a full line's comma is measured with its item.
    return [
        {
            at: by[0]?.span.start ?? null,
            doc: [
                "BY ",
                fill(
                    join(
                        line,
                        by.map((f, i) => (i < by.length - 1 ? [item(f), ","] : item(f))),
                    ),
                ),
            ],
        },
    ];
}
