// The picture of a search: one node per stage, field edges from lineage, and three printers that
// keep hostile rule text inert.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyze, graphToDot, graphToMermaid, graphToSvg, lineage, parse, pipelineGraph } from "../../src/index.js";
import { loadRuleText } from "../../src/rules/index.js";
import { cli } from "../cli/run.js";
import { REPO_DIR } from "../support/shared.js";

const hostileFile = join(REPO_DIR, "test", "fixtures", "catalog", "hostile.yml");
const hostile = loadRuleText(readFileSync(hostileFile, "utf8"), { filename: "hostile.yml" }).rules[0]?.spl ?? "";

describe("pipelineGraph", () => {
    it("has one node per stage and edges that carry the fields a later stage reads", () => {
        const text = 'index=main EventCode=4625 | eval u=lower(user) | stats count BY u, host | eval n=count*2 | where u!="x" AND n > 3';
        const result = parse(text);
        const a = analyze(result);
        const g = pipelineGraph(result, a);
        expect(g.nodes.map((n) => n.stage)).toEqual(a.stages.map((s) => s.index));
        // Every field edge goes from the last stage that wrote the field to a stage that reads it.
        const lin = lineage(result.pipeline);
        for (const e of g.edges) {
            expect(e.from).toBeLessThan(e.to);
            for (const f of e.fields) {
                expect(lin[e.to]?.reads).toContain(f);
                expect(lin[e.from]?.writes).toContain(f);
                for (let k = e.from + 1; k < e.to; k++) expect(lin[k]?.writes ?? []).not.toContain(f);
            }
        }
        const skip = g.edges.find((e) => !e.pipeline);
        expect(skip && { from: skip.from, to: skip.to, fields: skip.fields }).toEqual({ from: 1, to: 4, fields: ["u"] });
        expect(g.nodes[0]?.lines[0]).toMatchObject({ kind: "op", text: "AND" });
    });

    it("caps the predicate lines of a node", () => {
        const text = `index=main ${Array.from({ length: 30 }, (_, i) => `f${i}=${i}`).join(" OR ")}`;
        const g = pipelineGraph(parse(text), undefined, { maxLines: 5 });
        expect(g.nodes[0]?.lines.length).toBe(5);
        expect((g.nodes[0]?.lines.length ?? 0) + (g.nodes[0]?.omitted ?? 0)).toBeGreaterThan(30);
    });

    it("the printers keep rule text inert", () => {
        const g = pipelineGraph(parse(hostile));
        const svg = graphToSvg(g, { title: '<script>alert("t")</script>' });
        expect(svg).not.toMatch(/<script|<\/pre>|<b>|<!--/);
        expect(svg.match(/<g class="node/g)?.length).toBe(g.nodes.length);
        const mermaid = graphToMermaid(g);
        // Inside a quoted Mermaid label, quotes and angle brackets must be entities.
        for (const line of mermaid.split("\n").filter((l) => l.includes('["'))) expect(line.slice(line.indexOf('["') + 2, line.lastIndexOf('"]')).replaceAll("<br/>", "")).not.toMatch(/["<>]/);
        const dot = graphToDot(g);
        for (const m of dot.matchAll(/label="((?:[^"\\]|\\.)*)"/g)) expect(m[1]).toBeDefined();
        expect(dot.split("\n").filter((l) => /^\s+s\d+ \[label=/.test(l)).length).toBe(g.nodes.length);
    });
});

describe("splc graph", () => {
    it("writes Mermaid, DOT and SVG of a rule file", async () => {
        const file = join(REPO_DIR, "examples", "rules", "kerberos_spray.yml");
        const m = await cli("graph", file, "--macros", join(REPO_DIR, "examples", "macros.conf"));
        expect(m.code).toBe(0);
        expect(m.stdout.split("\n")[0]).toBe("flowchart LR");
        expect(m.stdout).toContain("index=wineventlog");
        const d = await cli("graph", file, "--format", "dot");
        expect(d.stdout.startsWith("digraph search {")).toBe(true);
        const s = await cli("graph", file, "--format", "svg");
        expect(s.stdout.match(/<g class="node/g)?.length).toBe(5);
        expect((await cli("graph", file, "--format", "png")).code).toBe(2);
    });
});
