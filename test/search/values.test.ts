import { describe, expect, it } from "vitest";
import { parse, type Compare, type SearchExpr, type Term } from "../../src/index.js";

function filter(spl: string): SearchExpr {
    const c = parse(spl).pipeline.commands[0];
    if (!c || c.kind !== "SearchCommand" || !c.filter) throw new Error(`no filter in ${spl}`);
    return c.filter;
}
function operands(spl: string): SearchExpr[] {
    const f = filter(spl);
    return f.kind === "SearchAnd" ? f.operands : [f];
}

describe("SearchValue", () => {
    it('resolves \\" \\\\ \\| and keeps other escapes as written (reference 1.3)', () => {
        const [a, b, c, d] = operands(String.raw`x="a\"b" y="c\\d" z=\|e w="a\sb"`) as Compare[];
        expect(a?.value).toMatchObject({ text: 'a"b', raw: String.raw`"a\"b"`, quoted: true });
        expect(b?.value.text).toBe(String.raw`c\d`);
        expect(c?.value).toMatchObject({ text: "|e", quoted: false });
        expect(d?.value.text).toBe(String.raw`a\sb`);
    });

    it("marks * as a wildcard inside quotes too", () => {
        const v = (filter('src="10.9.165.*"') as Compare).value;
        expect(v).toMatchObject({ text: "10.9.165.*", quoted: true, wildcard: true, type: "wildcard" });
    });

    it("classifies numbers, hex, CIDR, tokens and plain text without losing the text", () => {
        const types = (operands("a=404 b=-1.5 c=0x18 d=10.0.0.0/8 e=$user$ f=attrib.exe g=fe80::/10") as Compare[]).map((c) => [c.value.text, c.value.type]);
        expect(types).toEqual([
            ["404", "number"],
            ["-1.5", "number"],
            ["0x18", "number"],
            ["10.0.0.0/8", "cidr"],
            ["$user$", "token"],
            ["attrib.exe", "plain"],
            ["fe80::/10", "cidr"],
        ]);
    });

    it("keeps TERM/CASE on a value", () => {
        const v = (filter("host=CASE(LOCALHOST)") as Compare).value;
        expect(v).toMatchObject({ directive: "CASE", text: "LOCALHOST", raw: "CASE(LOCALHOST)" });
    });

    it("a quoted phrase is a Term, not a field", () => {
        const t = filter('"<EventID>4103<"') as Term;
        expect(t.kind).toBe("Term");
        expect(t.value).toMatchObject({ text: "<EventID>4103<", quoted: true });
    });

    it("marks search modifiers and leaves other fields unmarked", () => {
        const mods = (operands("index=main sourcetype=x source=y host=h eventtype=e tag=t splunk_server=s tag::host=w user=u") as Compare[]).map((c) => c.modifier);
        expect(mods).toEqual([true, true, true, true, true, true, true, true, false]);
    });

    it("makes time modifiers TimeModifier nodes, not comparisons", () => {
        expect(operands("earliest=-24h@h latest=now _index_earliest=-1d endtime=01/01/2020:00:00:00 daysago=3").map((o) => o.kind)).toEqual([
            "TimeModifier",
            "TimeModifier",
            "TimeModifier",
            "TimeModifier",
            "TimeModifier",
        ]);
    });

    it("a subsearch can stand as a comparison value", () => {
        const c = filter("_indextime > [| makeresults | eval it=now()-60 | return $it]") as Compare;
        expect(c.value.type).toBe("subsearch");
        expect(c.value.subsearch?.pipeline.commands.map((x) => x.name)).toEqual(["makeresults", "eval", "return"]);
    });
});
