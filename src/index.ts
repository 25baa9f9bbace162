/**
 * splc: a compiler front end for Splunk's Search Processing Language.
 * This module is the whole public surface of the core (browser-safe: no Node built-ins, no yaml).
 * Every name is listed: a change here is a change of the package's API, and
 * test/public-api.test.ts keeps the list under review.
 */

// Parsing
export { parse, parseSearchExpression, parseEvalExpression, DEFAULT_LIMITS, LIMIT_CAPS, type ParseOptions, type ParseLimits, type ParseStats, type FragmentResult } from "./parse.js";

// The IR (docs/ir.md)
export {
    IR_VERSION,
    type Aggregation,
    type Binary,
    type BooleanLit,
    type Call,
    type CallArg,
    type Command,
    type CommandArg,
    type CommandBase,
    type Compare,
    type CompareOp,
    type Diagnostic,
    type Directive,
    type ErrorCommand,
    type EvalAssignment,
    type EvalCommand,
    type Expr,
    type Field,
    type FieldRef,
    type GenericCommand,
    type GroupArg,
    type In,
    type KeywordArg,
    type MacroCall,
    type NodeBase,
    type NumberLit,
    type OptionArg,
    type ParseResult,
    type Pipeline,
    type Placeholder,
    type PlaceholderStage,
    type PunctArg,
    type SearchAnd,
    type SearchCommand,
    type SearchExpr,
    type SearchNot,
    type SearchOr,
    type SearchValue,
    type Severity,
    type StatsCommand,
    type StringArg,
    type StringLit,
    type Subsearch,
    type Term,
    type TimeModifier,
    type TopCommand,
    type Unary,
    type WhereArg,
    type WhereCommand,
    type WordArg,
} from "./ir/nodes.js";
export { optionsOf } from "./ir/options.js";
export type {
    AddtotalsCommand,
    AppendCommand,
    BinCommand,
    ConvertCommand,
    DedupCommand,
    FieldsCommand,
    FillnullCommand,
    ForeachCommand,
    HeadCommand,
    InputlookupCommand,
    IplocationCommand,
    JoinCommand,
    LookupCommand,
    LookupFieldMap,
    MakemvCommand,
    MapCommand,
    MultisearchCommand,
    MvexpandCommand,
    OptionsCommand,
    OutputlookupCommand,
    RegexCommand,
    RenameCommand,
    ReplaceCommand,
    ReturnCommand,
    RexCommand,
    SortCommand,
    SortKey,
    SpathCommand,
    TableCommand,
    TransactionCommand,
    TypedArgs,
    TypedCommand,
} from "./ir/commands.js";
export type { Span, Origin } from "./ir/span.js";
export type { CommandType } from "./commands/catalog.js";

// Diagnostics
export { DIAGNOSTIC_CODES, type DiagnosticCode, type DiagnosticInfo } from "./diagnostics/codes.js";
export { createLineIndex, formatDiagnostic, codeFrame, type LineIndex, type FormatDiagnosticOptions } from "./diagnostics/render.js";

// Macros
export {
    macroFromRecord,
    normalizeMacros,
    parseMacrosConf,
    expandMacros,
    EXPAND_CAPS,
    mapSpan,
    type MacroDefinition,
    type MacroTable,
    type NormalizedMacro,
    type MacrosConfResult,
    type ExpandOptions,
    type ExpansionResult,
    type MacroUse,
    type ExpansionMap,
    type MapSegment,
    type MacroFrame,
    type MappedSpan,
} from "./macros/index.js";

// Analysis (docs/analysis.md)
export { analyze, ANALYSIS_VERSION, type Analysis, type AnalyzeOptions, type StageInfo } from "./analysis/analyze.js";
export { lineage, fieldsAfter, fieldStatus, firstTransformingStage, type StageLineage, type FieldSet, type FieldStatus } from "./analysis/lineage.js";
export {
    indicatorKeys,
    indicatorText,
    termText,
    type Indicator,
    type IndicatorOp,
    type Level,
    type PredicateNode,
    type PredicateGroup,
    type PredicateNot,
    type PredicateLeaf,
    type PredicateSyntax,
    type SearchTerm,
    type TimeBound,
} from "./analysis/indicators.js";
export type { DataSources, SourceValue, DataModelUse, LookupUse, MacroReference } from "./analysis/datasources.js";
export { IndicatorIndex, type IndicatorEntry, type IndicatorIndexOptions, type IndicatorIndexSnapshot } from "./analysis/index-corpus.js";

// Printing, formatting, walking
export {
    print,
    format,
    formatWithDiagnostics,
    formatParsed,
    checkFormat,
    sameTree,
    type Printable,
    type FormatOptions,
    type FormatResult,
    type FormatParsedResult,
    type FormatCheck,
} from "./print/index.js";
export {
    visit,
    transform,
    SKIP,
    BREAK,
    type Visitor,
    type VisitFn,
    type VisitInfo,
    type VisitAction,
    type EnterLeave,
    type Transformer,
    type TransformFn,
    type TransformResult,
    type Node,
    type NodeKind,
    type NodeOfKind,
} from "./visit/index.js";

// Pictures
export {
    pipelineGraph,
    graphToMermaid,
    graphToDot,
    graphToSvg,
    type PipelineGraph,
    type GraphNode,
    type GraphEdge,
    type GraphLine,
    type GraphLineKind,
    type GraphOptions,
    type SvgOptions,
} from "./graph/index.js";

// Rule relations (docs/overlap.md)
export {
    relate,
    prepareFilter,
    overlapCatalog,
    ruleRelations,
    formatOverlapText,
    overlapSarif,
    witnessText,
    type Relation,
    type RelateOptions,
    type RelateResult,
    type Fact,
    type Witness,
    type PreparedFilter,
    type EventFilter,
    type ModelEvent,
    type CatalogRule,
    type OverlapOptions,
    type OverlapReport,
    type PairFinding,
    type RuleRelations,
    type OverlapTextOptions,
    type OverlapOutputOptions,
    type SarifLog,
    type SarifResult,
    type SarifLocation,
} from "./relate/index.js";
