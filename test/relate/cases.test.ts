// Hand-written cases with known answers for every construct relate() models (fixture:
// test/fixtures/relate/cases.txt). Witnesses are checked with the independent evaluator.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "../../src/index.js";
import { relate } from "../../src/relate/index.js";
import { METADATA, selects, type TestEvent } from "../support/spl-eval.js";

const cases = readFileSync(new URL("../fixtures/relate/cases.txt", import.meta.url), "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "" && !l.startsWith("#"))
    .map((l) => {
        const [a, b, expected, about] = l.split("\t");
        return { a: a!, b: b!, expected: expected!, about: about! };
    });

function withMetadata(ev: TestEvent): TestEvent {
    const fields = { ...ev.fields };
    for (const m of METADATA) if (!fields[m] || fields[m]!.length === 0) fields[m] = ["unset-metadata"];
    return { fields, raw: ev.raw };
}

describe("relate: hand-written cases", () => {
    it("has cases", () => expect(cases.length).toBeGreaterThan(50));
    for (const c of cases) {
        it(`${c.about}: ${c.a}  vs  ${c.b} → ${c.expected}`, () => {
            const pa = parse(c.a);
            const pb = parse(c.b);
            const r = relate(pa, pb);
            expect(r.relation, r.reason).toBe(c.expected);
            // Swapping the searches mirrors the answer.
            const mirrored = relate(pb, pa).relation;
            const mirror: Record<string, string> = { "a-within-b": "b-within-a", "b-within-a": "a-within-b" };
            expect(mirrored).toBe(mirror[r.relation] ?? r.relation);
            const ea = pa.pipeline.commands[0];
            const eb = pb.pipeline.commands[0];
            if (ea?.kind !== "SearchCommand" || eb?.kind !== "SearchCommand" || pa.pipeline.commands.length > 1 || pb.pipeline.commands.length > 1) return;
            for (const w of Object.values(r.witnesses)) {
                const ev = withMetadata(w.event);
                try {
                    expect({ a: ea.filter ? selects(ea.filter, ev) : true, b: eb.filter ? selects(eb.filter, ev) : true }).toEqual(w.selectedBy);
                } catch (e) {
                    if (!(e instanceof Error) || !/not covered/.test(e.message)) throw e;
                }
            }
        });
    }
    it("says what the later stages do: same events, different aggregation", () => {
        const r = relate(parse("x=1 | stats count by y"), parse("x=1 | stats count by z"));
        expect(r.laterStages).toBe("different");
        expect(r.reason).toMatch(/different aggregation/);
        expect(relate(parse("x=1 | stats count by y"), parse("x=1 | stats count by y")).laterStages).toBe("same");
    });
    it("tstats: the data model and WHERE are the filter", () => {
        const a = parse("| tstats count from datamodel=Endpoint.Processes where Processes.process_name=cmd.exe by Processes.dest");
        const b = parse("| tstats count from datamodel=Endpoint.Processes where Processes.process_name IN (cmd.exe, powershell.exe) by Processes.user");
        const c = parse("| tstats count from datamodel=Network_Traffic where All_Traffic.dest_port=443 by All_Traffic.src");
        expect(relate(a, b).relation).toBe("a-within-b");
        expect(relate(a, b).laterStages).toBe("different");
        expect(relate(a, c).relation).toBe("disjoint");
    });
    it("answers unknown past the normal-form limit", () => {
        const big = Array.from({ length: 10 }, (_, i) => `(f${i}=a OR f${i}=b)`).join(" ");
        const r = relate(parse(big), parse("f0=a OR f0=b"), { maxTerms: 100 });
        expect(r.relation).toBe("unknown");
        expect(r.reason).toMatch(/normal form exceeds 100/);
        expect(relate(parse(big), parse("f0=a OR f0=b")).relation).toBe("a-within-b");
    });
    it("answers unknown for a search with syntax errors", () => {
        expect(relate(parse("x=1 (y=2"), parse("x=1")).relation).toBe("unknown");
    });
});
