// The package's public surface under review: the names `splc` exports (values at run time, types
// from the compiler) must equal the committed list test/fixtures/public-api.txt, so that adding,
// removing or renaming a public name shows as a change of that file. After a deliberate change:
//   SPLC_UPDATE_API=1 npx vitest run test/public-api.test.ts
// scripts/smoke-package.mjs checks the packed ESM and CJS builds against the same list.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { expect, it } from "vitest";
import * as core from "../src/index.js";
import { REPO_DIR } from "./support/shared.js";

const LIST = join(REPO_DIR, "test", "fixtures", "public-api.txt");
const ENTRY = join(REPO_DIR, "src", "index.ts");

/** `value <name>` for every run-time export, `type <name>` for every export that is a type only, sorted. */
function exportedNames(): string[] {
    const program = ts.createProgram([ENTRY], {
        module: ts.ModuleKind.NodeNext,
        moduleResolution: ts.ModuleResolutionKind.NodeNext,
        target: ts.ScriptTarget.ES2022,
        strict: true,
        noEmit: true,
        types: [],
        skipLibCheck: true,
    });
    const checker = program.getTypeChecker();
    const source = program.getSourceFile(ENTRY);
    const moduleSymbol = source && checker.getSymbolAtLocation(source);
    if (!moduleSymbol) throw new Error(`${ENTRY}: no module symbol`);
    const types = checker
        .getExportsOfModule(moduleSymbol)
        .filter((s) => ((s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s).flags & ts.SymbolFlags.Value) === 0)
        .map((s) => `type ${s.name}`);
    const values = Object.keys(core).map((name) => `value ${name}`);
    return [...values, ...types].sort();
}

it("the public exports are the committed list (test/fixtures/public-api.txt)", () => {
    const actual = exportedNames();
    if (process.env.SPLC_UPDATE_API) writeFileSync(LIST, `${actual.join("\n")}\n`);
    const expected = readFileSync(LIST, "utf8").split("\n").filter(Boolean);
    expect(actual, "the public surface changed: review it, then update the list (SPLC_UPDATE_API=1)").toEqual(expected);
});
