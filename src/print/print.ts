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
import type { Command, CommandArg, Expr, Pipeline, SearchCommand, SearchExpr, SearchValue } from "../ir/nodes.js";
import type { Span } from "../ir/span.js";
import type { Node } from "../visit/keys.js";
import { isNode } from "../visit/keys.js";
import { commandInfo } from "../commands/catalog.js";
import { unescapeSpl } from "../ir/escapes.js";
import { fill, group, indent, join, line, render, softline, type Doc } from "./doc.js";
import { afterEquals, argumentContext, bareValue, directiveInner, lexesAsCallForm, isEvalIdent, quote, searchField, singleQuote, wordOrQuoted, type WordContext } from "./lexical.js";
import { fieldRefText, lower, macroText, OTHER, optionDoc, SEARCH, type CommandPrinter, type NodePart, type Part, type PrintTable } from "./commands/entry.js";
import { COMBINE_PRINT } from "./commands/combine.js";
import { FIELDS_PRINT } from "./commands/fields.js";
import { LOOKUP_PRINT } from "./commands/lookup.js";
import { MISC_PRINT } from "./commands/misc.js";
import { ORDER_PRINT } from "./commands/order.js";
import { PIPELINE_PRINT } from "./commands/pipeline.js";
import { REX_PRINT } from "./commands/rex.js";
import { SHAPE_PRINT } from "./commands/shape.js";
import { STATS_PRINT } from "./commands/stats.js";

/**
 * How every command kind prints, joined from the family files of ./commands/ (named like the
 * lowering's): a kind without an entry does not compile.
 */
const PRINT: PrintTable = { ...PIPELINE_PRINT, ...STATS_PRINT, ...FIELDS_PRINT, ...REX_PRINT, ...LOOKUP_PRINT, ...COMBINE_PRINT, ...ORDER_PRINT, ...SHAPE_PRINT, ...MISC_PRINT };

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
    /** Written between a `|` and the command after it (the last token before it is the pipe). */
    afterPipe: boolean;
    /** Written right after a `[` (the last token before it is the bracket). */
    afterBracket: boolean;
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

class Printer implements CommandPrinter {
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
    private lead(start: number, stopAt: "pipe" | "bracket" | null = null): Doc[] {
        const out: Doc[] = [];
        for (; this.nextComment < this.comments.length; this.nextComment++) {
            const c = this.comments[this.nextComment] as SourceComment;
            // A comment written after a `|` or a `[` the element prints itself belongs after it.
            if (c.span.end > start || (stopAt === "pipe" && c.afterPipe) || (stopAt === "bracket" && c.afterBracket)) break;
            this.claimed.add(c);
            out.push(c.text, " ");
        }
        return out;
    }

    /** Leaves the comments that end before `start` unclaimed (format writes them before the stage). */
    private pass(start: number): void {
        while (this.nextComment < this.comments.length && (this.comments[this.nextComment] as SourceComment).span.end <= start) this.nextComment++;
    }

    led(start: number, build: () => Doc, stopAt: "bracket" | null = null): Doc {
        if (this.comments.length === 0) return build();
        const l = this.lead(start, stopAt);
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
        return p.commands.map((c, i) => this.stage(c, i, sub, template));
    }

    /** One stage with its leading `| ` where it needs one. */
    stage(c: Command, i: number, sub: boolean, template: boolean): Doc {
        // Inside brackets a comment may stand before a stage (the top level is format's): before
        // its pipe when it was written there, else after it, so that it is read back in the same place.
        const led = (build: () => Doc): Doc => (sub ? this.led(c.span.start, build) : build());
        if (i === 0 && c.kind === "SearchCommand") {
            if (c.implicit) return led(() => this.implicitSearch(c, sub));
            return led(() => this.command(c));
        }
        if (i === 0 && template && c.kind !== "MacroCall") return led(() => this.command(c));
        // Inside brackets a known command starts the pipeline without a pipe (`appendpipe [stats ...]`);
        // generating commands keep the conventional `[| inputlookup ...]`.
        const info = i === 0 && sub && c.kind !== "MacroCall" && c.kind !== "Placeholder" ? commandInfo(c.name) : undefined;
        if (info && !info.types.includes("generating")) return led(() => this.command(c));
        const beforePipe = sub && this.comments.length > 0 ? this.lead(c.span.start, "pipe") : [];
        return [...beforePipe, "| ", led(() => this.command(c))];
    }

    private implicitSearch(c: SearchCommand, sub: boolean): Doc {
        if (!c.filter) return "";
        const first = firstOperand(c.filter);
        // Comments before the first operand would start the stage, and so stand before it when
        // read again (format puts those on a line of their own): they go there now.
        if (!sub) this.pass(first.span.start);
        // A leading bare word that names a command would start that command instead, whatever
        // follows it (no operand prints starting with an operator: `!x` and `<<T>>` are words).
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
                return this.forced(e, [searchField(e.field, cx), e.op, this.value(e.value, e.op === "=" ? afterEquals(cx) : cx)]);
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
                return `${e.name}=${wordOrQuoted(e.value, afterEquals(cx))}`;
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
    words: WordContext = OTHER;

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
        // The kind's entry of the printing table; TypeScript cannot pair a kind with its entry here.
        return (PRINT[c.kind] as (p: Printer, c: Command) => Doc)(this, c);
    }

    withParts(name: string, parts: Doc[]): Doc {
        if (parts.length === 0) return name;
        return [name, " ", indent(fill(join(line, parts)))];
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
    typedStage(name: string, parts: readonly (Part | NodePart)[], rest: readonly CommandArg[]): Doc {
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
            if ("build" in p) docs.push(this.led(p.at, p.build, p.bracketed === true ? "bracket" : null));
            else docs.push(p.at === null ? p.doc : this.led(p.at, () => p.doc));
        }
        flush(null);
        return this.withParts(name, docs);
    }
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
