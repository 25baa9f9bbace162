/**
 * From the IR of one search to its event-level filter: the leading search (or the WHERE of a
 * leading tstats, with its data model as a `datamodel` constraint) and the `search`/`where`
 * stages that directly follow it. What comes after is the search's "tail" (aggregation and
 * later stages), compared only for equality.
 */
import type { Command, ParseResult, SearchExpr, SearchValue } from "../ir/nodes.js";
import { print } from "../print/index.js";
import { parseCidr, type Atom, type Formula, type RawConstraint } from "./model.js";

/** The event filter of one search, as `relate` models it. */
export interface EventFilter {
    /**
     * The filter; `null` when the search has no event-level filter splc can model. Its shape is
     * the relation code's own working form, not a stable API.
     * @internal
     */
    formula: Formula | null;
    /** Why `formula` is null. */
    unsupported: string | null;
    /** Things left out or kept opaque (time range, unexpanded macros, where conditions...). */
    notes: string[];
    /** Equal for two searches exactly when their stages after the filter are the same. */
    tailKey: string;
    /** How many stages the filter covers. */
    filterStages: number;
    /**
     * Later stages that drop results (`search`, `where`, `regex`, `join`, `dedup`...), by
     * canonical name, and unexpanded macro stages (`` `x_filter` ``), which may: the rule may
     * return fewer results than its event filter selects, in a way not compared.
     */
    laterFilters: string[];
}

/** Commands after the event filter that can drop results. */
const DROPS_RESULTS = new Set(["search", "where", "regex", "join", "dedup", "head", "tail", "rare", "top", "uniq", "mvexpand"]);

const TRUE: Formula = { kind: "const", value: true };

/** The pseudo-field that holds a tstats dataset (`Endpoint.Processes`). */
export const DATASET_FIELD = "datamodel_dataset";

/** Extracts the event filter of a parsed search (macros already expanded by `parse`). */
export function extractFilter(result: ParseResult): EventFilter {
    const commands = result.pipeline.commands;
    const notes = new Set<string>();
    const parts: Formula[] = [];
    const first = commands[0];
    let i: number;
    let tailHead: unknown[] = [];
    if (!first) return { formula: null, unsupported: "empty search", notes: [], tailKey: "", filterStages: 0, laterFilters: [] };
    if (first.kind === "SearchCommand") {
        if (first.filter) parts.push(fromSearch(first.filter, notes));
        i = 1;
    } else if (first.kind === "StatsCommand" && first.canonical === "tstats") {
        // A row belongs to one data model, and to a dataset together with its parent datasets:
        // the model is single-valued, the dataset multivalue (`Web` and `Web.Web` are not disjoint).
        if (first.datamodel) {
            const dot = first.datamodel.indexOf(".");
            parts.push(fieldEq("datamodel", dot < 0 ? first.datamodel : first.datamodel.slice(0, dot)));
            if (dot >= 0) parts.push(fieldEq(DATASET_FIELD, first.datamodel));
        }
        if (first.where) parts.push(fromSearch(first.where, notes, true));
        if (!first.datamodel && !first.where) notes.add("tstats without a data model or WHERE clause");
        const { where: _w, ...rest } = first;
        delete (rest as { args?: unknown }).args;
        tailHead = [rest];
        i = 1;
    } else {
        return { formula: null, unsupported: `the search starts with '${commandName(first)}', not an event search`, notes: [], tailKey: "", filterStages: 0, laterFilters: [] };
    }
    for (; tailHead.length === 0 && i < commands.length; i++) {
        const c = commands[i]!;
        if (c.kind === "SearchCommand") {
            if (c.filter) parts.push(fromSearch(c.filter, notes));
        } else if (c.kind === "WhereCommand") {
            parts.push(opaque(`where ${print(c.condition)}`, "where condition (eval semantics) not modelled", notes));
        } else {
            break;
        }
    }
    const filterStages = first.kind === "StatsCommand" ? 1 : i;
    const tail = [...tailHead, ...commands.slice(i)];
    return {
        formula: parts.length === 0 ? TRUE : parts.length === 1 ? parts[0]! : { kind: "and", operands: parts },
        unsupported: null,
        notes: [...notes],
        tailKey: JSON.stringify(tail, (k, v: unknown) => (k === "span" || k === "origin" ? undefined : v)),
        filterStages,
        laterFilters: [...new Set(commands.slice(i).flatMap((c) => (c.kind === "MacroCall" ? [`\`${c.name}\``] : DROPS_RESULTS.has(c.canonical) ? [c.canonical] : [])))],
    };
}

function commandName(c: Command): string {
    return c.kind === "MacroCall" ? `\`${c.name}\`` : c.name;
}

function fieldEq(field: string, text: string): Formula {
    return { kind: "atom", atom: { kind: "field", field, ne: false, pred: { kind: "pattern", text, caseSensitive: false } } };
}

function opaque(key: string, why: string, notes: Set<string>): Formula {
    notes.add(why);
    return { kind: "atom", atom: { kind: "opaque", key, why } };
}

/** A search expression as a formula; what cannot be modelled becomes an opaque atom. */
export function fromSearch(e: SearchExpr, notes: Set<string>, tstats = false): Formula {
    switch (e.kind) {
        case "SearchAnd":
            return { kind: "and", operands: e.operands.map((o) => fromSearch(o, notes, tstats)) };
        case "SearchOr":
            return { kind: "or", operands: e.operands.map((o) => fromSearch(o, notes, tstats)) };
        case "SearchNot":
            return { kind: "not", operand: fromSearch(e.operand, notes, tstats) };
        case "Compare":
            // tstats `nodename=` names a dataset in a path form of its own: kept opaque.
            if (tstats && e.field === "nodename") return opaque(print(e), "tstats nodename not modelled", notes);
            return compare(e.field, e.op, e.value, print(e), notes);
        case "In": {
            const operands = e.values.map((v) => compare(e.field, "=", v, print(e), notes));
            return operands.length === 1 ? operands[0]! : { kind: "or", operands };
        }
        case "Term":
            return term(e.value, print(e), notes);
        case "Directive":
            return directive(e.name, e.text, print(e), notes);
        case "TimeModifier":
            notes.add("time range not compared");
            return TRUE;
        case "MacroCall":
            return opaque(print(e), `unexpanded macro \`${e.name}\``, notes);
        case "Subsearch":
            return opaque(print(e), "subsearch", notes);
    }
}

function compare(field: string, op: string, v: SearchValue, key: string, notes: Set<string>): Formula {
    if (v.type === "token" || v.type === "macro" || v.type === "subsearch") return opaque(key, `value ${v.type} not modelled`, notes);
    if (v.directive === "TERM" || v.directive === "PREFIX") return opaque(key, `${v.directive}() as a field value not modelled`, notes);
    if (v.text === "" || field.includes("*")) return opaque(key, "empty value or wildcard field name not modelled", notes);
    const caseSensitive = v.directive === "CASE";
    if (op === "=" || op === "!=") {
        const ne = op === "!=";
        if (v.type === "cidr") {
            const range = parseCidr(v.text);
            if (!range) return opaque(key, "IPv6 CIDR not modelled", notes);
            return { kind: "atom", atom: { kind: "field", field, ne, pred: { kind: "cidr", text: v.text, ...range } } };
        }
        return { kind: "atom", atom: { kind: "field", field, ne, pred: { kind: "pattern", text: v.text, caseSensitive } } };
    }
    if (v.wildcard || caseSensitive) return opaque(key, "comparison with a wildcard or CASE() value not modelled", notes);
    return { kind: "atom", atom: { kind: "field", field, ne: false, pred: { kind: "compare", op: op as "<" | "<=" | ">" | ">=", text: v.text } } };
}

const TOKEN = /^[A-Za-z0-9*]+$/;

function rawAtom(raw: RawConstraint): Formula {
    return { kind: "atom", atom: { kind: "raw", raw } };
}

function term(v: SearchValue, key: string, notes: Set<string>): Formula {
    if (v.type === "token" || v.type === "macro" || v.type === "subsearch" || v.directive) return opaque(key, `raw term of type ${v.type} not modelled`, notes);
    // A lone `*` matches every event.
    if (/^\*+$/.test(v.text)) return TRUE;
    if (v.text.trim() === "") return opaque(key, "empty phrase not modelled", notes);
    const kind = TOKEN.test(v.text) ? "token" : v.quoted ? "phrase" : "word";
    return rawAtom({ kind, text: v.text.toLowerCase(), caseSensitive: false });
}

function directive(name: string, text: string, key: string, notes: Set<string>): Formula {
    if (name === "PREFIX" || /[\s()"]/.test(text) || text === "") return opaque(key, `${name}(${text}) not modelled`, notes);
    if (name === "TERM") return rawAtom({ kind: TOKEN.test(text) ? "token" : "term", text: text.toLowerCase(), caseSensitive: false });
    if (/^\*+$/.test(text)) return TRUE;
    return rawAtom({ kind: TOKEN.test(text) ? "token" : "case", text, caseSensitive: true });
}

/** Opaque atoms of a formula (for reasons). */
export function opaqueAtoms(f: Formula, out: Atom[] = []): Atom[] {
    if (f.kind === "atom") {
        if (f.atom.kind === "opaque") out.push(f.atom);
    } else if (f.kind === "not") opaqueAtoms(f.operand, out);
    else if (f.kind !== "const") for (const o of f.operands) opaqueAtoms(o, out);
    return out;
}
