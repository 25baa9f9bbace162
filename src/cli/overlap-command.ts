/** `splc overlap <rules...>`: equivalent rules, containments and overlapping pairs over a catalog. */
import { parse } from "../index.js";
import { formatOverlapText, overlapCatalog, type CatalogRule } from "../relate/index.js";
import { overlapJsonChunks, overlapSarifChunks } from "../relate/format.js";
import { EXIT, UsageError, parseCommandArgs, writeChunks } from "./io.js";
import { loadRulesWithMacros, MACRO_OPTIONS } from "./macros-option.js";

export const OVERLAP_HELP = `Usage: splc overlap <files|dirs...> [options]

Relates the event filters of detection rules (same inputs as analyze): groups of equivalent
rules, containments (every event of one rule is an event of another), and the pairs that share
a data source and overlap. Answers are sound: each comes with a proof or a checked witness
event, and is 'unknown' otherwise (see docs/overlap.md).

  --macros <path>        more macro definitions (macros.conf, macro YAML, JSONL); repeatable
  --builtins             also use splc's built-in CIM macros (drop_dm_object_name)
  --undefined keep|empty what to do with calls of undefined macros (default keep)
  --format text|json|sarif   output format (default text)
  --limit N              text format: how many overlapping/undecided pairs to list (default 20)
  --witnesses            json/sarif: write each witness as an event too, not only on one line
  --all-pairs            also relate pairs that share no data source
  --max-terms N          largest normal form per filter (default 2000)

Exit codes: 0 ok, 2 usage or unreadable input.
`;

export async function runOverlap(args: string[]): Promise<number> {
    const parsed = parseCommandArgs(args, {
        ...MACRO_OPTIONS,
        format: { type: "string" },
        limit: { type: "string" },
        "all-pairs": { type: "boolean" },
        "max-terms": { type: "string" },
        witnesses: { type: "boolean" },
    });
    const v = parsed.values;
    const format = v.format ?? "text";
    if (format !== "text" && format !== "json" && format !== "sarif") throw new UsageError(`--format must be text, json or sarif, not '${format}'`);
    const limit = wholeNumber(v.limit, 20, "--limit");
    const maxTerms = wholeNumber(v["max-terms"], 2000, "--max-terms");
    if (parsed.positionals.length === 0) throw new UsageError("overlap needs at least one file or directory");

    const { inputs, table, expand } = await loadRulesWithMacros(parsed.positionals, v);

    const seen = new Map<string, number>();
    const rules: CatalogRule[] = inputs.rules.map((rule, i) => {
        const base = rule.id ?? rule.name ?? `${rule.file}#${i}`;
        const n = seen.get(base) ?? 0;
        seen.set(base, n + 1);
        return { id: n === 0 ? base : `${base}#${n}`, name: rule.name, file: rule.file, result: table ? parse(rule.spl, { macros: table, expand }) : parse(rule.spl) };
    });
    const report = overlapCatalog(rules, { maxTerms, allPairs: v["all-pairs"] === true });
    // The JSON of a large catalog runs to tens of megabytes: written piece by piece, never held whole.
    const output = { witnesses: v.witnesses === true };
    if (format === "json") await writeChunks(overlapJsonChunks(report, output));
    else if (format === "sarif") await writeChunks(overlapSarifChunks(report, output));
    else process.stdout.write(formatOverlapText(report, { limit }));
    return EXIT.ok;
}

function wholeNumber(text: string | undefined, fallback: number, flag: string): number {
    if (text === undefined) return fallback;
    const n = Number(text);
    if (!Number.isInteger(n) || n < 0) throw new UsageError(`${flag} takes a whole number`);
    return n;
}
