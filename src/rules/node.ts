/** `splc/rules` for Node: the browser-safe API plus file-system loading. */
export * from "./index.js";
export { loadRuleFiles, type LoadRuleFilesOptions, type LoadRuleFilesResult } from "./fs.js";
