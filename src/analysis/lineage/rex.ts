/**
 * Lineage of `rex` and `regex` (the lowering family src/lower/commands/rex.ts).
 */
import type { RexCommand } from "../../ir/commands.js";
import { scanRegex } from "../../lower/commands/rex.js";
import type { LineageTable } from "./entry.js";
import { Builder, push, pushAll } from "./sets.js";

/** The fields a rex writes: the named groups of its pattern (none in sed mode). */
function rexGroups(c: RexCommand): string[] {
    return c.mode === "regex" && c.pattern !== null ? scanRegex(c.pattern).groups : [];
}

/** This family's entries of the lineage table (../lineage.ts). */
export const REX_LINEAGE = {
    RexCommand: {
        fields: (c, io) => {
            push(io.reads, c.field);
            pushAll(io.writes, c.mode === "sed" ? [c.field] : rexGroups(c));
        },
        after: (prev, c) => (c.mode === "sed" ? prev : new Builder(prev).addAll(rexGroups(c)).build()),
    },
    RegexCommand: {
        fields: (c, io) => push(io.reads, c.field),
        after: (prev) => prev,
    },
} satisfies Partial<LineageTable>;
