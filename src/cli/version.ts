/** `splc --version`: the version of the installed package, read from its package.json. */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The package version. The CLI runs from `dist/cli.js` when installed and from `src/cli/` in
 * tests, so the nearest package.json named `splc` above this module is the package's own.
 */
export function packageVersion(): string {
    let dir = dirname(fileURLToPath(import.meta.url));
    for (;;) {
        try {
            const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name?: unknown; version?: unknown };
            if (pkg.name === "splc" && typeof pkg.version === "string") return pkg.version;
        } catch {
            // No package.json here: keep walking up.
        }
        const up = dirname(dir);
        if (up === dir) return "unknown";
        dir = up;
    }
}
