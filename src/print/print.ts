/**
 * `print(node)`: canonical SPL text for any IR node. One space between operands, upper-case
 * operators and clause keywords, `| ` before every stage but a leading implicit search,
 * parentheses exactly where the precedence of the target language needs them, and the
 * smallest quoting that reads back as the same value (a value written in quotes stays quoted).
 *
 * Two things are kept as written because the IR's meaning depends on them: command arguments
 * written without a space between them stay touching (`"Processes".*`, an unquoted regex), and
 * typed commands print from their `args` unless a typed field was changed.
 *
 * The law the tests check over the corpus: `parse(print(parse(x).pipeline)).pipeline` equals
 * `parse(x).pipeline` except for spans, origins, the `raw` text of re-escaped literals and the
 * source text of subsearch values (src/print/equal.ts).
 * Printing goes through a document (doc.ts) so that `format()` can lay the same text out
 * over several lines. Same-precedence chains (`a+b+c+...`, long ANDs) are printed without
 * recursion; nesting of other kinds recurses (parse's maxDepth bounds parenthesised nesting).
 */
import type {
    Aggregation,
    Command,
    CommandArg,
    Expr,
    MacroCall,
    OptionArg,
    Pipeline,
    SearchCommand,
    SearchExpr,
    SearchValue,
    StatsCommand,
    Term,
    TopCommand,
} from "../ir/nodes.js";
import type { FieldRef, LookupFieldMap, SortKey, TypedCommand } from "../ir/commands.js";
import type { Span } from "../ir/span.js";
import type { Node } from "../visit/keys.js";
import { isNode } from "../visit/keys.js";
import { retype, type CommandWithArgs } from "../visit/retype.js";
import { sameTree } from "./equal.js";
import { commandInfo } from "../commands/catalog.js";
import { callText } from "../macros/scan.js";
import { unescapeSpl } from "../lower/values.js";
import { fill, group, indent, join, line, render, softline, type Doc } from "./doc.js";
import { argumentContext, bareValue, directiveInner, evalTarget, lexesAsCallForm, rawWordOrQuoted, isEvalIdent, quote, searchField, singleQuote, wordOrQuoted, type WordContext } from "./lexical.js";

/** Anything `print` accepts: every IR node, and a SearchValue (which has no `kind`). */
export type Printable = Node | SearchValue;

/** Options of {@link print}. */
export interface PrintOptions {
    /**
     * Print typed commands (table, rename, lookup, ...) from their typed fields even when those
     * agree with the command's arguments. By default a typed command whose fields agree with
     * its `args` is printed from `args` (exact: argument order, and arguments the typed form
     * does not model, are kept), and from its typed fields only when they were changed.
     */
    typed?: boolean;
}

/**
 * Canonical SPL text of a pipeline, a command, a search or eval expression, a command argument
 * or a search value, on one line. Never throws for IR input; an object that is not IR is API
 * misuse (TypeError).
 */
export function print(node: Printable, options: PrintOptions = {}): string {
    return render(group(docOf(node, options)), Infinity);
}

/**
 * Parentheses around an OR that is an operand of an AND: `minimal` writes none (`print`), `keep`
 * writes the ones the author wrote (`SearchOr.parenthesized`), `always` writes them everywhere.
 */
export type OrParens = "minimal" | "keep" | "always";

/** The document of a node (for `format`). */
export function docOf(node: Printable, options: PrintOptions = {}): Doc {
    const p = new Printer(options.typed ?? false, "minimal");
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
    const p = new Printer(false, orParens);
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

const NO_NAMES: ReadonlySet<string> = new Set();

/** The field names listed by a typed command's own fields (name lists and field references). */
function listedFieldNames(c: object): Set<string> {
    const out = new Set<string>();
    for (const [k, v] of Object.entries(c)) {
        if (k === "args" || !Array.isArray(v)) continue;
        for (const x of v as unknown[]) {
            if (typeof x === "string") out.add(x);
            else if (typeof x === "object" && x !== null && typeof (x as { name?: unknown }).name === "string" && typeof (x as { quoted?: unknown }).quoted === "boolean") out.add((x as { name: string }).name);
        }
    }
    return out;
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

/** The first Term a search expression prints, when it prints a Term first. */
function leadingTerm(e: SearchExpr | null): Term | null {
    let cur: SearchExpr | null = e;
    while (cur) {
        if (cur.kind === "SearchAnd" || cur.kind === "SearchOr") cur = cur.operands[0] ?? null;
        else return cur.kind === "Term" ? cur : null;
    }
    return null;
}

/** `` `name(a, b)` `` */
export function macroText(m: MacroCall): string {
    return callText(m.name, m.args);
}

function lower(s: string): string {
    return s.toLowerCase();
}

class Printer {
    /** A leading Term that must be parenthesised so that it is not read as a command name (quotes would make it another value). */
    private forceParens: Term | null = null;

    /** Comments (format only) waiting for the element they stand before. */
    private comments: readonly SourceComment[] = [];
    private readonly claimed = new Set<SourceComment>();

    constructor(
        private readonly preferTyped: boolean,
        private readonly orParens: OrParens,
    ) {}

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
                // Shared kinds: an eval Call has Expr args, a CallArg has command args.
                return isExprCall(n) ? this.expr(n as Expr) : this.arg(n as CommandArg, OTHER);
            case "Option":
            case "Word":
            case "Keyword":
            case "Group":
            case "Punct":
            case "Where":
                return this.arg(n, OTHER);
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
        // A leading bare word that names a command would start that command instead.
        const t = leadingTerm(c.filter);
        const saved = this.forceParens;
        if (t && !t.value.quoted && !t.value.directive && !t.value.subsearch) {
            // The word the lexer reads: a call form `where()` starts with `where`.
            const w = lower(t.value.text.split("(", 1)[0] as string);
            // ... unless an operator follows, which makes the lexer read a comparison anyway.
            const second = c.filter.kind === "SearchAnd" ? c.filter.operands[1] : undefined;
            const next = second ? render(group(this.search(second, SEARCH)), Infinity) : "";
            if ((w === "search" || (sub && commandInfo(w) !== undefined)) && !/^[<>=!]/.test(next)) this.forceParens = t;
        }
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
                const wrap = (o: SearchExpr): boolean =>
                    o.kind === "SearchAnd" || (o.kind === "SearchOr" && (this.orParens === "always" || (this.orParens === "keep" && o.parenthesized === true)));
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
                return [searchField(e.field, cx), e.op, this.value(e.value, cx)];
            case "In":
                return group([searchField(e.field, cx), " IN (", indent([softline, join([",", line], e.values.map((v) => this.value(v, cx)))]), softline, ")"]);
            case "Term":
                if (e === this.forceParens) return ["(", this.value(e.value, cx), ")"];
                return this.value(e.value, cx);
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
                    return group([this.operand(left, exprPrec(left) <= P_CMP), " IN (", indent([softline, join([",", line], rest.map((a) => this.expr(a)))]), softline, ")"]);
                }
                return this.call(e.name, e.args.map((a) => this.expr(a)));
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
                return [c.name, " ", indent(group(join([",", line], c.assignments.map((a) => this.led(a.span.start, () => [evalTarget(a.field), "=", this.expr(a.expr)]))))), ...gluedDocs(c.macros)];
            case "StatsCommand":
                return this.stats(c);
            case "TopCommand":
                return this.faithful(c) ? this.withParts(c.name, this.argParts(c.args, this.words)) : this.typedTop(c);
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
                if (!this.faithful(c)) return this.typed(c);
                this.keywordFields = listedFieldNames(c);
                try {
                    return this.withParts(c.name, this.argParts(c.args, this.words, c.kind === "ForeachCommand"));
                } finally {
                    this.keywordFields = NO_NAMES;
                }
        }
    }

    /** The field names of the command being printed (see the Keyword case of `arg`). */
    private keywordFields: ReadonlySet<string> = NO_NAMES;

    /**
     * Typed commands keep their arguments: printing those reproduces the stage exactly. When a
     * typed field no longer says what the arguments say (a transform changed the field), the
     * command is printed from its typed fields instead, so that the change shows up.
     */
    private faithful(c: CommandWithArgs): boolean {
        return !this.preferTyped && sameTree(retype(c), c);
    }

    private typedTop(c: TopCommand): Doc {
        const hasLimit = c.options.some((o) => lower(o.name) === "limit");
        return this.withParts(c.name, [
            ...(!hasLimit && c.limit !== null ? [String(c.limit)] : []),
            ...typedOptions(c.options, hasLimit ? { limit: [c.limit === null ? null : String(c.limit), null] } : {}),
            ...c.fields.map((f) => searchField(f, this.words)),
            ...this.byParts(c.by),
        ]);
    }

    private withParts(name: string, parts: Doc[]): Doc {
        if (parts.length === 0) return name;
        return [name, " ", indent(fill(join(line, parts)))];
    }

    private byParts(by: readonly string[]): Doc[] {
        if (by.length === 0) return [];
        // tstats' `BY PREFIX(x)` is a directive, written as such.
        const item = (f: string) => (/^(TERM|CASE|PREFIX)\([^()|[\]`"]*\)$/.test(f) || /^`[^`]+`$/.test(f) ? f : searchField(f, this.words));
        // Commas belong to the items, so that a full line's comma is measured with its item.
        return [["BY ", fill(join(line, by.map((f, i) => (i < by.length - 1 ? [item(f), ","] : item(f)))))]];
    }

    private stats(c: StatsCommand): Doc {
        const tstats = c.canonical === "tstats" || c.canonical === "mstats";
        // tstats/mstats take span= only after BY: trailing span options go there.
        let split = c.options.length;
        if (tstats && c.by.length > 0) {
            while (split > 0 && lower((c.options[split - 1] as OptionArg).name) === "span") split--;
        }
        // Macros of the BY list print there (their text is in `by`); glued ones after the stage.
        const byText = new Set(c.by);
        const parts: Doc[] = [
            ...c.macros.filter((m) => !m.glued && !byText.has(macroText(m))).map((m) => this.led(m.span.start, () => macroText(m))),
            ...c.options.slice(0, split).map((o) => this.led(o.span.start, () => optionDoc(o))),
            ...c.aggregations.map((a, i) => this.led(a.span.start, () => (i < c.aggregations.length - 1 ? [this.aggregation(a), ","] : this.aggregation(a)))),
        ];
        if (c.over !== null) parts.push(["OVER ", searchField(c.over, this.words)]);
        if (c.datamodel !== null) parts.push(["FROM datamodel=", rawWordOrQuoted(c.datamodel, this.words)]);
        if (c.where) parts.push(["WHERE ", indent(this.search(c.where, this.words))]);
        parts.push(...this.byParts(c.by));
        parts.push(...c.options.slice(split).map((o) => optionDoc(o)));
        parts.push(...c.macros.filter((m) => m.glued).map((m) => macroText(m)));
        return this.withParts(c.name, parts);
    }

    private aggregation(a: Aggregation): Doc {
        let call: Doc;
        if (a.fn === "eval" && a.args.length === 1) call = ["eval(", this.expr(a.args[0] as Expr), ")"];
        else if (a.args.length === 0) call = a.fn === "" ? "()" : a.fn;
        else call = [a.fn, "(", join(", ", a.args.map((x) => this.aggArg(x))), ")"];
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
                return [e.name, "(", join(", ", e.args.map((x) => this.aggArg(x))), ")"];
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
            else if (last >= 0 && a.kind === "Punct" && a.text === ",") parts[last] = [parts[last] as Doc, build()];
            else if (last >= 0 && a.kind === "Keyword" && a.keyword === "AS") parts[last] = [parts[last] as Doc, " ", build()];
            // Arguments written without a space between them stay so: `"Processes".*` is one name
            // to the typed commands, and an unquoted regex (`rex .*/(?<x>.*)`) is its text.
            else if (last >= 0 && prev !== null && touching(prev, a)) parts[last] = [parts[last] as Doc, build()];
            else parts.push(this.led(a.span.start, build));
            joinNext = a.kind === "Keyword" && a.keyword === "AS" && last >= 0;
            prev = a;
        }
        return parts;
    }

    arg(a: CommandArg, cx: WordContext): Doc {
        switch (a.kind) {
            case "Option":
                return optionDoc(a);
            case "Word":
                return a.text;
            case "String":
                return a.gluedParen ? `${quote(a.value)})` : quote(a.value);
            case "Keyword":
                // A keyword the command reads as a field name (`fields by`) keeps its case: it
                // is the field's name. Other keywords print in canonical upper case.
                return this.keywordFields.has(a.raw) && a.raw.toUpperCase() === a.keyword ? a.raw : a.keyword;
            case "Call":
                return [a.name, "(", group(join(line, this.argParts(a.args, cx))), ")"];
            case "Group":
                // `(` written right after a word would be read as a call's parenthesis: the
                // touching rule never glues a Group to a Word, as a Group never touches one.
                return ["(", group(join(line, this.argParts(a.args, cx))), ")"];
            case "Punct":
                return a.text;
            case "Where":
                return a.filter ? ["WHERE ", indent(this.search(a.filter, this.words))] : "WHERE";
            case "MacroCall":
                return macroText(a);
            case "Subsearch":
                return this.subsearch(a.pipeline, false);
        }
    }

    // ------------------------------------------------------------------------------------
    // Typed commands (src/ir/commands.ts): printed from their typed fields, so that a
    // transform of a typed field shows up; options print in their order, with the values of
    // the options a typed field stands for taken from that field.

    private typed(c: TypedCommand): Doc {
        const f = (name: string) => searchField(name, this.words);
        const list = (names: readonly string[]) => names.map((n, i) => (i < names.length - 1 ? [f(n), ","] : f(n)));
        const refs = (fs: readonly FieldRef[]) => fs.map((x, i) => [x.quoted ? quote(x.name) : f(x.name), i < fs.length - 1 ? "," : ""]);
        switch (c.kind) {
            case "TableCommand":
                return this.withParts(c.name, refs(c.fields));
            case "FieldsCommand":
                return this.withParts(c.name, [...(c.mode === "remove" ? ["-"] : []), ...refs(c.fields)]);
            case "RenameCommand":
                return this.withParts(c.name, c.renames.map((r, i) => [f(r.from), " AS ", f(r.to), i < c.renames.length - 1 ? "," : ""]));
            case "RexCommand":
                return this.withParts(c.name, [
                    ...typedOptions(c.options, { field: [c.field, "_raw"], mode: [c.mode, "regex"], max_match: [String(c.maxMatch), "1"] }),
                    ...(c.pattern !== null ? [quote(c.pattern)] : []),
                ]);
            case "RegexCommand": {
                if (c.pattern === null) return c.name;
                const lhs = c.field !== "_raw" || c.negated ? f(c.field) + (c.negated ? "!=" : "=") : "";
                return [c.name, " ", lhs, quote(c.pattern)];
            }
            case "LookupCommand":
                return this.withParts(c.name, [
                    ...c.options.map((o) => optionDoc(o)),
                    wordOrQuoted(c.lookup, this.words),
                    ...c.inputs.map((m) => fieldMap(m, this.words)),
                    ...(c.outputMode !== null ? [c.outputMode, ...c.outputs.map((m) => fieldMap(m, this.words))] : []),
                ]);
            case "InputlookupCommand":
                return this.withParts(c.name, [
                    ...c.options.map((o) => optionDoc(o)),
                    wordOrQuoted(c.lookup, this.words),
                    ...(c.where ? [["WHERE ", indent(this.search(c.where, this.words))]] : []),
                ]);
            case "OutputlookupCommand":
                return this.withParts(c.name, [...c.options.map((o) => optionDoc(o)), wordOrQuoted(c.lookup, this.words)]);
            case "JoinCommand":
                return this.withParts(c.name, [
                    ...typedOptions(c.options, { type: [c.joinType, "inner"], max: [String(c.max), "1"] }),
                    ...list(c.fields),
                    ...(c.where ? [["WHERE ", indent(this.search(c.where, this.words))]] : []),
                    ...(c.subsearch ? [this.subsearch(c.subsearch, false)] : []),
                ]);
            case "AppendCommand":
                return this.withParts(c.name, [...c.options.map((o) => optionDoc(o)), ...(c.subsearch ? [this.subsearch(c.subsearch, false)] : [])]);
            case "MultisearchCommand":
                return this.withParts(c.name, [
                    ...c.options.map((o) => optionDoc(o)),
                    ...c.datasets.map((d) => wordOrQuoted(d, this.words)),
                    ...c.subsearches.map((s) => this.subsearch(s, false)),
                ]);
            case "DedupCommand":
                return this.withParts(c.name, [
                    ...(c.count !== null ? [String(c.count)] : []),
                    ...c.fields.map(f),
                    ...c.options.map((o) => optionDoc(o)),
                    ...(c.sortBy.length > 0 ? ["sortby", ...sortKeys(c.sortBy, this.words)] : []),
                ]);
            case "SortCommand": {
                const hasLimit = c.options.some((o) => lower(o.name) === "limit");
                return this.withParts(c.name, [
                    ...(!hasLimit && c.limit !== null ? [String(c.limit)] : []),
                    ...typedOptions(c.options, hasLimit ? { limit: [c.limit === null ? null : String(c.limit), null] } : {}),
                    ...sortKeys(c.keys, this.words),
                    ...(c.reverse ? ["desc"] : []),
                ]);
            }
            case "HeadCommand":
                return this.withParts(c.name, [...(c.count !== null ? [String(c.count)] : []), ...c.options.map((o) => optionDoc(o))]);
            case "BinCommand":
                return this.withParts(c.name, [
                    ...typedOptions(c.options, { span: [c.binSpan, null] }),
                    ...(c.field !== null ? [f(c.field)] : []),
                    ...(c.as !== null ? [["AS ", f(c.as)]] : []),
                ]);
            case "FillnullCommand":
                return this.withParts(c.name, [...(c.value !== "0" ? [`value=${wordOrQuoted(c.value, this.words)}`] : []), ...c.fields.map(f)]);
            case "MvexpandCommand":
                return this.withParts(c.name, [...(c.field !== null ? [f(c.field)] : []), ...c.options.map((o) => optionDoc(o))]);
            case "MakemvCommand":
                return this.withParts(c.name, [...c.options.map((o) => optionDoc(o)), ...(c.field !== null ? [f(c.field)] : [])]);
            case "SpathCommand": {
                const hasPathOption = c.options.some((o) => lower(o.name) === "path");
                return this.withParts(c.name, [
                    ...typedOptions(c.options, { input: [c.input, "_raw"], output: [c.output, null], ...(hasPathOption ? { path: [c.path, null] } : {}) }),
                    ...(!hasPathOption && c.path !== null ? [wordOrQuoted(c.path, this.words)] : []),
                ]);
            }
            case "ConvertCommand":
                return this.withParts(c.name, [
                    ...(c.timeformat !== null ? [`timeformat=${quote(c.timeformat)}`] : []),
                    ...c.conversions.map((v) => [v.fn, "(", f(v.field), ")", ...(v.as !== null ? [" AS ", f(v.as)] : [])]),
                ]);
            case "OptionsCommand":
                return this.withParts(c.name, this.argParts(syncArgs(c.args, c.options, c.positionals), this.words));
            case "ForeachCommand":
                return this.withParts(c.name, [
                    ...c.fields.map(f),
                    ...c.options.map((o) => optionDoc(o)),
                    ...(c.template ? [this.subsearch(c.template, true)] : []),
                ]);
            case "MapCommand": {
                const hasSearch = c.options.some((o) => lower(o.name) === "search");
                return this.withParts(c.name, [
                    ...(!hasSearch && c.search !== null ? [`search=${quote(c.search)}`] : []),
                    ...typedOptions(c.options, hasSearch ? { search: [c.search, null] } : {}, true),
                    ...(c.search === null && c.savedsearch !== null ? [f(c.savedsearch)] : []),
                    ...(c.search === null && c.subsearch !== null ? [this.subsearch(c.subsearch.pipeline, false)] : []),
                ]);
            }
            case "ReturnCommand":
                return this.withParts(c.name, [
                    ...(c.count !== null ? [String(c.count)] : []),
                    ...c.items.map((it) => (it.valueOnly ? `$${it.field}` : it.alias !== null ? `${f(it.alias)}=${f(it.field)}` : f(it.field))),
                ]);
            case "TransactionCommand":
                return this.withParts(c.name, [...list(c.fields), ...c.options.map((o) => optionDoc(o))]);
            case "IplocationCommand":
                return this.withParts(c.name, [...c.options.map((o) => optionDoc(o)), ...(c.field !== null ? [f(c.field)] : [])]);
            case "ReplaceCommand":
                return this.withParts(c.name, [
                    ...c.replacements.map((r, i) => [quote(r.from), " WITH ", quote(r.to), i < c.replacements.length - 1 ? "," : ""]),
                    ...(c.fields.length > 0 ? ["IN", ...list(c.fields)] : []),
                ]);
        }
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

function isExprCall(n: Node): boolean {
    // An eval String has no `quoted`-less twin; a CallArg's args are command args (Word, Option, ...).
    if (n.kind === "String") return true;
    if (n.kind !== "Call") return false;
    return (n.args as readonly { kind: string }[]).every((a) => !["Word", "Option", "Keyword", "Group", "Punct", "Where"].includes(a.kind));
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

/**
 * Options in their order, with the values of typed fields substituted: `typed[name] =
 * [value, default]`. A typed value of null drops its option; a typed value without an option
 * is appended unless it is the default.
 */
function typedOptions(options: readonly OptionArg[], typed: Record<string, [string | null, string | null]>, quoteAlways = false): string[] {
    const used = new Set<string>();
    const out: string[] = [];
    for (const o of options) {
        const key = lower(o.name);
        const t = typed[key];
        if (!t) {
            out.push(optionDoc(o));
            continue;
        }
        used.add(key);
        const [v] = t;
        if (v === null) continue;
        out.push(`${o.name}=${o.quoted || quoteAlways ? quote(v) : wordOrQuoted(v, OTHER)}`);
    }
    for (const [key, [v, dflt]] of Object.entries(typed)) {
        if (used.has(key) || v === null || v === dflt) continue;
        out.push(`${key}=${quoteAlways ? quote(v) : wordOrQuoted(v, OTHER)}`);
    }
    return out;
}

function fieldMap(m: LookupFieldMap, cx: WordContext): Doc {
    const l = searchField(m.lookupField, cx);
    return m.eventField === m.lookupField ? l : [l, " AS ", searchField(m.eventField, cx)];
}

function sortKeys(keys: readonly SortKey[], cx: WordContext): Doc[] {
    return keys.map((k, i) => {
        const name = searchField(k.field, cx);
        const body = k.fn !== null ? `${k.fn}(${name})` : name;
        return (k.descending ? "-" : "") + body + (i < keys.length - 1 ? "," : "");
    });
}

/**
 * OptionsCommand keeps its arguments for printing; its typed `options` and `positionals`
 * replace the Option and Word arguments in order when the counts agree, so that a transform
 * of the typed fields shows up.
 */
function syncArgs(args: readonly CommandArg[], options: readonly OptionArg[], positionals: readonly string[]): CommandArg[] {
    const optArgs = args.filter((a) => a.kind === "Option").length;
    const words = args.filter((a) => a.kind === "Word").length;
    let oi = 0;
    let wi = 0;
    const out: CommandArg[] = [];
    for (const a of args) {
        if (a.kind === "Option" && optArgs === options.length) out.push(options[oi++] as OptionArg);
        else if (a.kind === "Word" && words === positionals.length) out.push({ ...a, text: positionals[wi++] as string });
        else out.push(a);
    }
    return out;
}
