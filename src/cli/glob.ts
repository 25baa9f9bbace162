/**
 * Glob patterns for quoted command-line arguments (`splc analyze "rules/**\/*.yml"`, the shell
 * did not expand them) and for the config's `ignore` list. `**` matches any number of
 * directories, `*` and `?` stay inside one path segment, `[...]` is a class, `{a,b}` alternatives.
 */
import { readdirSync, statSync } from "node:fs";

/** Whether the argument holds glob syntax. */
export function isGlob(pattern: string): boolean {
    return /[*?[{]/.test(pattern);
}

/** A regular expression matching whole `/`-separated paths. */
export function globToRegExp(pattern: string): RegExp {
    let re = "";
    for (let i = 0; i < pattern.length; i++) {
        const c = pattern[i] as string;
        if (c === "*" && pattern[i + 1] === "*") {
            const slash = pattern[i + 2] === "/";
            re += slash ? "(?:[^/]*/)*" : ".*";
            i += slash ? 2 : 1;
        } else if (c === "*") re += "[^/]*";
        else if (c === "?") re += "[^/]";
        else if (c === "[") {
            const close = pattern.indexOf("]", i + 1);
            if (close < 0) re += "\\[";
            else {
                re += `[${pattern.slice(i + 1, close).replace(/^!/, "^").replace(/\\/g, "\\\\")}]`;
                i = close;
            }
        } else if (c === "{") {
            const close = pattern.indexOf("}", i + 1);
            if (close < 0) re += "\\{";
            else {
                re += `(?:${pattern.slice(i + 1, close).split(",").map((alt) => globToRegExp(alt).source.slice(1, -1)).join("|")})`;
                i = close;
            }
        } else re += c.replace(/[.+^${}()|\\\]]/g, "\\$&");
    }
    return new RegExp(`^${re}$`);
}

/** The files a pattern matches, sorted; directories named `.git` and `node_modules` are skipped. */
export function expandGlob(pattern: string): string[] {
    const p = pattern.replace(/\\/g, "/");
    const parts = p.split("/");
    const firstMagic = parts.findIndex(isGlob);
    const base = parts.slice(0, firstMagic).join("/");
    const re = globToRegExp(p);
    const out: string[] = [];
    const walk = (dir: string): void => {
        let names: string[];
        try {
            names = readdirSync(dir === "" ? "." : dir).sort();
        } catch {
            return;
        }
        for (const name of names) {
            if (name === ".git" || name === "node_modules") continue;
            const path = dir === "" ? name : dir === "/" ? `/${name}` : `${dir}/${name}`;
            let isDir: boolean;
            try {
                isDir = statSync(path).isDirectory();
            } catch {
                continue;
            }
            if (isDir) walk(path);
            else if (re.test(path)) out.push(path);
        }
    };
    walk(firstMagic === 0 ? "" : base === "" ? "/" : base);
    return out;
}

/** Expands the glob arguments among `args`; others are kept as given. An empty glob is an error. */
export function expandArguments(args: readonly string[]): { paths: string[]; empty: string[] } {
    const paths: string[] = [];
    const empty: string[] = [];
    for (const a of args) {
        if (a === "-" || !isGlob(a)) {
            paths.push(a);
            continue;
        }
        const found = expandGlob(a);
        if (found.length === 0) empty.push(a);
        paths.push(...found);
    }
    return { paths, empty };
}
