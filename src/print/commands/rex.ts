/**
 * Printing of `rex` and `regex` (the lowering family src/lower/commands/rex.ts).
 */
import { afterEquals, lexesAsWord, quote, rawWordOrQuoted } from "../lexical.js";
import { synth, opt, fieldText, type PrintTable } from "./entry.js";

/** This family's entries of the printing table (../print.ts). */
export const REX_PRINT = {
    RexCommand: (p, c) =>
        p.typedStage(
            c.name,
            [
                ...(c.field !== "_raw" ? [synth(`field=${rawWordOrQuoted(c.field, afterEquals(p.words))}`)] : []),
                ...(c.mode === "sed" ? [synth("mode=sed")] : []),
                ...(c.maxMatch !== 1 ? [synth(`max_match=${c.maxMatch}`)] : []),
                ...(c.pattern !== null ? [synth(quote(c.pattern))] : []),
                ...c.options.map(opt),
            ],
            c.rest,
        ),
    RegexCommand: (p, c) => {
        // `field="x"` is read as an option, whose name may be a clause keyword (`by="x"`): bare.
        const field = !c.negated && lexesAsWord(c.field) ? c.field : fieldText(c.field, p.words);
        const lhs = c.field !== "_raw" || c.negated ? field + (c.negated ? "!=" : "=") : "";
        return p.typedStage(c.name, c.pattern !== null ? [synth(lhs + quote(c.pattern))] : [], c.rest);
    },
} satisfies Partial<PrintTable>;
