/**
 * Analysis of parsed searches: field lineage, the per-search analysis a detection catalog shows
 * (`analyze`), and the corpus-level indicator index. Browser-safe: no `node:` modules.
 */
export {
    lineage,
    stageFields,
    fieldsAfter,
    fieldStatus,
    commandType,
    isTransforming,
    isAggregating,
    firstTransformingStage,
    exprFields,
    searchFields,
    aggregationName,
    type StageLineage,
    type FieldSet,
    type FieldStatus,
} from "./lineage.js";
export { analyze, ANALYSIS_VERSION, type Analysis, type AnalyzeOptions, type StageInfo } from "./analyze.js";
export {
    indicatorKeys,
    indicatorText,
    termText,
    renderPredicates,
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
} from "./indicators.js";
export { splitDataModel, type DataSources, type SourceValue, type DataModelUse, type LookupUse, type MacroReference } from "./datasources.js";
export { semanticWarnings, mergeDiagnostics, commandMacroNames, COMMAND_MACROS, type WarningOptions } from "./warnings.js";
export { IndicatorIndex, type IndicatorEntry, type IndicatorIndexOptions, type IndicatorIndexSnapshot } from "./index-corpus.js";
