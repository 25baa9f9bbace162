/**
 * The command catalog: every SPL command splc knows by name, its aliases, which grammar rule
 * parses its arguments, and its command types (Splunk's "Command types" page, reference §5).
 * The lexer, the lowering and the analyses all read this one table.
 */

/** Splunk's command types. A command may have several, depending on its arguments. */
export type CommandType = "generating" | "streaming" | "centralized-streaming" | "transforming" | "dataset" | "orchestrating";

/** Which parser rule reads the command's arguments. */
export type ArgumentSyntax = "search" | "where" | "eval" | "stats" | "generic";

/** One catalog entry. */
export interface CommandInfo {
    /** Canonical name. */
    name: string;
    aliases: readonly string[];
    syntax: ArgumentSyntax;
    /** Types as Splunk lists them; the first is the one used when arguments do not decide. */
    types: readonly CommandType[];
    /** Accepts GROUPBY as a synonym of BY; elsewhere `groupby` is an ordinary word (a field name). */
    groupby: boolean;
    /**
     * The clause keywords (AS, BY, OVER, OUTPUT, OUTPUTNEW, WITH, WHERE, GROUPBY, FROM) the
     * command's syntax uses, upper-cased; any other such word is a field name there
     * (`rename src AS from`, `table from, to`). Null: not modelled, every keyword counts.
     */
    keywords: ReadonlySet<string> | null;
}

type Entry = [syntax: ArgumentSyntax, types: CommandType[], aliases?: string[]];

const GROUPBY_COMMANDS = new Set(["tstats", "mstats", "mcatalog"]);

// Clause keywords by command, after the commands' syntax in Splunk's searchbnf.conf. The stats
// family shares one argument language; the commands listed here take field lists where a word
// such as `from` or `output` is a field name.
const STATS_KEYWORDS: readonly ClauseKeyword[] = ["AS", "BY", "OVER", "WHERE", "GROUPBY", "FROM"];
const KEYWORDS: Record<string, readonly ClauseKeyword[]> = {
    rename: ["AS"],
    table: [],
    fields: [],
    dedup: [],
    sort: [],
    transaction: [],
    mvexpand: [],
    mvcombine: [],
    makemv: [],
    nomv: [],
    fillnull: [],
    filldown: [],
    xyseries: [],
    untable: [],
    strcat: [],
    addtotals: [],
    iplocation: [],
    spath: [],
    convert: ["AS"],
    bin: ["AS"],
    top: ["BY"],
    rare: ["BY"],
};

// Types follow the reference's §5 lists (G generating, Sd streaming, Sc centralized streaming,
// T transforming, O orchestrating, D dataset processing).
const ENTRIES: Record<string, Entry> = {
    search: ["search", ["streaming", "generating"]],
    where: ["where", ["streaming"]],
    eval: ["eval", ["streaming"]],
    fieldformat: ["eval", ["streaming"]],
    stats: ["stats", ["transforming"]],
    eventstats: ["stats", ["dataset"]],
    streamstats: ["stats", ["centralized-streaming"]],
    chart: ["stats", ["transforming"]],
    timechart: ["stats", ["transforming"]],
    tstats: ["stats", ["generating", "transforming"]],
    mstats: ["stats", ["generating", "transforming"]],
    sistats: ["stats", ["transforming"]],
    sichart: ["stats", ["transforming"]],
    sitimechart: ["stats", ["transforming"]],
    geostats: ["stats", ["transforming"]],
    top: ["generic", ["transforming"], ["common"]],
    rare: ["generic", ["transforming"]],
    sitop: ["generic", ["transforming"]],
    sirare: ["generic", ["transforming"]],
    table: ["generic", ["transforming"]],
    fields: ["generic", ["streaming"]],
    rename: ["generic", ["streaming"]],
    rex: ["generic", ["streaming"]],
    regex: ["generic", ["streaming"]],
    lookup: ["generic", ["streaming", "orchestrating"]],
    inputlookup: ["generic", ["generating"]],
    outputlookup: ["generic", ["streaming"]],
    inputcsv: ["generic", ["generating"]],
    outputcsv: ["generic", ["streaming"]],
    join: ["generic", ["centralized-streaming", "dataset"]],
    append: ["generic", ["transforming", "dataset"]],
    appendcols: ["generic", ["dataset"]],
    appendpipe: ["generic", ["dataset"]],
    multisearch: ["generic", ["generating"]],
    union: ["generic", ["dataset"]],
    set: ["generic", ["generating"]],
    dedup: ["generic", ["streaming", "dataset"]],
    sort: ["generic", ["dataset"]],
    head: ["generic", ["centralized-streaming"]],
    tail: ["generic", ["dataset"]],
    reverse: ["generic", ["dataset"]],
    bin: ["generic", ["streaming", "dataset"], ["bucket", "discretize"]],
    fillnull: ["generic", ["streaming", "dataset"]],
    filldown: ["generic", ["centralized-streaming"]],
    mvexpand: ["generic", ["streaming"]],
    mvcombine: ["generic", ["transforming"]],
    makemv: ["generic", ["streaming"]],
    nomv: ["generic", ["streaming"]],
    spath: ["generic", ["streaming"]],
    convert: ["generic", ["streaming"]],
    makeresults: ["generic", ["generating"]],
    rest: ["generic", ["generating"]],
    datamodel: ["generic", ["generating", "dataset"]],
    from: ["generic", ["generating", "dataset"]],
    foreach: ["generic", ["streaming"]],
    map: ["generic", ["dataset"]],
    return: ["generic", ["transforming"]],
    format: ["generic", ["transforming"]],
    transaction: ["generic", ["centralized-streaming", "dataset"], ["transam"]],
    iplocation: ["generic", ["streaming"]],
    collect: ["generic", ["streaming"], ["stash", "sumindex", "summaryindex"]],
    xmlkv: ["generic", ["streaming"]],
    fromjson: ["generic", ["streaming"]],
    tojson: ["generic", ["streaming"]],
    addinfo: ["generic", ["streaming"]],
    replace: ["generic", ["streaming"]],
    addtotals: ["generic", ["streaming", "transforming"]],
    addcoltotals: ["generic", ["transforming"]],
    makecontinuous: ["generic", ["transforming"]],
    eventcount: ["generic", ["generating"]],
    metadata: ["generic", ["generating"]],
    loadjob: ["generic", ["generating"]],
    savedsearch: ["generic", ["generating"]],
    dbinspect: ["generic", ["generating"]],
    gentimes: ["generic", ["generating"]],
    pivot: ["generic", ["generating"]],
    typeahead: ["generic", ["generating"]],
    walklex: ["generic", ["generating"]],
    metasearch: ["generic", ["generating"]],
    history: ["generic", ["generating", "transforming"]],
    extract: ["generic", ["streaming"], ["kv"]],
    multikv: ["generic", ["streaming"]],
    kvform: ["generic", ["streaming"]],
    xpath: ["generic", ["streaming"]],
    xmlunescape: ["generic", ["streaming"]],
    strcat: ["generic", ["streaming"]],
    rangemap: ["generic", ["streaming"]],
    reltime: ["generic", ["streaming"]],
    tags: ["generic", ["streaming"]],
    typer: ["generic", ["streaming"]],
    untable: ["generic", ["streaming"]],
    xyseries: ["generic", ["streaming", "transforming"], ["maketable"]],
    transpose: ["generic", ["transforming"]],
    timewrap: ["generic", ["transforming"]],
    trendline: ["generic", ["centralized-streaming"]],
    autoregress: ["generic", ["centralized-streaming"], ["ar"]],
    accum: ["generic", ["centralized-streaming"]],
    delta: ["generic", ["centralized-streaming"]],
    streamedcsv: ["generic", ["streaming"]],
    highlight: ["generic", ["streaming"], ["hilite"]],
    iconify: ["generic", ["streaming"]],
    abstract: ["generic", ["streaming"], ["excerpt"]],
    cluster: ["generic", ["centralized-streaming", "dataset"], ["slc"]],
    kmeans: ["generic", ["dataset"]],
    outlier: ["generic", ["dataset"], ["outlierfilter"]],
    anomalydetection: ["generic", ["transforming", "dataset"]],
    anomalousvalue: ["generic", ["dataset"]],
    anomalies: ["generic", ["dataset"]],
    predict: ["generic", ["transforming"]],
    fieldsummary: ["generic", ["dataset"]],
    concurrency: ["generic", ["dataset"]],
    contingency: ["generic", ["transforming"], ["counttable", "ctable"]],
    associate: ["generic", ["transforming"]],
    correlate: ["generic", ["transforming"]],
    analyzefields: ["generic", ["transforming"], ["af"]],
    arules: ["generic", ["streaming", "centralized-streaming"]],
    cofilter: ["generic", ["transforming"]],
    diff: ["generic", ["transforming"]],
    erex: ["generic", ["streaming"]],
    findtypes: ["generic", ["transforming"]],
    gauge: ["generic", ["transforming"]],
    geom: ["generic", ["streaming"]],
    geomfilter: ["generic", ["streaming"]],
    localize: ["generic", ["dataset"]],
    localop: ["generic", ["orchestrating"]],
    noop: ["generic", ["orchestrating"]],
    redistribute: ["generic", ["orchestrating"]],
    require: ["generic", ["orchestrating"]],
    mcollect: ["generic", ["streaming"]],
    meventcollect: ["generic", ["streaming"]],
    mcatalog: ["stats", ["generating"]],
    mpreview: ["generic", ["generating"], ["msearch"]],
    sendemail: ["generic", ["streaming"]],
    sendalert: ["generic", ["streaming"]],
    script: ["generic", ["streaming"], ["run"]],
    scrub: ["generic", ["streaming"]],
    selfjoin: ["generic", ["dataset"]],
    searchtxn: ["generic", ["generating"]],
    uniq: ["generic", ["dataset"]],
    x11: ["generic", ["transforming"]],
    inputintelligence: ["generic", ["generating"]],
    delete: ["generic", ["streaming"]],
    overlap: ["generic", ["dataset"]],
    // App commands common in detection content (Machine Learning Toolkit, Enterprise Security).
    fit: ["generic", ["transforming"]],
    apply: ["generic", ["streaming"]],
    expandtoken: ["generic", ["streaming"]],
};

const BY_NAME = new Map<string, CommandInfo>();
for (const [name, [syntax, types, aliases = []]] of Object.entries(ENTRIES)) {
    const words = syntax === "stats" ? STATS_KEYWORDS : KEYWORDS[name];
    const info: CommandInfo = { name, aliases, syntax, types, groupby: GROUPBY_COMMANDS.has(name), keywords: words ? new Set(words) : null };
    BY_NAME.set(name, info);
    for (const a of aliases) BY_NAME.set(a, info);
}

/**
 * The clause keywords of the command-argument language, upper-cased: each is a keyword token of
 * the lexer's default mode (grammar/SplLexer.g4), matched case-insensitively.
 */
export const CLAUSE_KEYWORDS = ["AS", "BY", "OVER", "OUTPUT", "OUTPUTNEW", "WITH", "WHERE", "GROUPBY", "FROM"] as const;

/** One of {@link CLAUSE_KEYWORDS}. */
export type ClauseKeyword = (typeof CLAUSE_KEYWORDS)[number];

const CLAUSE_KEYWORD_SET: ReadonlySet<string> = new Set(CLAUSE_KEYWORDS);

/**
 * Whether `word` (any case) is read as a clause keyword among the arguments of `command`
 * (undefined: a command the catalog does not know), rather than as a plain word (a field name):
 * GROUPBY only where the command accepts it, and only the keywords the command's syntax uses
 * where the catalog models them. Outside this rule a keyword is a plain word in a search command,
 * right after AS and as a call's first argument (the lexer decides those from the position).
 */
export function readsAsClauseKeyword(word: string, command: CommandInfo | undefined): boolean {
    const upper = word.toUpperCase();
    if (!CLAUSE_KEYWORD_SET.has(upper)) return false;
    if (upper === "GROUPBY" && !(command?.groupby ?? false)) return false;
    return command?.keywords == null || command.keywords.has(upper);
}

/** The catalog entry of a command name or alias (case-insensitive), or undefined. */
export function commandInfo(name: string): CommandInfo | undefined {
    return BY_NAME.get(name.toLowerCase());
}

/** The canonical name of a command (aliases resolved, lower-cased). */
export function canonicalName(name: string): string {
    const lower = name.toLowerCase();
    return BY_NAME.get(lower)?.name ?? lower;
}
