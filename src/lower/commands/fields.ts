/**
 * `table`, `fields` and `rename`: the commands that pick, drop and rename fields.
 */
import type { FieldsCommand, RenameCommand, TableCommand } from "../../ir/commands.js";
import type { CommandArg, FieldRef } from "../../ir/nodes.js";
import { cover } from "../../ir/span.js";
import { base, isComma, isKeyword, nameOf, notUnderstood, report, type CommandInput, type LoweringTable } from "./util.js";

/** Collects the names of a field list anywhere in the arguments; anything else is SPL2006. */
function namesOf(input: CommandInput, args: readonly CommandArg[]): FieldRef[] {
    const out: FieldRef[] = [];
    for (const a of args) {
        if (isComma(a) || a.kind === "MacroCall") continue; // a macro may expand to names
        const f = nameOf(a, true);
        if (f) out.push(f);
        else notUnderstood(input, a);
    }
    return out;
}

/** `table a, b, c*` */
export function lowerTable(input: CommandInput): TableCommand {
    const { node } = input;
    const fields = namesOf(input, input.args);
    if (fields.length === 0 && !input.args.some((a) => a.kind === "MacroCall")) {
        report(input, "SPL2005", "table needs at least one field", node.span);
    }
    return { kind: "TableCommand", ...base(input), fields };
}

/** `fields [+|-] a, b*` (the sign may also be written against the first name: `fields -x`). */
export function lowerFields(input: CommandInput): FieldsCommand {
    const { node } = input;
    let mode: FieldsCommand["mode"] = "keep";
    let rest = input.args;
    const first = rest[0];
    if (first?.kind === "WordArg" && (first.text === "-" || first.text === "+")) {
        mode = first.text === "-" ? "remove" : "keep";
        rest = rest.slice(1);
    }
    const fields = namesOf(input, rest);
    if (first?.kind === "WordArg" && rest === input.args && /^[+-]./.test(first.text) && fields[0]) {
        mode = first.text.startsWith("-") ? "remove" : "keep";
        fields[0] = { ...fields[0], name: first.text.slice(1) };
    }
    if (fields.length === 0 && !input.args.some((a) => a.kind === "MacroCall")) {
        report(input, "SPL2005", "fields needs at least one field", node.span);
    }
    return { kind: "FieldsCommand", ...base(input), mode, fields };
}

/** `rename a AS b, "x y" AS z, c* AS d*` */
export function lowerRename(input: CommandInput): RenameCommand {
    const { node } = input;
    const renames: RenameCommand["renames"] = [];
    const args = input.args.filter((a) => !isComma(a));
    let i = 0;
    while (i < args.length) {
        const a = args[i];
        if (!a) break;
        const from = nameOf(a);
        if (!from) {
            if (a.kind !== "MacroCall") notUnderstood(input, a);
            i++;
            continue;
        }
        const next = args[i + 1];
        if (isKeyword(next, "AS")) {
            const toArg = args[i + 2];
            const to = toArg ? nameOf(toArg) : null;
            if (!to || !toArg) {
                report(input, "SPL2002", `rename: '${from.name} AS' needs the new name`, cover(from.span, (next ?? a).span));
                i += 2;
                continue;
            }
            renames.push({ from: from.name, to: to.name, span: cover(from.span, toArg.span) });
            i += 3;
            continue;
        }
        const second = next ? nameOf(next) : null;
        if (second && next) {
            // `rename a b`: a pair written without AS; Splunk rejects it.
            report(input, "SPL2002", `rename: write '${from.name} AS ${second.name}'`, cover(from.span, next.span));
            i += 2;
        } else {
            report(input, "SPL2002", `rename: '${from.name}' needs 'AS <new name>'`, from.span);
            i += 1;
        }
    }
    if (renames.length === 0 && args.length === 0) report(input, "SPL2005", "rename needs 'field AS new_name'", node.span);
    return { kind: "RenameCommand", ...base(input), renames };
}

/** This family's entries of the lowering table (index.ts). */
export const FIELDS_LOWERINGS = {
    TableCommand: { names: ["table"], lower: lowerTable },
    FieldsCommand: { names: ["fields"], lower: lowerFields },
    RenameCommand: { names: ["rename"], lower: lowerRename },
} satisfies Partial<LoweringTable>;
