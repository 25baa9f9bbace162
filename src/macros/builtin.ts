/**
 * Fallback definitions of macros that security_content calls but does not define, because they
 * ship with Splunk apps (the Common Information Model add-on, Enterprise Security). Used only
 * with `expandMacros(..., { builtins: true })`; a user definition of the same `name(N)` wins.
 *
 * Only macros whose conventional definition is known with confidence are listed. Each one is
 * UNVERIFIED against the app's own macros.conf, which is not in our reference material.
 *
 * Deliberately absent: `cim_corporate_web_domain_search(1)`, `get_asset(1)` and `notable`
 * (Enterprise Security / CIM). Their real bodies involve lookups and settings we cannot state
 * with confidence; guessing would silently change what a detection means.
 */
import type { MacroDefinition } from "./definition.js";

/** The built-in fallback definitions. */
export const BUILTIN_MACROS: readonly MacroDefinition[] = Object.freeze([
    {
        // CIM (Splunk_SA_CIM): strips the data-model object prefix from field names after a
        // `tstats ... from datamodel=...`, e.g. `Processes.dest` -> `dest`. Conventional
        // definition, UNVERIFIED. Called both as drop_dm_object_name(Processes) and
        // drop_dm_object_name("Processes"); with quotes kept (see expand.ts) the latter gives
        // `rename "Processes".* AS *`.
        name: "drop_dm_object_name(1)",
        args: ["object"],
        definition: "rename $object$.* AS *",
        description: "CIM: drop the data-model object name prefix from field names (conventional definition, UNVERIFIED)",
        source: { file: "splc:builtin" },
    },
]);
