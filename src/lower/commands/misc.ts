/**
 * `top`/`rare`, the commands whose IR is their options plus positionals (`makeresults`, `rest`,
 * `datamodel`, `from`, `collect`, `xmlkv`, `fromjson`, `addinfo`, `format`), and `foreach`,
 * `map`, `return`.
 */
import type { ForeachCommand, MapCommand, OptionsCommand, ReturnCommand } from "../../ir/commands.js";
import type { CommandArg, FieldRef, Pipeline, Subsearch, TopCommand } from "../../ir/nodes.js";
import {
    base,
    checkOptions,
    intOf,
    intOption,
    isComma,
    isKeyword,
    nameOf,
    notUnderstood,
    optionMap,
    optionsOf,
    optionValue,
    otherOptions,
    report,
    type CommandInput,
    type LoweringTable,
} from "./util.js";

/** `top|rare [N] [options] fields [BY fields]` */
export function lowerTop(input: CommandInput): TopCommand {
    const { node } = input;
    const options = optionsOf(node);
    const fields: FieldRef[] = [];
    const by: FieldRef[] = [];
    let limit: number | null = null;
    let inBy = false;
    let first = true;
    for (const a of input.args) {
        if (a.kind === "OptionArg" || isComma(a) || a.kind === "MacroCall") continue;
        if (isKeyword(a, "BY")) {
            inBy = true;
            continue;
        }
        if (first && a.kind === "WordArg" && intOf(a.text) !== null) {
            limit = intOf(a.text);
            first = false;
            continue;
        }
        first = false;
        const f = nameOf(a, true);
        if (f) (inBy ? by : fields).push(f);
        else notUnderstood(input, a);
    }
    const limitOption = limit === null && optionMap(options).has("limit");
    if (limitOption) limit = intOption(input, options, "limit", null);
    checkOptions(input, options, { bool: ["showcount", "showperc", "useother"] });
    if (fields.length === 0 && !input.args.some((a) => a.kind === "MacroCall")) report(input, "SPL2005", `${node.name} needs at least one field`, node.span);
    // A limit=N that is not an integer stays an option, so that printing keeps it.
    return { kind: "TopCommand", ...base(input), fields, by, options: limitOption && limit !== null ? otherOptions(options, "limit") : options, limit };
}

/** A command kept as its options and positional words. */
export function lowerOptions(input: CommandInput): OptionsCommand {
    const { node } = input;
    const positionals: CommandArg[] = [];
    // As written, not glued: these arguments print back as they are.
    for (const a of input.node.args) if (a.kind !== "OptionArg" && a.kind !== "MacroCall" && !isComma(a)) positionals.push(a);
    return { kind: "OptionsCommand", ...base(input), options: optionsOf(node), positionals };
}

/** `foreach [mode=] wc-fields [fieldstr=] [matchstr=] ... [ template ]` */
export function lowerForeach(input: CommandInput): ForeachCommand {
    const { node } = input;
    const fields: FieldRef[] = [];
    let template: Pipeline | null = null;
    for (const a of input.args) {
        if (a.kind === "OptionArg" || isComma(a) || a.kind === "MacroCall") continue;
        if (a.kind === "Subsearch" && !template) {
            template = a.pipeline;
            continue;
        }
        const f = nameOf(a);
        if (f && !template) fields.push(f);
        else notUnderstood(input, a);
    }
    if (!template && !input.args.some((a) => a.kind === "MacroCall")) report(input, "SPL2005", "foreach needs a [ template ] subsearch", node.span);
    return { kind: "ForeachCommand", ...base(input), fields, template, options: optionsOf(node) };
}

/** `map search="..." [maxsearches=]` or `map <savedsearch>` */
export function lowerMap(input: CommandInput): MapCommand {
    const { node } = input;
    const options = optionsOf(node);
    const search = optionValue(options, "search");
    let savedsearch: string | null = null;
    let subsearch: Subsearch | null = null;
    for (const a of input.args) {
        if (a.kind === "OptionArg" || isComma(a) || a.kind === "MacroCall") continue;
        if (a.kind === "Subsearch" && subsearch === null && search === null) {
            subsearch = a;
            continue;
        }
        const f = nameOf(a);
        if (f && savedsearch === null && search === null) savedsearch = f.name;
        else notUnderstood(input, a);
    }
    checkOptions(input, options, { int: ["maxsearches"] });
    if (search === null && savedsearch === null && subsearch === null && !input.args.some((a) => a.kind === "MacroCall")) {
        report(input, "SPL2005", 'map needs search="...", [search ...] or a saved search name', node.span);
    }
    return { kind: "MapCommand", ...base(input), search, savedsearch, subsearch, options: otherOptions(options, "search") };
}

/** `return [N] [alias=]field ... $field` */
export function lowerReturn(input: CommandInput): ReturnCommand {
    const items: ReturnCommand["items"] = [];
    let count: number | null = null;
    let first = true;
    for (const a of input.args) {
        if (isComma(a) || a.kind === "MacroCall") continue;
        if (a.kind === "OptionArg") {
            items.push({ alias: a.name, field: a.value, valueOnly: false, span: a.span });
            first = false;
            continue;
        }
        if (first && a.kind === "WordArg" && intOf(a.text) !== null) {
            count = intOf(a.text);
            first = false;
            continue;
        }
        first = false;
        const f = nameOf(a);
        if (!f) {
            notUnderstood(input, a);
            continue;
        }
        const valueOnly = !f.quoted && f.name.startsWith("$") && f.name.length > 1 && !f.name.endsWith("$");
        items.push({ alias: null, field: valueOnly ? f.name.slice(1) : f.name, valueOnly, span: f.span });
    }
    return { kind: "ReturnCommand", ...base(input), count, items };
}

/** This family's entries of the lowering table (index.ts). */
export const MISC_LOWERINGS = {
    TopCommand: { names: ["top", "rare", "sitop", "sirare"], lower: lowerTop },
    OptionsCommand: { names: ["makeresults", "rest", "datamodel", "from", "collect", "xmlkv", "fromjson", "addinfo", "format"], lower: lowerOptions },
    ForeachCommand: { names: ["foreach"], lower: lowerForeach },
    MapCommand: { names: ["map"], lower: lowerMap },
    ReturnCommand: { names: ["return"], lower: lowerReturn },
} satisfies Partial<LoweringTable>;
