/** Sound relations between the event filters of searches (`relate`) and over whole catalogs (`overlapCatalog`). */
export { relate, prepareFilter, type Relation, type RelateOptions, type RelateResult, type Fact, type Witness, type PreparedFilter } from "./relate.js";
export type { EventFilter } from "./extract.js";
export type { ModelEvent } from "./model.js";
export { overlapCatalog, ruleRelations, type CatalogRule, type OverlapOptions, type OverlapReport, type PairFinding, type RuleRelations } from "./catalog.js";
export { formatOverlapText, overlapSarif, witnessText, type OverlapTextOptions, type OverlapOutputOptions, type SarifLog, type SarifResult, type SarifLocation } from "./format.js";
