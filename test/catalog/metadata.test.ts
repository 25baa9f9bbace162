// What the catalog reads from rule files besides the search: techniques, tactics and declared
// data sources, in the layouts of the example rule files.
import { join } from "node:path";
import { expect, it } from "vitest";
import { ruleTags } from "../../src/catalog/metadata.js";
import { loadRuleFiles } from "../../src/rules/node.js";
import { describeShared, REPO_DIR, sharedPath } from "../support/shared.js";

const strings = (x: unknown): string[] => (Array.isArray(x) ? x.filter((v): v is string => typeof v === "string") : []);

it("reads an Anvilogic rule's techniques and tactics lists (repository example)", async () => {
    const { rules } = await loadRuleFiles([join(REPO_DIR, "examples", "rules", "encoded_powershell.yml")]);
    const rule = rules[0]!;
    const tags = ruleTags(rule.metadata);
    expect(tags.techniques).toEqual(strings(rule.metadata.techniques));
    expect(tags.tactics).toEqual(strings(rule.metadata.tactics));
});

describeShared("rule metadata of the shared examples", () => {
    it("reads the ISO rule's technique ids (technique_id), the tactics of its named techniques and its data category", async () => {
        const { rules } = await loadRuleFiles([sharedPath("examples", "iso_image_mounted-windows-splunk-powershell.yml")]);
        const m = rules[0]!.metadata;
        const ids = strings(m.technique_id);
        expect(ids.length).toBeGreaterThan(0);
        const tags = ruleTags(m);
        expect(tags.techniques).toEqual(ids);
        const named = strings(m.techniques);
        expect(named.every((t) => t.includes(":"))).toBe(true);
        expect(tags.tactics).toEqual([...new Set(named.map((t) => t.split(":")[0]))]);
        expect(tags.dataCategories).toEqual(strings(m.data_category));
    });

    it("reads a security_content detection's tags.mitre_attack_id and data_source", async () => {
        const { rules } = await loadRuleFiles([sharedPath("examples", "windows_multiple_users_failed_to_authenticate_using_kerberos.yml")]);
        const m = rules[0]!.metadata;
        const tags = ruleTags(m);
        expect(tags.techniques).toEqual(strings((m.tags as Record<string, unknown>).mitre_attack_id));
        expect(tags.dataSources).toEqual(strings(m.data_source));
    });
});
