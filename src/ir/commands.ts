/**
 * Typed IR of the commands that carry structure beyond options. Each typed command stores its
 * meaning once, in its typed fields: `print` writes the stage from them, `visit` walks them and
 * an edit to one of them is what prints. `options` holds only the options no typed field stands
 * for (`rex field=x` is `field: "x"`, not an option); where a value is optional in SPL, `null`
 * means "not given".
 */
import type { CommandBase, CommandArg, FieldRef, OptionArg, Pipeline, SearchExpr, Subsearch } from "./nodes.js";
import type { Span } from "./span.js";

/**
 * What every typed command keeps beside its typed fields: the arguments its typed reading did
 * not take (unexpanded macros standing among the arguments), in source order. `print` writes
 * them back at their place, so printing stays lossless. A command with an argument its reading
 * cannot place (SPL2006) stays a `GenericCommand` instead.
 */
export interface TypedArgs {
    /** Arguments the typed form does not model, in source order (usually empty). */
    rest: CommandArg[];
}

/** `table a, b, c*` */
export interface TableCommand extends CommandBase, TypedArgs {
    kind: "TableCommand";
    fields: FieldRef[];
}

/** `fields [+|-] a, b*` */
export interface FieldsCommand extends CommandBase, TypedArgs {
    kind: "FieldsCommand";
    mode: "keep" | "remove";
    fields: FieldRef[];
}

/** `rename a AS b, c* AS d*` */
export interface RenameCommand extends CommandBase, TypedArgs {
    kind: "RenameCommand";
    renames: { from: string; to: string; span: Span }[];
}

/** `rex [field=f] "regex" [max_match=n]` or `rex mode=sed "s/a/b/"` */
export interface RexCommand extends CommandBase, TypedArgs {
    kind: "RexCommand";
    /** The input field (default `_raw`). */
    field: string;
    mode: "regex" | "sed";
    /** The pattern after SPL unescaping (what the regex engine sees). */
    pattern: string | null;
    /** `max_match` (1 by default, 0 = unlimited). */
    maxMatch: number;
    /** Options other than `field`, `mode` and `max_match` (`offset_field`, ...). */
    options: OptionArg[];
}

/** `regex [field(=|!=)]"pattern"` */
export interface RegexCommand extends CommandBase, TypedArgs {
    kind: "RegexCommand";
    field: string;
    negated: boolean;
    pattern: string | null;
}

/** A `lookup_field [AS event_field]` pair. */
export interface LookupFieldMap {
    /** The name in the lookup table. */
    lookupField: string;
    /** The name in the events (equal to `lookupField` without AS). */
    eventField: string;
    span: Span;
}

/** `lookup [options] table in [AS ev]... [OUTPUT|OUTPUTNEW out [AS ev]...]` */
export interface LookupCommand extends CommandBase, TypedArgs {
    kind: "LookupCommand";
    /** The lookup table or file name; empty when none is written (a macro among the arguments may supply it). */
    lookup: string;
    inputs: LookupFieldMap[];
    outputMode: "OUTPUT" | "OUTPUTNEW" | null;
    outputs: LookupFieldMap[];
    options: OptionArg[];
}

/** `inputlookup [options] table [WHERE search]` */
export interface InputlookupCommand extends CommandBase, TypedArgs {
    kind: "InputlookupCommand";
    /** The lookup table or file name; empty when none is written (a macro among the arguments may supply it). */
    lookup: string;
    where: SearchExpr | null;
    options: OptionArg[];
}

/** `outputlookup [options] table` */
export interface OutputlookupCommand extends CommandBase, TypedArgs {
    kind: "OutputlookupCommand";
    /** The lookup table or file name; empty when none is written (a macro among the arguments may supply it). */
    lookup: string;
    options: OptionArg[];
}

/** `join [type=..] [max=..] fields [subsearch]` */
export interface JoinCommand extends CommandBase, TypedArgs {
    kind: "JoinCommand";
    /** inner (default), outer, left. */
    joinType: string;
    /** max (1 by default, 0 = unlimited). */
    max: number;
    fields: FieldRef[];
    /** The `[left=L] [right=R] WHERE L.a=R.b` form of the join constraints (search syntax). */
    where: SearchExpr | null;
    subsearch: Pipeline | null;
    /** A named dataset joined instead of a subsearch (`join datamodel:"x.y"`). */
    dataset: string | null;
    options: OptionArg[];
}

/** `append`, `appendcols`, `appendpipe`: one bracketed pipeline. */
export interface AppendCommand extends CommandBase, TypedArgs {
    kind: "AppendCommand";
    subsearch: Pipeline | null;
    options: OptionArg[];
}

/** `multisearch [..] [..]`, `union [..] dataset ...` */
export interface MultisearchCommand extends CommandBase, TypedArgs {
    kind: "MultisearchCommand";
    subsearches: Pipeline[];
    /** union's named datasets (`datamodel:X`). */
    datasets: string[];
    options: OptionArg[];
}

/** `dedup [N] fields [sortby ...]` */
export interface DedupCommand extends CommandBase, TypedArgs {
    kind: "DedupCommand";
    count: number | null;
    fields: FieldRef[];
    sortBy: SortKey[];
    options: OptionArg[];
}

/** One key of `sort` / `dedup sortby`. */
export interface SortKey {
    field: string;
    descending: boolean;
    /** `auto`, `str`, `ip`, `num` when written as `num(x)`. */
    fn: string | null;
    span: Span;
}

/** `sort [N] [+|-]key, ... [desc]` */
export interface SortCommand extends CommandBase, TypedArgs {
    kind: "SortCommand";
    limit: number | null;
    keys: SortKey[];
    /** A trailing `d`/`desc` reverses the whole order. */
    reverse: boolean;
    /** `limit=N` and any other options. */
    options: OptionArg[];
}

/** `head [N]` / `tail [N]` */
export interface HeadCommand extends CommandBase, TypedArgs {
    kind: "HeadCommand";
    count: number | null;
    options: OptionArg[];
}

/** `bin` / `bucket` / `discretize` */
export interface BinCommand extends CommandBase, TypedArgs {
    kind: "BinCommand";
    /**
     * The field to bin: `_time` when none is written (then `implicit`, with the info note
     * SPL2001); null only when a macro among the arguments may supply it.
     */
    field: string | null;
    /** No field was written: Splunk bins `_time`. */
    implicit?: boolean;
    as: string | null;
    /** The `span=` option, when given. */
    binSpan: string | null;
    /** Options other than `span` (`bins`, `minspan`, `start`, `end`, `aligntime`). */
    options: OptionArg[];
}

/** `fillnull [value=x] [fields]` */
export interface FillnullCommand extends CommandBase, TypedArgs {
    kind: "FillnullCommand";
    value: string;
    fields: FieldRef[];
}

/** `mvexpand field [limit=n]` */
export interface MvexpandCommand extends CommandBase, TypedArgs {
    kind: "MvexpandCommand";
    field: string | null;
    options: OptionArg[];
}

/** `makemv [delim=..|tokenizer=..] field` */
export interface MakemvCommand extends CommandBase, TypedArgs {
    kind: "MakemvCommand";
    field: string | null;
    options: OptionArg[];
}

/** `spath [input=] [output=] [path=|path]` */
export interface SpathCommand extends CommandBase, TypedArgs {
    kind: "SpathCommand";
    input: string;
    output: string | null;
    path: string | null;
    options: OptionArg[];
}

/** `convert [timeformat=] fn(field) [AS f] ...` */
export interface ConvertCommand extends CommandBase, TypedArgs {
    kind: "ConvertCommand";
    timeformat: string | null;
    conversions: { fn: string; field: string; as: string | null; span: Span }[];
}

/**
 * Commands whose IR is their options plus a few positional values (makeresults, rest,
 * datamodel, from, collect, format, ...). `positionals` holds every argument that is neither an
 * option nor a macro; `rest` holds the unexpanded macros, as in every typed command.
 */
export interface OptionsCommand extends CommandBase, TypedArgs {
    kind: "OptionsCommand";
    options: OptionArg[];
    /** The other arguments in source order (field names, URIs, dataset names, format's strings), macros aside. */
    positionals: CommandArg[];
}

/** `foreach fields [ template ]` */
export interface ForeachCommand extends CommandBase, TypedArgs {
    kind: "ForeachCommand";
    fields: FieldRef[];
    template: Pipeline | null;
    options: OptionArg[];
}

/** `map search="..." | map savedsearch` */
export interface MapCommand extends CommandBase, TypedArgs {
    kind: "MapCommand";
    /** The search string of `search="..."`, unescaped. */
    search: string | null;
    /** `map <savedsearch>`: the saved search's name, when no `search=` was given. */
    savedsearch: string | null;
    /** `map [search ... $field$ ...]`: the bracketed search run once per input row. */
    subsearch: Subsearch | null;
    options: OptionArg[];
}

/** `return [N] [alias=]field ... $field` */
export interface ReturnCommand extends CommandBase, TypedArgs {
    kind: "ReturnCommand";
    count: number | null;
    items: { alias: string | null; field: string; valueOnly: boolean; span: Span }[];
}

/** `transaction fields [options]` */
export interface TransactionCommand extends CommandBase, TypedArgs {
    kind: "TransactionCommand";
    fields: FieldRef[];
    options: OptionArg[];
}

/** `iplocation [options] field` */
export interface IplocationCommand extends CommandBase, TypedArgs {
    kind: "IplocationCommand";
    field: string | null;
    options: OptionArg[];
}

/** `replace "a" WITH "b", ... IN fields` */
export interface ReplaceCommand extends CommandBase, TypedArgs {
    kind: "ReplaceCommand";
    replacements: { from: string; to: string; span: Span }[];
    fields: FieldRef[];
}

/** `addtotals [row=] [col=] [fieldname=] [labelfield=] [label=] [fields]` */
export interface AddtotalsCommand extends CommandBase, TypedArgs {
    kind: "AddtotalsCommand";
    /** `row=`: add to each result a field holding the sum of its numeric fields (default true). */
    row: boolean;
    /** `col=`: add a last result holding the sum of each column (default false). */
    col: boolean;
    /** `fieldname=`: the field of the row total (default `Total`). */
    fieldname: string;
    /** The fields to sum (wildcards kept); empty means every numeric field. */
    fields: FieldRef[];
    /** Options other than `row`, `col` and `fieldname` (`labelfield`, `label`). */
    options: OptionArg[];
}

/** Every typed command of this file. */
export type TypedCommand =
    | TableCommand
    | FieldsCommand
    | RenameCommand
    | RexCommand
    | RegexCommand
    | LookupCommand
    | InputlookupCommand
    | OutputlookupCommand
    | JoinCommand
    | AppendCommand
    | MultisearchCommand
    | DedupCommand
    | SortCommand
    | HeadCommand
    | BinCommand
    | FillnullCommand
    | MvexpandCommand
    | MakemvCommand
    | SpathCommand
    | ConvertCommand
    | OptionsCommand
    | ForeachCommand
    | MapCommand
    | ReturnCommand
    | TransactionCommand
    | IplocationCommand
    | ReplaceCommand
    | AddtotalsCommand;
