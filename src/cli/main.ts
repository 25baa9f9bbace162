/**
 * The `splc` command line. Subcommands live in their own modules; this file only dispatches
 * and maps errors to exit codes (0 ok, 1 diagnostics at the fail level, 2 usage/unreadable).
 */
import { EXIT, UsageError } from "./io.js";
import { runParse, PARSE_HELP } from "./parse-command.js";
import { runExpand, EXPAND_HELP } from "./expand-command.js";
import { runFmt, FMT_HELP } from "./fmt-command.js";

const HELP = `splc: Splunk SPL compiler front end

Usage: splc <command> [options] [files...]

Commands:
  parse [file|-]      print the IR of one search as JSON; diagnostics on stderr
  expand [file|-]     print the search with its macros expanded (--macros <files>)
  fmt [--check] <files|->  format SPL files (one stage per line)

Run 'splc <command> --help' for a command's options.
`;

const COMMANDS: Record<string, { run: (args: string[]) => number | Promise<number>; help: string }> = {
    parse: { run: runParse, help: PARSE_HELP },
    expand: { run: runExpand, help: EXPAND_HELP },
    fmt: { run: runFmt, help: FMT_HELP },
};

async function main(argv: string[]): Promise<number> {
    const [command, ...rest] = argv;
    if (!command || command === "--help" || command === "-h" || command === "help") {
        process.stdout.write(HELP);
        return command ? EXIT.ok : EXIT.usage;
    }
    const entry = COMMANDS[command];
    if (!entry) throw new UsageError(`unknown command '${command}'\n\n${HELP}`);
    if (rest.includes("--help") || rest.includes("-h")) {
        process.stdout.write(entry.help);
        return EXIT.ok;
    }
    return entry.run(rest);
}

main(process.argv.slice(2)).then(
    (code) => {
        process.exitCode = code;
    },
    (e: unknown) => {
        if (e instanceof UsageError) {
            process.stderr.write(`splc: ${e.message}\n`);
            process.exitCode = EXIT.usage;
        } else {
            process.stderr.write(`splc: internal error: ${(e as Error).stack ?? String(e)}\n`);
            process.exitCode = 3;
        }
    },
);
