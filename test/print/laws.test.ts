// The IR laws (test/support/check-spl.ts) on every SPL fixture of the repository and on one
// "kitchen sink" search per command family (test/fixtures/kitchen-sink/).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "../../src/index.js";
import { checkSpl, sharedObject, splLawProblems } from "../support/check-spl.js";
import { REPO_DIR } from "../support/shared.js";

const FIXTURES = join(REPO_DIR, "test", "fixtures");

function splFiles(dir: string): string[] {
    const out: string[] = [];
    for (const name of readdirSync(dir).sort()) {
        const p = join(dir, name);
        if (statSync(p).isDirectory()) out.push(...splFiles(p));
        else if (name.endsWith(".spl")) out.push(p);
    }
    return out;
}

/** Inputs of the JSON fixtures that list SPL cases (`cases[].input`). */
function jsonInputs(): { name: string; text: string }[] {
    const out: { name: string; text: string }[] = [];
    for (const file of ["commands.json", "quoting.json"]) {
        const data = JSON.parse(readFileSync(join(FIXTURES, "print", file), "utf8")) as { cases: { input: string }[] };
        data.cases.forEach((c, i) => out.push({ name: `print/${file}#${i}`, text: c.input }));
    }
    return out;
}

describe("IR laws on every SPL fixture", () => {
    const files = splFiles(FIXTURES);
    it("finds the fixtures", () => {
        expect(files.length).toBeGreaterThan(100);
    });
    for (const f of files) {
        it(relative(FIXTURES, f), () => checkSpl(readFileSync(f, "utf8").replace(/\r?\n$/, "")));
    }
    for (const c of jsonInputs()) it(c.name, () => checkSpl(c.text));
});

describe("IR laws: kitchen sink per command family", () => {
    const dir = join(FIXTURES, "kitchen-sink");
    for (const name of readdirSync(dir).filter((f) => f.endsWith(".spl"))) {
        it(name, () => {
            const text = readFileSync(join(dir, name), "utf8").trim();
            // A kitchen sink is valid SPL: no errors, and typed commands only (no generic fallback).
            const r = parse(text);
            expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
            checkSpl(text);
        });
    }
});

describe("the laws can fail", () => {
    it("finds an object reachable twice", () => {
        const p = parse("a | table x").pipeline;
        expect(sharedObject(p)).toBeNull();
        const table = p.commands[1];
        if (table?.kind !== "TableCommand" || !table.fields[0]) throw new Error("expected a table");
        table.fields.push(table.fields[0]);
        expect(sharedObject(p)).toMatch(/fields/);
    });
    it("reports a round trip that does not hold", () => {
        expect(splLawProblems("a b")).toEqual([]);
        // A lone quote is an error: no round trip is owed, and none is claimed.
        expect(splLawProblems('"')).toEqual([]);
    });
});
