/**
 * The `splc` command line. Subcommands live in their own modules; this file only dispatches
 * and maps errors to exit codes (0 ok, 1 diagnostics at the fail level, 2 usage/unreadable).
 */
import { EXIT, OutputError, UsageError } from "./io.js";
import { runParse, PARSE_HELP } from "./parse-command.js";
import { runExpand, EXPAND_HELP } from "./expand-command.js";
import { runFmt, FMT_HELP } from "./fmt-command.js";
import { runAnalyze, ANALYZE_HELP } from "./analyze-command.js";
import { runGraph, GRAPH_HELP } from "./graph-command.js";
import { runCatalog, CATALOG_HELP } from "./catalog-command.js";
import { packageInfo } from "./version.js";
import { runOverlap, OVERLAP_HELP } from "./overlap-command.js";

const HELP = `splc: Splunk SPL compiler front end

Usage: splc <command> [options] [files...]

Commands:
  analyze <files|dirs|globs...|->  report stages, predicates, indicators, terms, data sources,
                      diagnostics (text, json, jsonl, sarif, github, summary)
  parse [file|-]      print the IR of a search (or of each rule of a rule file) as JSON
  expand [file|-]     print the search with its macros expanded (--macros <files>)
  fmt [--check|--diff] <files|->  format SPL, and the searches inside rule files, in place
  graph <rule|->      draw a search: Mermaid, DOT or SVG of its stages, predicates and fields
  catalog <files|dirs...> --out <dir>  a static HTML catalog of rules, with a playground
  overlap <files|dirs...>  equivalent rules, containments and overlaps between event filters

Run 'splc <command> --help' for a command's options; 'splc --version' prints the version.
`;

const COMMANDS: Record<string, { run: (args: string[]) => number | Promise<number>; help: string }> = {
    analyze: { run: runAnalyze, help: ANALYZE_HELP },
    parse: { run: runParse, help: PARSE_HELP },
    expand: { run: runExpand, help: EXPAND_HELP },
    fmt: { run: runFmt, help: FMT_HELP },
    graph: { run: runGraph, help: GRAPH_HELP },
    catalog: { run: runCatalog, help: CATALOG_HELP },
    overlap: { run: runOverlap, help: OVERLAP_HELP },
};

async function dispatch(argv: string[]): Promise<number> {
    const [command, ...rest] = argv;
    if (!command || command === "--help" || command === "-h" || command === "help") {
        process.stdout.write(HELP);
        return command ? EXIT.ok : EXIT.usage;
    }
    if (command === "--version" || command === "-v") {
        process.stdout.write(`${packageInfo().version}\n`);
        return EXIT.ok;
    }
    const entry = COMMANDS[command];
    if (!entry) throw new UsageError(`unknown command '${command}'\n\n${HELP}`);
    if (rest.includes("--help") || rest.includes("-h")) {
        process.stdout.write(entry.help);
        return EXIT.ok;
    }
    return entry.run(rest);
}

/**
 * Runs the CLI with the given arguments (without `node` and the script) and returns the exit
 * code; output goes to process.stdout/stderr. Never throws: usage problems exit 2, output that
 * cannot be written exits 4, and an internal error exits 3 with one line on stderr (the stack
 * with SPLC_DEBUG=1).
 */
export async function runCli(argv: string[]): Promise<number> {
    try {
        return await dispatch(argv);
    } catch (e) {
        if (e instanceof UsageError) {
            process.stderr.write(`splc: ${e.message}\n`);
            return EXIT.usage;
        }
        if (e instanceof OutputError) {
            process.stderr.write(`splc: ${e.message}\n`);
            return EXIT.output;
        }
        // One line; the stack only when asked for (SPLC_DEBUG=1), for a bug report.
        const detail = process.env.SPLC_DEBUG ? ((e as Error).stack ?? String(e)) : e instanceof Error ? `${e.name}: ${e.message}` : String(e);
        process.stderr.write(`splc: internal error (please report it): ${detail}\n`);
        return EXIT.internal;
    }
}
