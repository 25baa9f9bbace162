// The corpus-level indicator index: keys, counts of distinct rules, replacement, options and the
// JSON snapshot. Counts below are worked out from the three small rules by hand.
import { describe, expect, it } from "vitest";
import { parse } from "../../src/index.js";
import { analyze } from "../../src/analysis/analyze.js";
import { IndicatorIndex, type IndicatorIndexSnapshot } from "../../src/analysis/index-corpus.js";

const a = (text: string) => analyze(parse(text));
const r1 = a('EventCode=4771 TargetUserName!="*$" | stats count by user | where count > 5');
const r2 = a("EventCode IN (4771, 4768) EVENTCODE=1 | stats count by user | where count > 5");
const r3 = a("EventCode=4771 EventCode=4771 NOT user=admin");

describe("IndicatorIndex", () => {
    const index = new IndicatorIndex();
    index.add("r1", r1);
    index.add("r2", r2);
    index.add("r3", r3);

    it("counts distinct rules per key; IN counts per value; field names stay case-sensitive", () => {
        expect(index.count("EventCode=4771")).toBe(3);
        expect(index.rules("EventCode=4771")).toEqual(["r1", "r2", "r3"]);
        expect(index.count("EventCode=4768")).toBe(1);
        expect(index.count("EVENTCODE=1")).toBe(1);
        expect(index.count("TargetUserName!=*$")).toBe(1);
        expect(index.count("count>5")).toBe(2);
        expect(index.count("NOT user=admin")).toBe(1);
        expect(index.count("nothing")).toBe(0);
        expect(index.size).toBe(3);
    });

    it("top(n) is sorted by count, then key", () => {
        expect(index.top(3).map((e) => [e.key, e.count])).toEqual([
            ["EventCode=4771", 3],
            ["count>5", 2],
            ["EVENTCODE=1", 1],
        ]);
        expect(index.top(1)[0]).toEqual({ key: "EventCode=4771", field: "EventCode", op: "=", value: "4771", negated: false, count: 3, rules: ["r1", "r2", "r3"] });
        expect(index.entries().find((e) => e.key === "EventCode=4768")).toMatchObject({ op: "=", value: "4768" });
    });

    it("adding a rule id again replaces its contribution; remove() takes it out", () => {
        const ix = new IndicatorIndex();
        ix.add("r1", r1);
        ix.add("r1", r3);
        expect(ix.count("TargetUserName!=*$")).toBe(0);
        expect(ix.count("EventCode=4771")).toBe(1);
        expect(ix.remove("r1")).toBe(true);
        expect(ix.entries()).toEqual([]);
        expect(ix.remove("r1")).toBe(false);
    });

    it("options: event level only leaves out `where count > 5`", () => {
        const ix = new IndicatorIndex({ levels: ["event"] });
        ix.add("r1", r1);
        expect(ix.keysOf("r1")).toEqual(["EventCode=4771", "TargetUserName!=*$"]);
        const noComputed = new IndicatorIndex({ includeComputed: false });
        noComputed.add("r1", r1);
        expect(noComputed.count("count>5")).toBe(0);
    });

    it("snapshot: JSON, and restores the same entries", () => {
        const snap = JSON.parse(JSON.stringify(index.toJSON())) as IndicatorIndexSnapshot;
        expect(snap.version).toBe(1);
        expect(snap.rules).toEqual(["r1", "r2", "r3"]);
        const back = IndicatorIndex.fromJSON(snap);
        expect(back.entries()).toEqual(index.entries());
        expect(new Set(back.keysOf("r2"))).toEqual(new Set(index.keysOf("r2")));
        expect(back.size).toBe(3);
    });
});
