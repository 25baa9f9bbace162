/**
 * Printing of the stats family (lowered in src/lower/stats.ts).
 */
import type { Aggregation, Expr, OptionArg, StatsCommand } from "../../ir/nodes.js";
import { indent, join, type Doc } from "../doc.js";
import { afterEquals, quote, rawWordOrQuoted, searchField } from "../lexical.js";
import { lower, macroText, optionDoc, byParts, type CommandPrinter, type PrintTable } from "./entry.js";

function stats(p: CommandPrinter, c: StatsCommand): Doc {
    const tstats = c.canonical === "tstats" || c.canonical === "mstats";
    // tstats/mstats take span= only after BY: trailing span options go there.
    let split = c.options.length;
    if (tstats && c.by.length > 0) {
        while (split > 0 && lower((c.options[split - 1] as OptionArg).name) === "span") split--;
    }
    // Macros in option position print first, glued ones after the stage.
    const options = c.options.slice(0, split).map((o) => ({ at: o.span.start, doc: (): Doc => optionDoc(o) }));
    const aggregations = c.aggregations.map((a, i) => ({ at: a.span.start, doc: (): Doc => (i < c.aggregations.length - 1 ? [aggregation(p, a), ","] : aggregation(p, a)) }));
    const parts: Doc[] = [...c.macros.filter((m) => !m.glued).map((m) => p.led(m.span.start, () => macroText(m))), ...[...options, ...aggregations].map((x) => p.led(x.at, x.doc))];
    if (c.over !== null) parts.push(["OVER ", searchField(c.over, p.words)]);
    if (c.datamodel !== null) parts.push(["FROM datamodel=", rawWordOrQuoted(c.datamodel, afterEquals(p.words))]);
    if (c.where) parts.push(["WHERE ", indent(p.search(c.where, p.words))]);
    parts.push(...byParts(c.by).map((p) => p.doc));
    parts.push(...c.options.slice(split).map((o) => optionDoc(o)));
    parts.push(...c.macros.filter((m) => m.glued).map((m) => macroText(m)));
    return p.withParts(c.name, parts);
}

function aggregation(p: CommandPrinter, a: Aggregation): Doc {
    let call: Doc;
    if (a.fn === "eval" && a.args.length === 1) call = ["eval(", p.expr(a.args[0] as Expr), ")"];
    else if (a.args.length === 0) call = a.fn === "" ? "()" : a.fn;
    else
        call = [
            a.fn,
            "(",
            join(
                ", ",
                a.args.map((x) => aggArg(p, x)),
            ),
            ")",
        ];
    return a.as === null ? call : [call, " AS ", searchField(a.as, p.words)];
}

/** An argument of an aggregation: field names are words there, not eval fields. */
function aggArg(p: CommandPrinter, e: Expr): Doc {
    switch (e.kind) {
        case "Field":
            return e.quoted ? quote(e.name) : e.name;
        case "String":
            return quote(e.value);
        case "Call":
            if (e.name === "eval" && e.args.length === 1) return ["eval(", p.expr(e.args[0] as Expr), ")"];
            return [
                e.name,
                "(",
                join(
                    ", ",
                    e.args.map((x) => aggArg(p, x)),
                ),
                ")",
            ];
        default:
            return p.expr(e);
    }
}

/** This family's entries of the printing table (../print.ts). */
export const STATS_PRINT = {
    StatsCommand: stats,
} satisfies Partial<PrintTable>;
