import { it } from "vitest";
import { loadRuleText } from "../../src/rules/index.js";
import { mapMismatches } from "./helpers.js";
it("debug", () => {
    const text = "search: index=main sourcetype=x\n  | stats count\n";
    const r = loadRuleText(text, { filename: "x.yml" });
    const rule = r.rules[0]!;
    console.log(JSON.stringify(rule.spl), rule.offsetMap, rule.exact, mapMismatches(text, rule).slice(0, 5));
});
