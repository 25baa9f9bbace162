// Every `exampleN =` snippet of Splunk's searchbnf.conf (read in place from ../shared) parses
// without errors, except the documented fragments in test/fixtures/parser/searchbnf-exceptions.json.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { parse } from "../../src/index.js";
import { describeShared, HAVE_SHARED, REPO_DIR, sharedPath } from "../support/shared.js";

interface Example {
    id: string;
    text: string;
}

/** The examples, with `\` line continuations joined (the newline kept) and a leading `...` dropped. */
function examples(): Example[] {
    if (!HAVE_SHARED) return [];
    const lines = readFileSync(sharedPath("splunk", "searchbnf.conf"), "utf8").split(/\r?\n/);
    const out: Example[] = [];
    let stanza = "";
    for (let i = 0; i < lines.length; i++) {
        const line = lines[i] as string;
        const header = /^\[([^\]]+)\]\s*$/.exec(line);
        if (header) stanza = header[1] as string;
        const m = /^(example\d*)\s*=\s*(.*)$/.exec(line);
        if (!m) continue;
        let value = m[2] as string;
        while (value.endsWith("\\") && i + 1 < lines.length) value = `${value.slice(0, -1)}\n${(lines[++i] as string).trim()}`;
        value = value.trim();
        if (value.startsWith("...")) value = value.slice(3).trim();
        out.push({ id: `${stanza}/${m[1]}`, text: value });
    }
    return out;
}

const exceptions = JSON.parse(readFileSync(join(REPO_DIR, "test/fixtures/parser/searchbnf-exceptions.json"), "utf8")) as Record<string, string>;

describeShared("searchbnf.conf examples", () => {
    const all = examples();
    it("are found (about 600)", () => expect(all.length).toBeGreaterThan(550));

    it("parse without errors except documented fragments", () => {
        const failures: string[] = [];
        const excused: string[] = [];
        for (const ex of all) {
            const errors = parse(ex.text).diagnostics.filter((d) => d.severity === "error");
            if (errors.length === 0) continue;
            if (ex.id in exceptions) excused.push(ex.id);
            else failures.push(`${ex.id}: ${errors[0]?.code} ${errors[0]?.message} in ${JSON.stringify(ex.text)}`);
        }
        console.log(`searchbnf: ${all.length} examples, ${all.length - failures.length - excused.length} clean, ${excused.length} documented exceptions`);
        expect(failures).toEqual([]);
        // Every exception must still be needed, so the list cannot rot.
        expect(excused.sort()).toEqual(
            Object.keys(exceptions)
                .filter((k) => k !== "//")
                .sort(),
        );
    });
});
