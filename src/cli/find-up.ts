/** Walking up the directory tree, as ESLint finds its config and git its repository. */
import { statSync } from "node:fs";
import { dirname, resolve } from "node:path";

/**
 * The first directory, from `start` (a file's directory, or a directory) up to the file system
 * root, for which `accept` holds; null when none does.
 */
export function findUp(start: string, accept: (dir: string) => boolean): string | null {
    let dir = resolve(start);
    try {
        if (!statSync(dir).isDirectory()) dir = dirname(dir);
    } catch {
        dir = dirname(dir);
    }
    for (;;) {
        if (accept(dir)) return dir;
        const up = dirname(dir);
        if (up === dir) return null;
        dir = up;
    }
}
