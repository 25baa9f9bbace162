/**
 * Printing and formatting: `print(node)` (canonical one-line SPL for any IR node),
 * `format(text)` (pretty-printed SPL, comments kept), `checkFormat` for `splc fmt --check`,
 * and `sameTree` (IR equality up to spans, which is what printing preserves).
 */
export { print, type Printable } from "./print.js";
export { format, formatWithDiagnostics, formatParsed, checkFormat, type FormatOptions, type FormatResult, type FormatParsedResult, type FormatCheck } from "./format.js";
export { sameTree, firstDifference } from "./equal.js";
