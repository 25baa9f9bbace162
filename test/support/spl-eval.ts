// An evaluator of search-language filters on concrete events, written from
// ../shared/spl-reference.md section 2 and independent of src/relate: it walks the IR directly.
// Events are kept simple so that the reference is unambiguous for them: raw text is words of
// letters and digits separated by white space; field values are plain strings.
import type { SearchExpr, SearchValue } from "../../src/index.js";

/** A test event: multivalue fields (metadata single-valued) and raw text. */
export interface TestEvent {
    fields: Record<string, string[]>;
    raw: string;
}

/** Fields every event has exactly once (search modifiers that select indexed metadata). */
export const METADATA = ["index", "sourcetype", "source", "host"];

// `*` matches any run of characters (reference 1.5); everything else literally.
function wildcardRegex(pattern: string, caseSensitive: boolean): RegExp {
    const body = pattern
        .split("*")
        .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
        .join(".*");
    return new RegExp(`^${body}$`, caseSensitive ? "su" : "siu");
}

function ipNumber(s: string): number | null {
    const parts = s.split(".");
    if (parts.length !== 4 || parts.some((p) => !/^\d+$/.test(p) || Number(p) > 255)) return null;
    return parts.reduce((acc, p) => acc * 256 + Number(p), 0);
}

// Reference 2.4: `ip="10.10.10.0/24"` matches addresses in the subnet.
function inSubnet(value: string, cidr: string): boolean {
    const [base, bits] = cidr.split("/");
    const ip = ipNumber(value);
    const net = ipNumber(base ?? "");
    if (ip === null || net === null) return false;
    const block = Math.pow(2, 32 - Number(bits));
    return Math.floor(ip / block) === Math.floor(net / block);
}

function valueMatches(v: SearchValue, actual: string): boolean {
    if (v.type === "cidr") return inSubnet(actual, v.text);
    return wildcardRegex(v.text, v.directive === "CASE").test(actual);
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

// Reference 2.6: numeric when both sides are numbers, lexicographic otherwise.
function ordered(actual: string, op: string, constant: string): boolean {
    let c: number;
    if (NUMBER.test(actual) && NUMBER.test(constant)) c = parseFloat(actual) - parseFloat(constant);
    else c = actual === constant ? 0 : actual < constant ? -1 : 1;
    if (op === "<") return c < 0;
    if (op === "<=") return c <= 0;
    if (op === ">") return c > 0;
    return c >= 0;
}

function valuesOf(ev: TestEvent, field: string): string[] {
    const vs = ev.fields[field] ?? [];
    if (METADATA.includes(field) && vs.length === 0) return ["unset-metadata"];
    return vs;
}

function words(ev: TestEvent): string[] {
    return ev.raw.split(/\s+/).filter((w) => w.length > 0);
}

// Reference 2.3/2.8: a term matches a token of the raw text (case-insensitive); a phrase matches
// consecutive tokens; TERM() one token; CASE() a token case-sensitively.
function rawMatches(text: string, caseSensitive: boolean, ev: TestEvent): boolean {
    if (/^\*+$/.test(text)) return true;
    const want = text.split(/\s+/).filter((w) => w.length > 0);
    const have = words(ev);
    for (let i = 0; i + want.length <= have.length; i++) {
        if (want.every((w, k) => wildcardRegex(w, caseSensitive).test(have[i + k]!))) return true;
    }
    return false;
}

/** Does the filter select the event? Throws on constructs this evaluator does not cover. */
export function selects(e: SearchExpr, ev: TestEvent): boolean {
    switch (e.kind) {
        case "SearchAnd":
            return e.operands.every((o) => selects(o, ev));
        case "SearchOr":
            return e.operands.some((o) => selects(o, ev));
        case "SearchNot":
            return !selects(e.operand, ev);
        case "Compare": {
            const vs = valuesOf(ev, e.field);
            // Reference 2.5: `x=v` needs a value matching v; `x!=v` needs x to exist with a value
            // other than v (a multivalue field with another value satisfies it).
            if (e.op === "=") return vs.some((a) => valueMatches(e.value, a));
            if (e.op === "!=") return vs.some((a) => !valueMatches(e.value, a));
            return vs.some((a) => ordered(a, e.op, e.value.text));
        }
        case "In": {
            const vs = valuesOf(ev, e.field);
            return e.values.some((v) => vs.some((a) => valueMatches(v, a)));
        }
        case "Term":
            return rawMatches(e.value.text, false, ev);
        case "Directive":
            if (e.name === "PREFIX") throw new Error("PREFIX not covered");
            return rawMatches(e.text, e.name === "CASE", ev);
        case "TimeModifier":
            return true;
        default:
            throw new Error(`${e.kind} not covered by the test evaluator`);
    }
}
