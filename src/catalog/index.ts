/**
 * The static detection catalog: {@link buildCatalog} renders a site from rules; the rule view
 * (`rule-view.ts`) is shared with the playground. Browser-safe: the CLI writes the files.
 */
export { buildCatalog, prepareRule, preparer, DEFAULT_BUDGETS, type CatalogEntry, type CatalogOptions, type CatalogRule, type CatalogSite, type PageBudgets, type PreparedRule, type PrepareOptions } from "./site.js";
export { ruleTags, parentTechnique, type RuleTags } from "./metadata.js";
export { analysisSections, displayText, splBlock, sourceKeys, type DisplayText, type RelationLink, type RuleViewContext } from "./rule-view.js";
export { CATALOG_CSS } from "./assets.js";
export { esc, slug } from "./html.js";
export { highlight, type Mark } from "./highlight.js";
