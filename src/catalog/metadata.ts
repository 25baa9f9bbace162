/**
 * What a rule file says about a rule besides its search: ATT&CK techniques and tactics, declared
 * data sources. Read from security_content (`tags.mitre_attack_id`, `data_source`), Anvilogic
 * (`technique_id`; `techniques`, as ids or as `tactic:technique:sub-technique` names, whose
 * first part is the tactic; `tactics`; `data_category`), savedsearches.conf
 * (`action.correlationsearch.annotations` or `annotations`, a JSON object) and corpus JSONL
 * records (`mitre`, `data_source`).
 */

/** The ATT&CK facts a rule declares. */
export interface RuleTags {
    /** Technique ids (`T1110.003`), in the order given, without duplicates. */
    techniques: string[];
    /** Tactic names or ids, when the file gives them. */
    tactics: string[];
    /** Declared data sources (security_content `data_source`). */
    dataSources: string[];
    /** Declared data categories (Anvilogic `data_category`, e.g. `PowerShell logs`). */
    dataCategories: string[];
}

const TECHNIQUE = /\bT\d{4}(?:\.\d{3})?\b/g;
const TECHNIQUE_ONLY = /^\s*T\d{4}(?:\.\d{3})?\s*$/;

function strings(x: unknown, out: string[]): void {
    if (typeof x === "string") out.push(x);
    else if (Array.isArray(x)) for (const v of x) strings(v, out);
    else if (typeof x === "object" && x !== null) for (const v of Object.values(x)) strings(v, out);
}

function record(x: unknown): Record<string, unknown> | null {
    if (typeof x === "object" && x !== null && !Array.isArray(x)) return x as Record<string, unknown>;
    if (typeof x === "string" && x.trim().startsWith("{")) {
        try {
            return record(JSON.parse(x));
        } catch {
            return null;
        }
    }
    return null;
}

function unique(list: string[]): string[] {
    return [...new Set(list.map((s) => s.trim()).filter(Boolean))];
}

/** Techniques, tactics and declared data sources from a rule's metadata. */
export function ruleTags(metadata: Record<string, unknown>): RuleTags {
    const techniqueText: string[] = [];
    const tactics: string[] = [];
    const tags = record(metadata.tags);
    if (tags) strings(tags.mitre_attack_id, techniqueText);
    strings(metadata.mitre, techniqueText);
    strings(metadata.technique_id, techniqueText);
    const named: string[] = [];
    strings(metadata.techniques, named);
    for (const t of named) {
        techniqueText.push(t);
        // Anvilogic names a technique by its path: `defense-evasion:subvert trust controls:...`.
        const path = t.split(":");
        if (path.length > 1 && !TECHNIQUE_ONLY.test(t)) tactics.push(path[0] as string);
    }
    strings(metadata.tactics, tactics);
    for (const key of ["action.correlationsearch.annotations", "annotations"]) {
        const ann = record(metadata[key]);
        if (!ann) continue;
        for (const [k, v] of Object.entries(ann)) {
            if (/tactic/i.test(k)) strings(v, tactics);
            else if (/mitre|attack/i.test(k)) strings(v, techniqueText);
        }
    }
    const techniques = unique(techniqueText.flatMap((s) => s.match(TECHNIQUE) ?? []));
    const sources: string[] = [];
    strings(metadata.data_source, sources);
    const categories: string[] = [];
    strings(metadata.data_category, categories);
    return { techniques, tactics: unique(tactics), dataSources: unique(sources), dataCategories: unique(categories) };
}

/** The parent technique of a sub-technique (`T1110.003` to `T1110`). */
export function parentTechnique(id: string): string {
    return id.split(".")[0] ?? id;
}
