/**
 * Raw-text constraints (terms, phrases, TERM(), CASE()). Splunk's exact segmentation is not
 * fully specified, so evaluation on a witness is three-valued: `true` only when the text
 * certainly matches (a whitespace-delimited word of letters and digits matching a token
 * pattern, or a whole line equal to the constraint's text), `false` only when it certainly does
 * not (a literal piece of the pattern is missing), `null` otherwise.
 */
import { globMatch, rawText, type RawConstraint } from "./model.js";
import { patternWithin, type Solved } from "./values.js";

const ALNUM = /^[A-Za-z0-9]+$/;
/** Characters that end a TERM() token for sure (white space, brackets, quotes, separators). */
const MAJOR = /[\s()[\]{}"',;|!]/;

/** Three-valued match of one raw constraint against raw text. */
export function rawMatch(c: RawConstraint, raw: string): boolean | null {
    const foldedRaw = c.caseSensitive ? raw : raw.toLowerCase();
    const pieces = c.text.split("*").filter((p) => p !== "");
    if (pieces.some((p) => !foldedRaw.includes(p))) return false;
    if (c.kind === "token") {
        let maybe = false;
        for (const word of raw.split(/\s+/)) {
            if (word === "") continue;
            const w = c.caseSensitive ? word : word.toLowerCase();
            if (ALNUM.test(word)) {
                if (globMatch(c.text, w)) return true;
            } else if (pieces.every((p) => w.includes(p))) {
                maybe = true;
            }
        }
        return maybe ? null : false;
    }
    if (c.text.includes("*")) return null;
    if (c.kind === "term" && MAJOR.test(c.text)) return null;
    for (const line of foldedRaw.split("\n")) if (line === c.text) return true;
    return null;
}

function sameConstraint(a: RawConstraint, b: RawConstraint): boolean {
    return a.kind === b.kind && a.text === b.text && a.caseSensitive === b.caseSensitive;
}

/** Does matching `p` force matching `n`? Sound, incomplete. */
function implies(p: RawConstraint, n: RawConstraint): boolean {
    if (sameConstraint(p, n)) return true;
    if (p.kind !== "token" || n.kind !== "token") return false;
    // The token that matched p also matches n.
    if (!n.caseSensitive) return patternWithin(p.text.toLowerCase(), n.text.toLowerCase());
    return p.caseSensitive && patternWithin(p.text, n.text);
}

/** Raw text satisfying all positive and no negative constraints, or a proof there is none. */
export function solveRaw(pos: readonly RawConstraint[], neg: readonly RawConstraint[]): Solved<string> {
    for (const p of pos) for (const n of neg) if (implies(p, n)) return { status: "unsat", why: `raw ${rawText(p)} with NOT ${rawText(n)}` };
    for (const fill of ["", "x"]) {
        const lines = pos.map((p) => p.text.replace(/\*/g, fill) || "x");
        const raw = [...new Set(lines)].join("\n");
        if (pos.every((p) => rawMatch(p, raw) === true) && neg.every((n) => rawMatch(n, raw) === false)) return { status: "sat", value: raw };
    }
    return { status: "unknown", why: "raw text constraints not decided" };
}
