// The README's examples must run: every ```js block is executed against the sources (imports of
// "splc" and "splc/rules" are bound to src/), and a line `expr; // <JSON>` asserts its value.
// The diagnostic-code table must list the whole catalog.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as core from "../src/index.js";
import * as rules from "../src/rules/index.js";
import { REPO_DIR } from "./support/shared.js";

const readme = readFileSync(join(REPO_DIR, "README.md"), "utf8");
const blocks = [...readme.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1] as string);

/** Turns a README block into the body of an async function that checks its `// value` comments. */
function instrument(block: string): string {
    const lines: string[] = [];
    for (const line of block.split("\n")) {
        const imp = /^import \{([^}]*)\} from "(splc(?:\/rules)?)";$/.exec(line.trim());
        if (imp) {
            lines.push(`const {${imp[1]}} = modules[${JSON.stringify(imp[2])}];`);
            continue;
        }
        const check = /^(.*?);\s*\/\/\s*(?:→\s*)?([[{"\d].*|true|false|null)$/.exec(line);
        if (check) {
            lines.push(`__check(${JSON.stringify(check[1]?.trim())}, ${check[1]}, ${JSON.stringify(check[2])});`);
            continue;
        }
        lines.push(line);
    }
    return lines.join("\n");
}

describe("README", () => {
    it("has runnable examples", () => expect(blocks.length).toBeGreaterThanOrEqual(4));
    blocks.forEach((block, i) => {
        it(`example ${i + 1} runs and shows the values it claims`, async () => {
            const checks: string[] = [];
            const __check = (source: string, actual: unknown, expected: string): void => {
                checks.push(source);
                expect(actual, source).toEqual(JSON.parse(expected));
            };
            const body = instrument(block);
            const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (...args: string[]) => (...a: unknown[]) => Promise<void>;
            await new AsyncFunction("modules", "__check", body)({ splc: core, "splc/rules": rules }, __check);
            expect(checks.length, "each example states at least one value").toBeGreaterThan(0);
        });
    });

    it("lists every diagnostic code of the catalog with its severity", () => {
        for (const [code, info] of Object.entries(core.DIAGNOSTIC_CODES)) {
            expect(readme, code).toContain(`| ${code} | ${info.severity} |`);
        }
    });
});
