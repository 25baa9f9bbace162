/**
 * Lowering of pipelines and commands. Commands with their own grammar rule (search, where,
 * eval, the stats family) lower here; every other command is first lowered to its generic form
 * and then handed to the typed lowering of src/lower/commands/.
 */
import type { ParseTree } from "antlr4ng";
import {
    CommandContext,
    EvalAssignmentContext,
    EvalCommandContext,
    EvalExprContext,
    EvalTargetContext,
    FirstStageContext,
    GenericCommandContext,
    GluedMacroContext,
    MacroStageContext,
    PipelineContext,
    SearchCommandContext,
    SearchExprContext,
    SplParser,
    StatsCommandContext,
    WhereCommandContext,
} from "../generated/SplParser.js";
import type { Command, EvalAssignment, EvalCommand, GenericCommand, MacroCall, Pipeline, SearchCommand, SearchExpr, WhereCommand } from "../ir/nodes.js";
import { canonicalName, commandInfo } from "../commands/catalog.js";
import { childrenOf, tokenOf, type LowerContext } from "./context.js";
import { lowerArgs } from "./args.js";
import { lowerExpr } from "./expr.js";
import { lowerSearchExpr, macroCall } from "./search.js";
import { lowerStats } from "./stats.js";
import { typeCommand } from "./commands/index.js";
import { unquote } from "./values.js";

/** Lowers a pipeline node. */
export function lowerPipeline(cx: LowerContext, ctx: PipelineContext): Pipeline {
    const commands: Command[] = [];
    let pendingPipe: { start: number; end: number } | null = null;
    for (const child of childrenOf(ctx)) {
        const tok = tokenOf(child);
        if (tok) {
            if (tok.type === SplParser.PIPE && cx.isReal(tok)) {
                if (pendingPipe) cx.report("SPL1009", "missing command after '|'", pendingPipe);
                pendingPipe = cx.tokenSpan(tok);
            }
            continue;
        }
        if (child instanceof FirstStageContext) {
            const c = lowerFirstStage(cx, child);
            if (c) commands.push(c);
        } else if (child instanceof CommandContext) {
            pendingPipe = null;
            const c = lowerCommand(cx, child);
            if (c) commands.push(c);
        }
    }
    if (pendingPipe) cx.report("SPL1009", "missing command after '|'", pendingPipe);
    return { kind: "Pipeline", commands, span: cx.span(ctx) };
}

function lowerFirstStage(cx: LowerContext, ctx: FirstStageContext): Command | null {
    const first = childrenOf(ctx)[0];
    if (first instanceof SearchExprContext) {
        const filter = lowerSearchExpr(cx, first);
        // Only stray commas (SPL1013): no stage, as for empty input (and as its printed form reads).
        if (filter === null) return null;
        const node: SearchCommand = { kind: "SearchCommand", name: "search", canonical: "search", implicit: true, filter, span: cx.span(ctx) };
        postProcessHint(cx, filter);
        return node;
    }
    return first ? lowerCommandNode(cx, first) : null;
}

/**
 * SPL1015: an implicit search that starts with the name of a transforming command followed by
 * more words (`stats count by host`) reads as search terms; it is most likely a dashboard
 * post-process search, which the `postProcess` option parses as commands.
 */
function postProcessHint(cx: LowerContext, filter: SearchExpr | null): void {
    if (!filter || filter.kind !== "SearchAnd") return;
    const [first, second] = filter.operands;
    if (!first || !second || first.kind !== "Term" || first.value.quoted || first.value.type !== "plain") return;
    if (second.kind !== "Term" && second.kind !== "Directive") return;
    const info = commandInfo(first.value.text);
    if (!info || (info.syntax !== "stats" && !info.types.includes("transforming"))) return;
    cx.report(
        "SPL1015",
        `'${first.value.text}' starts the search as a search term; if this is a dashboard post-process search, parse it with the postProcess option (it then runs as '| ${first.value.text} ...')`,
        first.span,
    );
}

function errorCommand(cx: LowerContext, ctx: ParseTree, name: string): Command {
    const span = cx.span(ctx);
    return { kind: "ErrorCommand", name, canonical: canonicalName(name), text: cx.text.slice(span.start, span.end), span };
}

/** Lowers one command node. */
export function lowerCommand(cx: LowerContext, ctx: CommandContext): Command | null {
    const inner = childrenOf(ctx)[0];
    return inner ? lowerCommandNode(cx, inner) : null;
}

function lowerCommandNode(cx: LowerContext, inner: ParseTree): Command | null {
    const span = cx.span(inner);
    const nameTok = tokenOf(childrenOf(inner)[0]);
    const name = cx.tokenText(nameTok).toLowerCase();

    if (inner instanceof SearchCommandContext) {
        const e = childrenOf(inner).find((k) => k instanceof SearchExprContext) as SearchExprContext | undefined;
        return { kind: "SearchCommand", name, canonical: "search", implicit: false, filter: e ? lowerSearchExpr(cx, e) : null, span };
    }
    if (inner instanceof WhereCommandContext) {
        const e = childrenOf(inner).find((k) => k instanceof EvalExprContext);
        const condition = e ? lowerExpr(cx, e) : null;
        if (!condition) {
            cx.report("SPL1011", "where needs a condition", span);
            return errorCommand(cx, inner, name);
        }
        const node: WhereCommand = { kind: "WhereCommand", name, canonical: "where", condition, span };
        const macros = gluedMacros(cx, inner);
        if (macros.length > 0) node.macros = macros;
        return node;
    }
    if (inner instanceof EvalCommandContext) return lowerEval(cx, inner, name);
    if (inner instanceof StatsCommandContext) return lowerStats(cx, inner);
    if (inner instanceof MacroStageContext) {
        const kids = childrenOf(inner);
        const tok = tokenOf(kids[0]);
        const call = macroCall(cx, cx.tokenText(tok), tok ? cx.tokenSpan(tok) : span);
        if (kids.length === 1) return call;
        // A macro followed by arguments supplies the command name at expansion time.
        const args = [call, ...lowerArgs(cx, kids.slice(1))];
        return generic(`\`${call.name}\``, args, span);
    }
    if (inner instanceof GenericCommandContext) {
        const args = lowerArgs(cx, childrenOf(inner).slice(1));
        // A dashboard token standing as a whole stage (`| $tkn_appendquery$`) is a placeholder
        // the dashboard fills in, not a command of that name (reference §1.9).
        if (args.length === 0 && TOKEN_STAGE.test(cx.tokenText(nameTok))) return { kind: "Placeholder", name: cx.tokenText(nameTok), canonical: cx.tokenText(nameTok), span };
        const node = generic(name, args, span);
        return typeCommand(node, cx.diagnostics);
    }
    return errorCommand(cx, inner, name);
}

const TOKEN_STAGE = /^\$[^$\s|]+(?:\|[A-Za-z]+)?\$$/;

/** Macros glued after a where condition or an eval's last assignment. */
function gluedMacros(cx: LowerContext, ctx: ParseTree): MacroCall[] {
    const out: MacroCall[] = [];
    for (const k of childrenOf(ctx)) {
        if (!(k instanceof GluedMacroContext)) continue;
        const tok = tokenOf(childrenOf(k)[0]);
        if (!tok) continue;
        const call = macroCall(cx, cx.tokenText(tok), cx.tokenSpan(tok));
        call.glued = true;
        out.push(call);
    }
    return out;
}

function generic(name: string, args: GenericCommand["args"], span: { start: number; end: number }): GenericCommand {
    return { kind: "GenericCommand", name, canonical: canonicalName(name), args, span };
}

function lowerEval(cx: LowerContext, ctx: EvalCommandContext, name: string): EvalCommand {
    const assignments: EvalAssignment[] = [];
    for (const a of childrenOf(ctx)) {
        if (!(a instanceof EvalAssignmentContext)) continue;
        const kids = childrenOf(a);
        const target = kids.find((k) => k instanceof EvalTargetContext);
        const e = kids.find((k) => k instanceof EvalExprContext);
        const expr = e ? lowerExpr(cx, e) : null;
        if (!target || !expr) continue;
        const raw = cx.source(target);
        const field = raw.startsWith('"') ? unquote(raw) : raw.startsWith("'") ? raw.slice(1, -1).replace(/\\(['\\])/g, "$1") : raw;
        assignments.push({ field, expr, span: cx.span(a) });
    }
    const node: EvalCommand = { kind: "EvalCommand", name, canonical: canonicalName(name), assignments, span: cx.span(ctx) };
    const macros = gluedMacros(cx, ctx);
    if (macros.length > 0) node.macros = macros;
    return node;
}
