/**
 * Printing of `top`/`rare`, the option-only commands, `foreach`, `map` and `return` (the
 * lowering family src/lower/commands/misc.ts).
 */
import type { CommandArg } from "../../ir/nodes.js";
import { lexesAsWord, quote, type WordContext } from "../lexical.js";
import { synth, opt, refList, fieldText, byParts, nodePart, type PrintTable } from "./entry.js";

/** This family's entries of the printing table (../print.ts). */
export const MISC_PRINT = {
    // top takes a leading N, read first whatever follows; rare takes only limit=.
    TopCommand: (p, c) =>
        p.typedStage(
            c.name,
            [
                ...(c.limit !== null ? [synth(c.canonical === "top" || c.canonical === "sitop" ? String(c.limit) : `limit=${c.limit}`)] : []),
                ...c.options.map(opt),
                ...refList(c.fields, ""),
                ...byParts(c.by),
            ],
            c.rest,
        ),
    OptionsCommand: (p, c) => {
        // Options and positionals interleave as written (`rest /services/x splunk_server=local`).
        const args: CommandArg[] = [...c.options, ...c.positionals, ...c.rest].sort((a, b) => a.span.start - b.span.start);
        return p.withParts(c.name, p.argParts(args, p.words));
    },
    ForeachCommand: (p, c) => p.typedStage(c.name, [...refList(c.fields, ""), ...c.options.map(opt), ...nodePart(c.template, (t) => p.subsearch(t, true))], c.rest),
    MapCommand: (p, c) =>
        p.typedStage(
            c.name,
            [
                ...(c.search !== null ? [synth(`search=${quote(c.search)}`)] : []),
                ...c.options.map(opt),
                ...(c.search === null && c.savedsearch !== null ? [synth(fieldText(c.savedsearch, p.words))] : []),
                ...(c.search === null ? nodePart(c.subsearch, (s) => p.subsearch(s.pipeline, false)) : []),
            ],
            c.rest,
        ),
    ReturnCommand: (p, c) =>
        p.typedStage(
            c.name,
            [
                ...(c.count !== null ? [synth(String(c.count))] : []),
                ...c.items.map((it) => ({
                    at: it.span.start,
                    // An alias was read as an option name (`output=u`), which is never quoted.
                    doc: it.valueOnly ? valueOnlyText(it.field, p.words) : it.alias !== null ? `${it.alias}=${fieldText(it.field, p.words)}` : fieldText(it.field, p.words),
                })),
            ],
            c.rest,
        ),
} satisfies Partial<PrintTable>;

/** `$field` of a value-only return item: bare when it is one word, else `$"field"` (the glued quote lowers to the same name). */
function valueOnlyText(field: string, cx: WordContext): string {
    return lexesAsWord(`$${field}`) ? `$${field}` : `$${fieldText(field, cx)}`;
}
