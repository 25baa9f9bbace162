/**
 * `lookup`, `inputlookup` and `outputlookup`.
 */
import type { InputlookupCommand, LookupCommand, LookupFieldMap, OutputlookupCommand } from "../../ir/commands.js";
import type { CommandArg, SearchExpr } from "../../ir/nodes.js";
import { cover } from "../../ir/span.js";
import { base, checkOptions, isComma, isKeyword, nameOf, notUnderstood, optionsOf, report, type CommandInput, type LoweringTable } from "./util.js";

/** Reads `field [AS field]` pairs from `args[i]` until OUTPUT/OUTPUTNEW or the end. */
function mappings(input: CommandInput, args: readonly CommandArg[], i: number): { maps: LookupFieldMap[]; next: number } {
    const maps: LookupFieldMap[] = [];
    let j = i;
    while (j < args.length) {
        const a = args[j];
        if (!a || isKeyword(a, "OUTPUT", "OUTPUTNEW")) break;
        if (isComma(a) || a.kind === "OptionArg" || a.kind === "MacroCall") {
            j++;
            continue;
        }
        const f = nameOf(a);
        if (!f) {
            notUnderstood(input, a);
            j++;
            continue;
        }
        const as = args[j + 1];
        if (!isKeyword(as, "AS")) {
            maps.push({ lookupField: f.name, eventField: f.name, span: f.span });
            j += 1;
            continue;
        }
        const target = args[j + 2];
        const t = target ? nameOf(target) : null;
        if (t && target) {
            maps.push({ lookupField: f.name, eventField: t.name, span: cover(f.span, target.span) });
            j += 3;
        } else {
            report(input, "SPL2005", `lookup: '${f.name} AS' needs the event field name`, cover(f.span, (as ?? a).span));
            maps.push({ lookupField: f.name, eventField: f.name, span: f.span });
            j += 2;
        }
    }
    return { maps, next: j };
}

/** `lookup [local=] [update=] table in [AS ev]... [OUTPUT|OUTPUTNEW out [AS ev]...]` */
export function lowerLookup(input: CommandInput): LookupCommand {
    const { node } = input;
    const options = optionsOf(node);
    const args = input.args;
    let i = 0;
    let lookup = "";
    for (; i < args.length; i++) {
        const a = args[i];
        if (!a || a.kind === "OptionArg") continue;
        const f = nameOf(a);
        if (f) {
            lookup = f.name;
            i++;
        }
        break;
    }
    const inputs = mappings(input, args, i);
    let outputMode: LookupCommand["outputMode"] = null;
    let outputs: LookupFieldMap[] = [];
    const kw = args[inputs.next];
    if (kw && isKeyword(kw, "OUTPUT", "OUTPUTNEW")) {
        outputMode = isKeyword(kw, "OUTPUTNEW") ? "OUTPUTNEW" : "OUTPUT";
        const out = mappings(input, args, inputs.next + 1);
        outputs = out.maps;
        if (outputs.length === 0) report(input, "SPL2005", `lookup: ${outputMode} needs at least one field`, kw.span);
        for (const extra of args.slice(out.next)) notUnderstood(input, extra);
    }
    checkOptions(input, options, { bool: ["local", "update"] });
    const macro = args.some((a) => a.kind === "MacroCall");
    if (!lookup && !macro) report(input, "SPL2005", "lookup needs a lookup table name", node.span);
    else if (inputs.maps.length === 0 && !macro) report(input, "SPL2005", `lookup ${lookup}: needs at least one input field`, node.span);
    return { kind: "LookupCommand", ...base(input), lookup, inputs: inputs.maps, outputMode, outputs, options };
}

/** `inputlookup [append=] [start=] [max=] table [WHERE search]` */
export function lowerInputlookup(input: CommandInput): InputlookupCommand {
    const { node } = input;
    let lookup = "";
    let where: SearchExpr | null = null;
    for (const a of input.args) {
        if (a.kind === "OptionArg" || isComma(a) || a.kind === "MacroCall") continue;
        if (a.kind === "WhereArg") {
            where = a.filter;
            continue;
        }
        const f = nameOf(a);
        if (f && !lookup) lookup = f.name;
        else notUnderstood(input, a);
    }
    if (!lookup && !input.args.some((a) => a.kind === "MacroCall")) report(input, "SPL2005", "inputlookup needs a lookup table or file name", node.span);
    checkOptions(input, optionsOf(node), { bool: ["append", "strict"], int: ["start", "max"] });
    return { kind: "InputlookupCommand", ...base(input), lookup, where, options: optionsOf(node) };
}

/** `outputlookup [options] table` */
export function lowerOutputlookup(input: CommandInput): OutputlookupCommand {
    const { node } = input;
    let lookup = "";
    for (const a of input.args) {
        if (a.kind === "OptionArg" || isComma(a) || a.kind === "MacroCall") continue;
        const f = nameOf(a);
        if (f && !lookup) lookup = f.name;
        else notUnderstood(input, a);
    }
    if (!lookup && !input.args.some((a) => a.kind === "MacroCall")) report(input, "SPL2005", "outputlookup needs a lookup table or file name", node.span);
    return { kind: "OutputlookupCommand", ...base(input), lookup, options: optionsOf(node) };
}

/** This family's entries of the lowering table (index.ts). */
export const LOOKUP_LOWERINGS = {
    LookupCommand: { names: ["lookup"], lower: lowerLookup },
    InputlookupCommand: { names: ["inputlookup"], lower: lowerInputlookup },
    OutputlookupCommand: { names: ["outputlookup"], lower: lowerOutputlookup },
} satisfies Partial<LoweringTable>;
