/** `splc overlap <rules...>`: equivalent rules, containments and overlapping pairs over a catalog. */
import { parse } from "../index.js";
import { formatOverlapText, overlapCatalog, overlapSarif, type CatalogRule } from "../relate/index.js";
import { EXIT, UsageError, parseCommandArgs } from "./io.js";
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
    // The JSON of a large catalog runs to hundreds of megabytes: written piece by piece, never held whole.
    if (format === "json") await writeChunks(jsonChunks(report, "", 2));
    else if (format === "sarif") await writeChunks(jsonChunks(overlapSarif(report), "", 4));
    else process.stdout.write(formatOverlapText(report, { limit }));
    return EXIT.ok;
}

/**
 * `JSON.stringify(value, null, 2)` and a newline, in pieces: containers down to `depth` levels
 * are written entry by entry, deeper values whole. The text is the same as in one piece.
 */
function* jsonChunks(value: unknown, indent: string, depth: number): Generator<string> {
    if (value !== null && typeof value === "object" && typeof (value as { toJSON?: unknown }).toJSON === "function") value = (value as { toJSON(): unknown }).toJSON();
    const inner = `${indent}  `;
    if (depth > 0 && Array.isArray(value) && value.length > 0) {
        yield "[";
        for (let i = 0; i < value.length; i++) {
            yield `${i === 0 ? "" : ","}\n${inner}`;
            // As JSON.stringify does: array entries it cannot write become null.
            const v: unknown = value[i];
            yield* jsonChunks(v === undefined || typeof v === "function" || typeof v === "symbol" ? null : v, inner, depth - 1);
        }
        yield `\n${indent}]`;
    } else if (depth > 0 && value !== null && typeof value === "object" && !Array.isArray(value)) {
        const record = value as Record<string, unknown>;
        const keys = Object.keys(record).filter((k) => record[k] !== undefined && typeof record[k] !== "function" && typeof record[k] !== "symbol");
        if (keys.length === 0) {
            yield "{}";
            return;
        }
        yield "{";
        for (let i = 0; i < keys.length; i++) {
            yield `${i === 0 ? "" : ","}\n${inner}${JSON.stringify(keys[i])}: `;
            yield* jsonChunks(record[keys[i]!], inner, depth - 1);
        }
        yield `\n${indent}}`;
    } else {
        yield (JSON.stringify(value, null, 2) ?? "null").replaceAll("\n", `\n${indent}`);
    }
    if (indent === "") yield "\n";
}

/** Writes the pieces to standard output in blocks, waiting when the reader is slower. */
async function writeChunks(chunks: Iterable<string>): Promise<void> {
    let block = "";
    const flush = async (): Promise<void> => {
        if (!process.stdout.write(block)) await new Promise<void>((done) => process.stdout.once("drain", () => done()));
        block = "";
    };
    for (const c of chunks) {
        block += c;
        if (block.length >= 1 << 20) await flush();
    }
    if (block !== "") await flush();
}

function wholeNumber(text: string | undefined, fallback: number, flag: string): number {
    if (text === undefined) return fallback;
    const n = Number(text);
    if (!Number.isInteger(n) || n < 0) throw new UsageError(`${flag} takes a whole number`);
    return n;
}
