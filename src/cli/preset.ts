/**
 * The `security_content` preset: what Splunk's security_content repository means by the macros it
 * calls without defining them.
 *
 * - `<name>_filter`: every detection ends with a call of its own filter macro, which contentctl
 *   generates at build time as `search *` (a no-op the customer edits). The preset defines each
 *   such undefined macro that way, so it expands to a harmless stage instead of an SPL4001.
 * - `drop_dm_object_name(1)`: a CIM macro, provided by splc's built-ins.
 *
 * The layout is recognised from a directory holding both `detections/` and `macros/` (the
 * repository root); its `macros/` folder is then read for definitions.
 */
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import type { MacroDefinition } from "../index.js";
import { findMacroCalls, parseCall } from "../macros/scan.js";
import { findUp } from "./find-up.js";

/** The root of a security_content checkout at or above `path`, or null. */
export function findSecurityContentRoot(path: string): string | null {
    return findUp(path, (dir) => isDir(join(dir, "detections")) && isDir(join(dir, "macros")));
}

function isDir(p: string): boolean {
    return existsSync(p) && statSync(p).isDirectory();
}

/** `search *` definitions for the `_filter` macros the searches call but nothing defines. */
export function generatedFilterMacros(searches: readonly string[], defined: readonly MacroDefinition[]): MacroDefinition[] {
    const known = new Set(defined.map((d) => d.name.replace(/\(\d+\)$/, "")));
    const out = new Map<string, MacroDefinition>();
    for (const spl of searches) {
        for (const site of findMacroCalls(spl)) {
            const call = parseCall(site.inner);
            if (!call || call.args.length > 0 || !/_filter$/i.test(call.name) || known.has(call.name) || out.has(call.name)) continue;
            out.set(call.name, { name: call.name, definition: "search *" });
        }
    }
    return [...out.values()];
}
