// Splunk's own examples (searchbnf.conf, read in place): the typed lowering reports no argument
// problem (SPL2xxx) on any of them, and each example of a typed command's stanza lowers to its
// typed kind.
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { parse } from "../../src/index.js";
import { TYPED_COMMANDS } from "../../src/lower/commands/index.js";
import { describeShared, HAVE_SHARED, sharedPath } from "../support/shared.js";

/** The `exampleN =` snippets with their stanza, continuations joined, a leading `...` dropped. */
function examples(): { id: string; text: string }[] {
    if (!HAVE_SHARED) return [];
    const lines = readFileSync(sharedPath("splunk", "searchbnf.conf"), "utf8").split(/\r?\n/);
    const out: { id: string; text: string }[] = [];
    let stanza = "";
    for (let i = 0; i < lines.length; i++) {
        const line = lines[i] ?? "";
        const header = /^\[([^\]]+)\]\s*$/.exec(line);
        if (header) stanza = header[1] ?? "";
        const m = /^(example\d*)\s*=\s*(.*)$/.exec(line);
        if (!m) continue;
        let value = m[2] ?? "";
        while (value.endsWith("\\") && i + 1 < lines.length) value = `${value.slice(0, -1)}\n${(lines[++i] ?? "").trim()}`;
        value = value.trim();
        if (value.startsWith("...")) value = value.slice(3).trim();
        out.push({ id: `${stanza}/${m[1]}`, text: value });
    }
    return out;
}

describeShared("typed commands on searchbnf.conf examples", () => {
    const all = examples();

    it("no SPL2xxx diagnostic on any example", () => {
        expect(all.length).toBeGreaterThan(500);
        const found: string[] = [];
        for (const ex of all) {
            for (const d of parse(ex.text).diagnostics) if (d.code.startsWith("SPL2") && d.code !== "SPL2003") found.push(`${ex.id}: ${d.code} ${d.message}`);
        }
        expect(found).toEqual([]);
    });

    it("examples of a typed command's own stanza lower to a typed kind", () => {
        const typed = new Set(TYPED_COMMANDS);
        const generic: string[] = [];
        let checked = 0;
        for (const ex of all) {
            const stanza = ex.id.split("/")[0] ?? "";
            const m = /^([a-z]+)-command$/.exec(stanza);
            if (!m || !typed.has(m[1] ?? "")) continue;
            for (const c of parse(ex.text).pipeline.commands) {
                if (c.kind === "GenericCommand" && typed.has(c.canonical)) generic.push(`${ex.id}: ${c.name}`);
                else if (c.kind !== "MacroCall" && c.canonical === m[1]) checked++;
            }
        }
        expect(generic).toEqual([]);
        expect(checked).toBeGreaterThan(80);
    });
});
