/** The installed package's own facts (version, homepage), read from its package.json. */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** What the CLI reports about itself. */
export interface PackageInfo {
    version: string;
    homepage: string | null;
}

let cached: PackageInfo | null = null;

/**
 * The CLI runs from `dist/cli.js` when installed and from `src/cli/` in tests, so the nearest
 * package.json named `splc` above this module is the package's own.
 */
export function packageInfo(): PackageInfo {
    if (cached) return cached;
    let dir = dirname(fileURLToPath(import.meta.url));
    for (;;) {
        try {
            const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name?: unknown; version?: unknown; homepage?: unknown };
            if (pkg.name === "splc" && typeof pkg.version === "string") {
                return (cached = { version: pkg.version, homepage: typeof pkg.homepage === "string" ? (pkg.homepage.split("#", 1)[0] as string) : null });
            }
        } catch {
            // No package.json here: keep walking up.
        }
        const up = dirname(dir);
        if (up === dir) return (cached = { version: "unknown", homepage: null });
        dir = up;
    }
}
