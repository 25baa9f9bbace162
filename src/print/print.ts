/**
 * `print(node)`: canonical SPL text for any IR node. One space between operands, upper-case
 * operators and clause keywords, `| ` before every stage but a leading implicit search,
 * parentheses exactly where the precedence of the target language needs them, and the
 * smallest quoting that reads back as the same value (a value written in quotes stays quoted).
 *
 * Command arguments written without a space between them stay touching (`"Processes".*`, an
 * unquoted regex), because the IR's meaning depends on it. Typed commands print from their
 * typed fields (the only place their meaning is stored), with their `rest` arguments put back
 * where they stood.
 *
 * The law the tests check over the corpus: `parse(print(parse(x).pipeline)).pipeline` equals
 * `parse(x).pipeline` except for spans, origins, the `raw` text of re-escaped literals and the
 * source text of subsearch values (src/print/equal.ts).
 * Printing goes through a document (doc.ts) so that `format()` can lay the same text out
 * over several lines. Same-precedence chains (`a+b+c+...`, long ANDs) are printed without
 * recursion; nesting of other kinds recurses (parse's maxDepth bounds parenthesised nesting).
 */
import type { Aggregation, Command, CommandArg, Expr, FieldRef, MacroCall, OptionArg, Pipeline, SearchCommand, SearchExpr, SearchValue, StatsCommand } from "../ir/nodes.js";
import type { LookupFieldMap, SortKey, TypedCommand } from "../ir/commands.js";
import type { Span } from "../ir/span.js";
import type { Node } from "../visit/keys.js";
import { isNode } from "../visit/keys.js";
import { commandInfo } from "../commands/catalog.js";
import { callText } from "../macros/scan.js";
import { unescapeSpl } from "../ir/escapes.js";
import { fill, group, indent, join, line, render, softline, type Doc } from "./doc.js";
import {
    argumentContext,
    argumentField,
    bareValue,
    directiveInner,
    evalTarget,
    lexesAsCallForm,
    lexesAsWord,
    rawWordOrQuoted,
    isEvalIdent,
    quote,
    searchField,
    singleQuote,
    wordOrQuoted,
    type WordContext,
} from "./lexical.js";

/** Anything `print` accepts: every IR node, and a SearchValue (which has no `kind`). */
export type Printable = Node | SearchValue;

/**
 * Canonical SPL text of a pipeline, a command, a search or eval expression, a command argument
 * or a search value, on one line. Never throws for IR input; an object that is not IR is API
 * misuse (TypeError).
 */
export function print(node: Printable): string {
    return render(group(docOf(node)), Infinity);
}

/**
 * Parentheses around an OR that is an operand of an AND: `minimal` writes none (`print`), `keep`
 * writes the ones the author wrote (`SearchOr.parenthesized`), `always` writes them everywhere.
 */
export type OrParens = "minimal" | "keep" | "always";

/** The document of a node (for `format`). */
export function docOf(node: Printable): Doc {
    const p = new Printer("minimal");
    if (!isNode(node)) {
        if (isSearchValue(node)) return p.value(node, SEARCH);
        throw new TypeError("print(node): not an IR node");
    }
    return p.node(node);
}

/** A ``` comment of the source, for `format`. */
export interface SourceComment {
    span: Span;
    text: string;
}

/**
 * The documents of a pipeline's stages, each with its leading `| ` where it needs one (the
 * top-level pipeline of `format` puts each on its own line). `inside[i]` are the comments
 * within stage i, in source order: each is written before the nearest following operand,
 * argument, assignment, aggregation or subsearch stage of that stage; the ones no such element
 * follows are returned in `unclaimed[i]`.
 */
export function stageDocs(pipeline: Pipeline, inside: readonly (readonly SourceComment[])[] = [], orParens: OrParens = "keep"): { docs: Doc[]; unclaimed: SourceComment[][] } {
    const p = new Printer(orParens);
    const docs: Doc[] = [];
    const unclaimed: SourceComment[][] = [];
    pipeline.commands.forEach((c, i) => {
        const mine = inside[i] ?? [];
        p.useComments(mine);
        docs.push(p.stage(c, i, false, false));
        unclaimed.push(mine.filter((x) => !p.isClaimed(x)));
    });
    return { docs, unclaimed };
}

function isSearchValue(x: unknown): x is SearchValue {
    return typeof x === "object" && x !== null && typeof (x as SearchValue).text === "string" && typeof (x as SearchValue).quoted === "boolean" && !("kind" in x);
}

/** Bare words inside a search command: only AND/OR/NOT/IN are reserved. */
const SEARCH: WordContext = { search: true };
/** Bare words among the arguments of a command the catalog does not know: clause keywords but GROUPBY are reserved too. */
const OTHER: WordContext = { search: false };

// Eval precedence, loosest first (grammar/SplParser.g4): XOR, OR, AND, NOT, comparison
// (non-associative), additive, multiplicative, unary minus/plus, primary.
const P_XOR = 1;
const P_OR = 2;
const P_AND = 3;
const P_NOT = 4;
const P_CMP = 5;
const P_ADD = 6;
const P_MUL = 7;
const P_UNARY = 8;
const P_PRIMARY = 9;

function binaryPrec(op: string): number {
    switch (op.toUpperCase()) {
        case "XOR":
            return P_XOR;
        case "OR":
            return P_OR;
        case "AND":
            return P_AND;
        case "+":
        case "-":
        case ".":
            return P_ADD;
        case "*":
        case "/":
        case "%":
            return P_MUL;
        default:
            // = == != < <= > >= LIKE, and anything unknown: the comparison level.
            return P_CMP;
    }
}

function exprPrec(e: Expr): number {
    switch (e.kind) {
        case "Binary":
            return binaryPrec(e.op);
        case "Unary":
            return e.op === "NOT" ? P_NOT : P_UNARY;
        case "Call":
            return e.infix ? P_CMP : P_PRIMARY;
        default:
            return P_PRIMARY;
    }
}

/**
 * The bare word the lexer reads first when a search operand prints starting with one that could
 * name a command: a term's word (a call form `where()` starts with `where`), an IN's field, or a
 * comparison's call-form field (`where()<x`; a plain `where<x` reads as a comparison).
 */
function leadingWord(e: SearchExpr): string | null {
    switch (e.kind) {
        case "Term":
            return e.value.quoted || e.value.directive || e.value.subsearch ? null : (e.value.text.split("(", 1)[0] as string);
        case "Compare":
        case "In": {
            const f = searchField(e.field, SEARCH);
            if (f.startsWith('"') || (e.kind === "Compare" && !f.includes("("))) return null;
            return f.split("(", 1)[0] as string;
        }
        default:
            return null;
    }
}

/** The operand a search expression prints first (the leftmost of its ANDs and ORs). */
function firstOperand(e: SearchExpr): SearchExpr {
    let cur = e;
    while ((cur.kind === "SearchAnd" || cur.kind === "SearchOr") && cur.operands[0]) cur = cur.operands[0];
    return cur;
}

/** `` `name(a, b)` `` */
export function macroText(m: MacroCall): string {
    return callText(m.name, m.args);
}

function lower(s: string): string {
    return s.toLowerCase();
}

class Printer {
    /** A leading operand that must be parenthesised so that it is not read as a command name (quotes would make it another value). */
    private forceParens: SearchExpr | null = null;

    /** Comments (format only) waiting for the element they stand before. */
    private comments: readonly SourceComment[] = [];
    private readonly claimed = new Set<SourceComment>();

    constructor(private readonly orParens: OrParens) {}

    useComments(comments: readonly SourceComment[]): void {
        this.comments = comments;
        this.nextComment = 0;
    }

    /** Comments before this index are claimed: each claim takes every comment before a position, so claims are a prefix. */
    private nextComment = 0;

    isClaimed(c: SourceComment): boolean {
        return this.claimed.has(c);
    }

    /**
     * The comments that end before `start` and are not written yet, each followed by a space:
     * a comment is white space to the lexer, so it can stand before any element that a space
     * may precede. Called before the element's own document is built, so claims follow
     * source order and inner elements claim the comments inside them.
     */
    private lead(start: number): Doc[] {
        const out: Doc[] = [];
        for (; this.nextComment < this.comments.length; this.nextComment++) {
            const c = this.comments[this.nextComment] as SourceComment;
            if (c.span.end > start) break;
            this.claimed.add(c);
            out.push(c.text, " ");
        }
        return out;
    }

    /** Leaves the comments that end before `start` unclaimed (format writes them before the stage). */
    private pass(start: number): void {
        while (this.nextComment < this.comments.length && (this.comments[this.nextComment] as SourceComment).span.end <= start) this.nextComment++;
    }

    private led(start: number, build: () => Doc): Doc {
        if (this.comments.length === 0) return build();
        const l = this.lead(start);
        const d = build();
        return l.length > 0 ? [...l, d] : d;
    }

    node(n: Node): Doc {
        switch (n.kind) {
            case "Pipeline":
                return join(line, this.stages(n, false, false));
            case "SearchAnd":
            case "SearchOr":
            case "SearchNot":
            case "Compare":
            case "In":
            case "Term":
            case "Directive":
            case "TimeModifier":
                return this.search(n, SEARCH);
            case "MacroCall":
                return macroText(n);
            case "Subsearch":
                return this.subsearch(n.pipeline, false);
            case "Binary":
            case "Unary":
            case "Field":
            case "Number":
            case "Boolean":
            case "Placeholder":
                return this.expr(n);
            case "Call":
            case "String":
                return this.expr(n);
            case "OptionArg":
            case "WordArg":
            case "StringArg":
            case "KeywordArg":
            case "CallArg":
            case "GroupArg":
            case "PunctArg":
            case "WhereArg":
                return this.arg(n, OTHER);
            case "FieldRef":
                return fieldRefText(n);
            default:
                return this.command(n);
        }
    }

    // ------------------------------------------------------------------------------------
    // Pipelines

    /**
     * Stage documents. `sub`: inside brackets. `template`: foreach's bracket, whose first
     * stage (an eval) is written without a pipe.
     */
    stages(p: Pipeline, sub: boolean, template: boolean): Doc[] {
        // Inside brackets a comment may stand before a stage; the top level is format's.
        return p.commands.map((c, i) => (sub ? this.led(c.span.start, () => this.stage(c, i, sub, template)) : this.stage(c, i, sub, template)));
    }

    /** One stage with its leading `| ` where it needs one. */
    stage(c: Command, i: number, sub: boolean, template: boolean): Doc {
        if (i === 0 && c.kind === "SearchCommand") {
            if (c.implicit) return this.implicitSearch(c, sub);
            return this.command(c);
        }
        if (i === 0 && template && c.kind !== "MacroCall") return this.command(c);
        // Inside brackets a known command starts the pipeline without a pipe (`appendpipe [stats ...]`);
        // generating commands keep the conventional `[| inputlookup ...]`.
        const info = i === 0 && sub && c.kind !== "MacroCall" && c.kind !== "Placeholder" ? commandInfo(c.name) : undefined;
        if (info && !info.types.includes("generating")) return this.command(c);
        return ["| ", this.command(c)];
    }

    private implicitSearch(c: SearchCommand, sub: boolean): Doc {
        if (!c.filter) return "";
        // Comments before the first operand would start the stage, and so stand before it when
        // read again (format puts those on a line of their own): they go there now.
        if (!sub) this.pass(firstOperand(c.filter).span.start);
        // A leading bare word that names a command would start that command instead, whatever
        // follows it (no operand prints starting with an operator: `!x` and `<<T>>` are words).
        const first = firstOperand(c.filter);
        const w = leadingWord(first);
        const saved = this.forceParens;
        if (w !== null && (lower(w) === "search" || (sub && commandInfo(lower(w)) !== undefined))) this.forceParens = first;
        const doc = this.search(c.filter, SEARCH);
        this.forceParens = saved;
        return doc;
    }

    subsearch(p: Pipeline, template: boolean): Doc {
        const stages = this.stages(p, true, template);
        if (stages.length === 0) return "[]";
        return group(["[", indent([softline, join(line, stages)]), softline, "]"]);
    }

    // ------------------------------------------------------------------------------------
    // Search expressions

    search(e: SearchExpr, cx: WordContext): Doc {
        switch (e.kind) {
            case "SearchAnd": {
                if (e.operands.length === 0) return "()";
                // An AND directly inside an AND exists only when a macro expansion kept it;
                // parentheses keep it a unit. An OR needs none, but may have them (orParens).
                const wrap = (o: SearchExpr): boolean => o.kind === "SearchAnd" || (o.kind === "SearchOr" && (this.orParens === "always" || (this.orParens === "keep" && o.parenthesized === true)));
                const ops = e.operands.map((o) => this.led(o.span.start, () => (wrap(o) ? this.paren(this.search(o, cx)) : this.search(o, cx))));
                return fill(join(line, ops));
            }
            case "SearchOr": {
                const ops = e.operands.map((o) => this.led(o.span.start, () => (o.kind === "SearchAnd" ? this.paren(this.search(o, cx)) : this.search(o, cx))));
                const [first, ...rest] = ops;
                return group([first ?? "", indent(rest.map((o) => [line, "OR ", o]))]);
            }
            case "SearchNot": {
                const o = e.operand;
                const inner = this.search(o, cx);
                return ["NOT ", o.kind === "SearchAnd" || o.kind === "SearchOr" ? this.paren(inner) : inner];
            }
            case "Compare":
                return this.forced(e, [searchField(e.field, cx), e.op, this.value(e.value, cx)]);
            case "In":
                return this.forced(
                    e,
                    group([
                        searchField(e.field, cx),
                        " IN (",
                        indent([
                            softline,
                            join(
                                [",", line],
                                e.values.map((v) => this.value(v, cx)),
                            ),
                        ]),
                        softline,
                        ")",
                    ]),
                );
            case "Term":
                return this.forced(e, this.value(e.value, cx));
            case "Directive":
                return `${e.name}(${directiveInner(e.text)})`;
            case "TimeModifier":
                return `${e.name}=${wordOrQuoted(e.value, cx)}`;
            case "MacroCall":
                return macroText(e);
            case "Subsearch":
                return this.subsearch(e.pipeline, false);
        }
    }

    private paren(d: Doc): Doc {
        return ["(", d, ")"];
    }

    /** `d` in parentheses when `e` is the leading operand that must not read as a command. */
    private forced(e: SearchExpr, d: Doc): Doc {
        return e === this.forceParens ? this.paren(d) : d;
    }

    value(v: SearchValue, cx: WordContext): Doc {
        if (v.subsearch) return this.subsearch(v.subsearch.pipeline, false);
        if (v.directive) return `${v.directive}(${directiveInner(v.text)})`;
        if (v.type === "macro" && v.text.startsWith("`")) return v.text;
        if (v.quoted) return quote(v.text);
        // A call form with backslashes in its body (`b("\"")`, `a("\`")`) cannot always be rebuilt
        // from its unescaped text (which quote was escaped?), so its raw text prints while it
        // still reads back as the same value.
        if (lexesAsCallForm(v.raw) && unescapeSpl(v.raw) === v.text) return v.raw;
        return bareValue(v.text, cx) ?? quote(v.text);
    }

    // ------------------------------------------------------------------------------------
    // eval / where expressions

    expr(e: Expr): Doc {
        switch (e.kind) {
            case "Binary":
                return this.binary(e);
            case "Unary": {
                const need = e.op === "NOT" ? P_NOT : P_UNARY;
                const inner = this.operand(e.operand, exprPrec(e.operand) < need);
                return e.op === "NOT" ? ["NOT ", inner] : [e.op, inner];
            }
            case "Call": {
                if (e.infix && lower(e.name) === "in" && e.args.length > 0) {
                    const [left, ...rest] = e.args as [Expr, ...Expr[]];
                    return group([
                        this.operand(left, exprPrec(left) <= P_CMP),
                        " IN (",
                        indent([
                            softline,
                            join(
                                [",", line],
                                rest.map((a) => this.expr(a)),
                            ),
                        ]),
                        softline,
                        ")",
                    ]);
                }
                return this.call(
                    e.name,
                    e.args.map((a) => this.expr(a)),
                );
            }
            case "Field":
                return e.quoted || !isEvalIdent(e.name) ? singleQuote(e.name) : e.name;
            case "String":
                return quote(e.value);
            case "Number":
                return numberText(e.value, e.raw);
            case "Boolean":
                return e.value ? "true()" : "false()";
            case "Placeholder":
                return `$${e.name}$`;
            case "MacroCall":
                return macroText(e);
            case "Subsearch":
                return this.subsearch(e.pipeline, false);
        }
    }

    private operand(e: Expr, parens: boolean): Doc {
        const d = this.expr(e);
        return parens ? ["(", d, ")"] : d;
    }

    /** A left-deep chain of one precedence level is laid out as one group. */
    private binary(e: Extract<Expr, { kind: "Binary" }>): Doc {
        const p = binaryPrec(e.op);
        if (p === P_CMP) {
            // The grammar reads `a=b=c` as `(a=b)=c`: a left spine of comparisons prints without
            // parentheses (a long chain would otherwise nest past maxDepth), walked iteratively.
            const spine: Extract<Expr, { kind: "Binary" }>[] = [];
            let cur: Expr = e;
            while (cur.kind === "Binary" && binaryPrec(cur.op) === P_CMP) {
                spine.push(cur);
                cur = cur.left;
            }
            // One flat group: nested groups, one per link, make the layout quadratic.
            const links: Doc[] = [];
            for (let i = spine.length - 1; i >= 0; i--) {
                const b = spine[i] as Extract<Expr, { kind: "Binary" }>;
                links.push([" ", b.op, line, this.operand(b.right, exprPrec(b.right) <= P_CMP)]);
            }
            return group([this.operand(cur, exprPrec(cur) <= P_CMP), indent(links)]);
        }
        const tail: Doc[] = [];
        let cur: Expr = e;
        // Walk down the left spine while it stays at this level (iterative: chains can be long).
        while (cur.kind === "Binary" && binaryPrec(cur.op) === p) {
            tail.push([line, cur.op, " ", this.operand(cur.right, exprPrec(cur.right) <= p)]);
            cur = cur.left;
        }
        tail.reverse();
        return group([this.operand(cur, exprPrec(cur) < p), indent(tail)]);
    }

    private call(name: string, args: Doc[]): Doc {
        if (args.length === 0) return `${name}()`;
        return group([name, "(", indent([softline, join([",", line], args)]), softline, ")"]);
    }

    // ------------------------------------------------------------------------------------
    // Commands

    /** A command without its leading `| `. */
    /** How bare words read in the arguments of the command being printed. */
    private words: WordContext = OTHER;

    command(c: Command): Doc {
        const saved = this.words;
        this.words = argumentContext(c.name);
        try {
            return this.commandBody(c);
        } finally {
            this.words = saved;
        }
    }

    private commandBody(c: Command): Doc {
        switch (c.kind) {
            case "SearchCommand":
                return c.filter ? [c.name, " ", indent(this.search(c.filter, SEARCH))] : c.name;
            case "WhereCommand":
                return [c.name, " ", indent(this.expr(c.condition)), ...gluedDocs(c.macros)];
            case "EvalCommand":
                return [
                    c.name,
                    " ",
                    indent(
                        group(
                            join(
                                [",", line],
                                c.assignments.map((a) => this.led(a.span.start, () => [evalTarget(a.field), "=", this.expr(a.expr)])),
                            ),
                        ),
                    ),
                    ...gluedDocs(c.macros),
                ];
            case "StatsCommand":
                return this.stats(c);
            case "TopCommand":
                // top takes a leading N, read first whatever follows; rare takes only limit=.
                return this.typedStage(
                    c.name,
                    [
                        ...(c.limit !== null ? [synth(c.canonical === "top" || c.canonical === "sitop" ? String(c.limit) : `limit=${c.limit}`)] : []),
                        ...c.options.map(opt),
                        ...refList(c.fields, ""),
                        ...this.byParts(c.by),
                    ],
                    c.rest,
                );
            case "GenericCommand": {
                // A macro followed by arguments: the name is the macro, which is also args[0].
                const parts = this.argParts(c.args, this.words);
                return c.name.startsWith("`") ? fill(join(line, parts)) : this.withParts(c.name, parts);
            }
            case "ErrorCommand":
                return c.text;
            case "MacroCall":
                return macroText(c);
            case "Placeholder":
                return c.name;
            default:
                return this.typed(c);
        }
    }

    private withParts(name: string, parts: Doc[]): Doc {
        if (parts.length === 0) return name;
        return [name, " ", indent(fill(join(line, parts)))];
    }

    /** The BY clause: fields (tstats' `PREFIX(x)` is written as such) and macros standing for fields. */
    private byParts(by: readonly (FieldRef | MacroCall)[]): Part[] {
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

    private stats(c: StatsCommand): Doc {
        const tstats = c.canonical === "tstats" || c.canonical === "mstats";
        // tstats/mstats take span= only after BY: trailing span options go there.
        let split = c.options.length;
        if (tstats && c.by.length > 0) {
            while (split > 0 && lower((c.options[split - 1] as OptionArg).name) === "span") split--;
        }
        // Macros in option position print first, glued ones after the stage.
        const parts: Doc[] = [
            ...c.macros.filter((m) => !m.glued).map((m) => this.led(m.span.start, () => macroText(m))),
            ...c.options.slice(0, split).map((o) => this.led(o.span.start, () => optionDoc(o))),
            ...c.aggregations.map((a, i) => this.led(a.span.start, () => (i < c.aggregations.length - 1 ? [this.aggregation(a), ","] : this.aggregation(a)))),
        ];
        if (c.over !== null) parts.push(["OVER ", searchField(c.over, this.words)]);
        if (c.datamodel !== null) parts.push(["FROM datamodel=", rawWordOrQuoted(c.datamodel, this.words)]);
        if (c.where) parts.push(["WHERE ", indent(this.search(c.where, this.words))]);
        parts.push(...this.byParts(c.by).map((p) => p.doc));
        parts.push(...c.options.slice(split).map((o) => optionDoc(o)));
        parts.push(...c.macros.filter((m) => m.glued).map((m) => macroText(m)));
        return this.withParts(c.name, parts);
    }

    private aggregation(a: Aggregation): Doc {
        let call: Doc;
        if (a.fn === "eval" && a.args.length === 1) call = ["eval(", this.expr(a.args[0] as Expr), ")"];
        else if (a.args.length === 0) call = a.fn === "" ? "()" : a.fn;
        else
            call = [
                a.fn,
                "(",
                join(
                    ", ",
                    a.args.map((x) => this.aggArg(x)),
                ),
                ")",
            ];
        return a.as === null ? call : [call, " AS ", searchField(a.as, this.words)];
    }

    /** An argument of an aggregation: field names are words there, not eval fields. */
    private aggArg(e: Expr): Doc {
        switch (e.kind) {
            case "Field":
                return e.quoted ? quote(e.name) : e.name;
            case "String":
                return quote(e.value);
            case "Call":
                if (e.name === "eval" && e.args.length === 1) return ["eval(", this.expr(e.args[0] as Expr), ")"];
                return [
                    e.name,
                    "(",
                    join(
                        ", ",
                        e.args.map((x) => this.aggArg(x)),
                    ),
                    ")",
                ];
            default:
                return this.expr(e);
        }
    }

    // ------------------------------------------------------------------------------------
    // Command arguments

    /**
     * Argument documents, one per wrapping unit: a comma is glued to the argument before it,
     * `x AS y` stays on one line, and a quoted string touching a word stays touching.
     * `template`: a bracket holds foreach's template.
     */
    argParts(args: readonly CommandArg[], cx: WordContext, template = false): Doc[] {
        const parts: Doc[] = [];
        let prev: CommandArg | null = null;
        let joinNext = false;
        // Inside `name(...)` and `(...)` the arguments are laid out the same way.
        for (const a of args) {
            const build = (): Doc => (a.kind === "Subsearch" && template ? this.subsearch(a.pipeline, true) : this.arg(a, cx));
            const last = parts.length - 1;
            if (last >= 0 && joinNext) parts[last] = [parts[last] as Doc, " ", build()];
            else if (last >= 0 && a.kind === "PunctArg" && a.text === ",") parts[last] = [parts[last] as Doc, build()];
            else if (last >= 0 && a.kind === "KeywordArg" && a.keyword === "AS") parts[last] = [parts[last] as Doc, " ", build()];
            // Arguments written without a space between them stay so: `"Processes".*` is one name
            // to the typed commands, and an unquoted regex (`rex .*/(?<x>.*)`) is its text.
            else if (last >= 0 && prev !== null && touching(prev, a)) parts[last] = [parts[last] as Doc, build()];
            else parts.push(this.led(a.span.start, build));
            joinNext = a.kind === "KeywordArg" && a.keyword === "AS" && last >= 0;
            prev = a;
        }
        return parts;
    }

    arg(a: CommandArg, cx: WordContext): Doc {
        switch (a.kind) {
            case "OptionArg":
                return optionDoc(a);
            case "WordArg":
                return a.text;
            case "StringArg":
                return a.gluedParen ? `${quote(a.value)})` : quote(a.value);
            case "KeywordArg":
                return a.keyword;
            case "CallArg":
                return [a.name, "(", group(join(line, this.argParts(a.args, cx))), ")"];
            case "GroupArg":
                // `(` written right after a word would be read as a call's parenthesis: the
                // touching rule never glues a Group to a Word, as a Group never touches one.
                return ["(", group(join(line, this.argParts(a.args, cx))), ")"];
            case "PunctArg":
                return a.text;
            case "WhereArg":
                return a.filter ? ["WHERE ", indent(this.search(a.filter, this.words))] : "WHERE";
            case "MacroCall":
                return macroText(a);
            case "Subsearch":
                return this.subsearch(a.pipeline, false);
        }
    }

    // ------------------------------------------------------------------------------------
    // Typed commands (src/ir/commands.ts): printed from their typed fields, the only place
    // their meaning is stored, with the `rest` arguments put back where they stood.

    /**
     * A typed stage: its parts in canonical order, with each `rest` argument written before the
     * first part that was read after it (source offsets), the others at the end.
     */
    private typedStage(name: string, parts: readonly Part[], rest: readonly CommandArg[]): Doc {
        const docs: Doc[] = [];
        let r = 0;
        // A run of rest arguments prints like generic arguments: touching ones stay touching.
        const flush = (before: number | null): void => {
            const from = r;
            while (r < rest.length && (before === null || (rest[r] as CommandArg).span.start < before)) r++;
            if (r > from) docs.push(...this.argParts(rest.slice(from, r), this.words));
        };
        for (const p of parts) {
            if (p.at !== null) flush(p.at);
            docs.push(p.at === null ? p.doc : this.led(p.at, () => p.doc));
        }
        flush(null);
        return this.withParts(name, docs);
    }

    private typed(c: TypedCommand): Doc {
        switch (c.kind) {
            case "TableCommand":
                return this.typedStage(c.name, refList(c.fields, ","), c.rest);
            case "FieldsCommand":
                return this.typedStage(c.name, [...(c.mode === "remove" ? [synth("-")] : []), ...refList(c.fields, ",")], c.rest);
            case "RenameCommand":
                return this.typedStage(
                    c.name,
                    c.renames.map((r, i) => ({ at: r.span.start, doc: [fieldText(r.from, this.words), " AS ", fieldText(r.to, this.words), i < c.renames.length - 1 ? "," : ""] })),
                    c.rest,
                );
            case "RexCommand":
                return this.typedStage(
                    c.name,
                    [
                        ...(c.field !== "_raw" ? [synth(`field=${rawWordOrQuoted(c.field, this.words)}`)] : []),
                        ...(c.mode === "sed" ? [synth("mode=sed")] : []),
                        ...(c.maxMatch !== 1 ? [synth(`max_match=${c.maxMatch}`)] : []),
                        ...(c.pattern !== null ? [synth(quote(c.pattern))] : []),
                        ...c.options.map(opt),
                    ],
                    c.rest,
                );
            case "RegexCommand": {
                // `field="x"` is read as an option, whose name may be a clause keyword (`by="x"`): bare.
                const field = !c.negated && lexesAsWord(c.field) ? c.field : fieldText(c.field, this.words);
                const lhs = c.field !== "_raw" || c.negated ? field + (c.negated ? "!=" : "=") : "";
                return this.typedStage(c.name, c.pattern !== null ? [synth(lhs + quote(c.pattern))] : [], c.rest);
            }
            case "LookupCommand": {
                // A macro before the table name would stand for it (the name is then ""): options
                // written after the first macro print after the name, so that it stays before it.
                const firstRest = c.rest[0]?.span.start ?? Infinity;
                return this.typedStage(
                    c.name,
                    [
                        ...c.options.filter((o) => o.span.start < firstRest).map(opt),
                        ...lookupName(c.lookup, this.words),
                        ...c.options.filter((o) => o.span.start >= firstRest).map(opt),
                        ...c.inputs.map((m) => fieldMap(m, this.words)),
                        ...(c.outputMode !== null ? [synth(c.outputMode), ...c.outputs.map((m) => fieldMap(m, this.words))] : []),
                    ],
                    c.rest,
                );
            }
            case "InputlookupCommand":
                return this.typedStage(
                    c.name,
                    [...c.options.map(opt), ...lookupName(c.lookup, this.words), ...(c.where ? [{ at: c.where.span.start, doc: ["WHERE ", indent(this.search(c.where, this.words))] }] : [])],
                    c.rest,
                );
            case "OutputlookupCommand":
                return this.typedStage(c.name, [...c.options.map(opt), ...lookupName(c.lookup, this.words)], c.rest);
            case "JoinCommand":
                return this.typedStage(
                    c.name,
                    [
                        ...(c.joinType !== "inner" ? [synth(`type=${c.joinType}`)] : []),
                        ...(c.max !== 1 ? [synth(`max=${c.max}`)] : []),
                        ...c.options.map(opt),
                        ...refList(c.fields, ","),
                        ...(c.where ? [{ at: c.where.span.start, doc: ["WHERE ", indent(this.search(c.where, this.words))] }] : []),
                        ...(c.dataset !== null ? [synth(rawWordOrQuoted(c.dataset, this.words))] : []),
                        ...(c.subsearch ? [{ at: c.subsearch.span.start, doc: this.subsearch(c.subsearch, false) }] : []),
                    ],
                    c.rest,
                );
            case "AppendCommand":
                return this.typedStage(c.name, [...c.options.map(opt), ...(c.subsearch ? [{ at: c.subsearch.span.start, doc: this.subsearch(c.subsearch, false) }] : [])], c.rest);
            case "MultisearchCommand":
                return this.typedStage(
                    c.name,
                    [...c.options.map(opt), ...c.datasets.map((d) => synth(rawWordOrQuoted(d, this.words))), ...c.subsearches.map((s) => ({ at: s.span.start, doc: this.subsearch(s, false) }))],
                    c.rest,
                );
            case "DedupCommand":
                return this.typedStage(
                    c.name,
                    [
                        ...(c.count !== null ? [synth(String(c.count))] : []),
                        ...refList(c.fields, ""),
                        ...c.options.map(opt),
                        ...(c.sortBy.length > 0 ? [synth("sortby"), ...sortKeys(c.sortBy, this.words)] : []),
                    ],
                    c.rest,
                );
            case "SortCommand":
                return this.typedStage(
                    c.name,
                    [...(c.limit !== null ? [synth(String(c.limit))] : []), ...c.options.map(opt), ...sortKeys(c.keys, this.words), ...(c.reverse ? [last("desc")] : [])],
                    c.rest,
                );
            case "HeadCommand":
                return this.typedStage(c.name, [...(c.count !== null ? [synth(String(c.count))] : []), ...c.options.map(opt)], c.rest);
            case "BinCommand":
                return this.typedStage(
                    c.name,
                    [
                        ...(c.field !== null && !c.implicit ? [synth(fieldText(c.field, this.words))] : []),
                        ...(c.binSpan !== null ? [synth(`span=${rawWordOrQuoted(c.binSpan, this.words)}`)] : []),
                        ...c.options.map(opt),
                        ...(c.as !== null ? [synth(["AS ", fieldText(c.as, this.words)])] : []),
                    ],
                    c.rest,
                );
            case "FillnullCommand":
                return this.typedStage(c.name, [...(c.value !== "0" ? [synth(`value=${rawWordOrQuoted(c.value, this.words)}`)] : []), ...refList(c.fields, "")], c.rest);
            case "MvexpandCommand":
                return this.typedStage(c.name, [...(c.field !== null ? [synth(fieldText(c.field, this.words))] : []), ...c.options.map(opt)], c.rest);
            case "MakemvCommand":
            case "IplocationCommand":
                return this.typedStage(c.name, [...c.options.map(opt), ...(c.field !== null ? [synth(fieldText(c.field, this.words))] : [])], c.rest);
            case "SpathCommand":
                return this.typedStage(
                    c.name,
                    [
                        ...(c.input !== "_raw" ? [synth(`input=${rawWordOrQuoted(c.input, this.words)}`)] : []),
                        ...(c.output !== null ? [synth(`output=${rawWordOrQuoted(c.output, this.words)}`)] : []),
                        ...c.options.map(opt),
                        // The positional form; quoting keeps a path with `=` from reading as an option.
                        ...(c.path !== null ? [synth(rawWordOrQuoted(c.path, this.words))] : []),
                    ],
                    c.rest,
                );
            case "ConvertCommand":
                return this.typedStage(
                    c.name,
                    [
                        ...(c.timeformat !== null ? [synth(`timeformat=${quote(c.timeformat)}`)] : []),
                        ...c.conversions.map((v) => ({
                            at: v.span.start,
                            doc: [v.fn, "(", v.field === "*" ? "" : fieldText(v.field, this.words), ")", ...(v.as !== null ? [" AS ", fieldText(v.as, this.words)] : [])],
                        })),
                    ],
                    c.rest,
                );
            case "OptionsCommand": {
                // Options and positionals interleave as written (`rest /services/x splunk_server=local`).
                const args: CommandArg[] = [...c.options, ...c.positionals, ...c.rest].sort((a, b) => a.span.start - b.span.start);
                return this.withParts(c.name, this.argParts(args, this.words));
            }
            case "ForeachCommand":
                return this.typedStage(
                    c.name,
                    [...refList(c.fields, ""), ...c.options.map(opt), ...(c.template ? [{ at: c.template.span.start, doc: this.subsearch(c.template, true) }] : [])],
                    c.rest,
                );
            case "MapCommand":
                return this.typedStage(
                    c.name,
                    [
                        ...(c.search !== null ? [synth(`search=${quote(c.search)}`)] : []),
                        ...c.options.map(opt),
                        ...(c.search === null && c.savedsearch !== null ? [synth(fieldText(c.savedsearch, this.words))] : []),
                        ...(c.search === null && c.subsearch !== null ? [{ at: c.subsearch.span.start, doc: this.subsearch(c.subsearch.pipeline, false) }] : []),
                    ],
                    c.rest,
                );
            case "ReturnCommand":
                return this.typedStage(
                    c.name,
                    [
                        ...(c.count !== null ? [synth(String(c.count))] : []),
                        ...c.items.map((it) => ({
                            at: it.span.start,
                            doc: it.valueOnly ? `$${it.field}` : it.alias !== null ? `${fieldText(it.alias, this.words)}=${fieldText(it.field, this.words)}` : fieldText(it.field, this.words),
                        })),
                    ],
                    c.rest,
                );
            case "TransactionCommand":
                return this.typedStage(c.name, [...refList(c.fields, ","), ...c.options.map(opt)], c.rest);
            case "AddtotalsCommand":
                return this.typedStage(
                    c.name,
                    [
                        ...(c.row ? [] : [synth("row=f")]),
                        ...(c.col ? [synth("col=t")] : []),
                        ...(c.fieldname !== "Total" ? [synth(`fieldname=${rawWordOrQuoted(c.fieldname, this.words)}`)] : []),
                        ...c.options.map(opt),
                        ...refList(c.fields, ""),
                    ],
                    c.rest,
                );
            case "ReplaceCommand":
                return this.typedStage(
                    c.name,
                    [
                        ...c.replacements.map((r, i) => ({ at: r.span.start, doc: [quote(r.from), " WITH ", quote(r.to), i < c.replacements.length - 1 ? "," : ""] })),
                        ...(c.fields.length > 0 ? [synth("IN"), ...refList(c.fields, ",")] : []),
                    ],
                    c.rest,
                );
        }
    }
}

/** One printed piece of a typed command and the source offset it was read at (null: none). */
interface Part {
    at: number | null;
    doc: Doc;
}

/** A lookup's table name; none when no name was written (a macro among the arguments may supply it). */
function lookupName(name: string, cx: WordContext): Part[] {
    return name === "" ? [] : [synth(rawWordOrQuoted(name, cx))];
}

/** A part read only as the last argument (sort's `desc`): every `rest` argument goes before it. */
function last(doc: Doc): Part {
    return { at: Number.MAX_SAFE_INTEGER, doc };
}

/** A part with no source position (a typed value printed in its canonical form). */
function synth(doc: Doc): Part {
    return { at: null, doc };
}

function opt(o: OptionArg): Part {
    return { at: o.span.start, doc: optionDoc(o) };
}

/** A field list, `sep` after every field but the last. */
function refList(fields: readonly FieldRef[], sep: "," | ""): Part[] {
    return fields.map((f, i) => ({ at: f.span.start, doc: i < fields.length - 1 && sep ? [fieldRefText(f), sep] : fieldRefText(f) }));
}

/**
 * A field reference as written: quoted when it was, else bare. An unquoted reference was read
 * from a bare word in its place (clause keywords included: `transaction from`), so it reads
 * back the same; only a name that cannot be one word is quoted.
 */
function fieldRefText(f: FieldRef): string {
    // A leading sign would read as `fields -` / `sort -`: such a name is quoted.
    if (f.quoted || /^[+-]/.test(f.name)) return quote(f.name);
    return f.name !== "" && lexesAsWord(f.name) ? f.name : argumentField(f.name, OTHER);
}

/** A field name held as a string by a typed command (rename pairs, single fields). */
function fieldText(name: string, cx: WordContext): string {
    return argumentField(name, cx);
}

/**
 * Two arguments written without a space between them (non-empty spans that meet). Nodes built
 * by hand usually have empty or copied spans; those do not count as touching unless copied
 * from touching nodes.
 */
function touching(prev: CommandArg, a: CommandArg): boolean {
    return prev.span.start < prev.span.end && a.span.start < a.span.end && prev.span.end === a.span.start;
}

/** A numeric literal: its raw text when that still reads as the value. */
function numberText(value: number | null, raw: string): string {
    if (value === null) return raw;
    if (/^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/.test(raw) && (Number(raw) === value || (Number.isNaN(value) && Number.isNaN(Number(raw))))) return raw;
    return String(value);
}

/** `name=value`, quoted as written. */
/** Macros glued after a where/eval stage: ` \`m\``, after a space (harmless before any body). */
function gluedDocs(macros: readonly MacroCall[] | undefined): Doc[] {
    return (macros ?? []).map((m) => [" ", macroText(m)]);
}

function optionDoc(o: OptionArg): string {
    return `${o.name}=${o.quoted ? quote(o.value) : o.value}`;
}

function fieldMap(m: LookupFieldMap, cx: WordContext): Part {
    const l = fieldText(m.lookupField, cx);
    return { at: m.span.start, doc: m.eventField === m.lookupField ? l : [l, " AS ", fieldText(m.eventField, cx)] };
}

function sortKeys(keys: readonly SortKey[], cx: WordContext): Part[] {
    return keys.map((k, i) => {
        // Outside a function's parentheses a leading sign would read as the key's own sign, and
        // a last bare `d`/`desc` as sort's reverse flag: such names are quoted.
        const name = k.fn === null && (/^[+-]/.test(k.field) || /^(d|desc)$/i.test(k.field)) ? quote(k.field) : fieldText(k.field, cx);
        const body = k.fn !== null ? `${k.fn}(${name})` : name;
        return { at: k.span.start, doc: (k.descending ? "-" : "") + body + (i < keys.length - 1 ? "," : "") };
    });
}
