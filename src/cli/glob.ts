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

/** A compiled glob: whether it matches a whole `/`-separated path. */
export interface Glob {
    test(path: string): boolean;
}

/** A state of the glob's automaton: consume one character that passes `test`, a choice of states, or the end. */
type State = { kind: "char"; test: (c: string) => boolean; next: number } | { kind: "split"; next: number[] } | { kind: "match" };

const notSlash = (c: string): boolean => c !== "/";
const any = (): boolean => true;

/**
 * A glob as an automaton run over the path one character at a time, every branch at once, so
 * matching takes time proportional to the path times the pattern. A regular expression of the
 * same glob (`*a*a*b` is `[^/]*a[^/]*a[^/]*b`) backtracks polynomially in the number of stars.
 */
export function compileGlob(pattern: string): Glob {
    const states: State[] = [{ kind: "match" }];
    const start = build(pattern, states, 0);
    return { test: (path) => run(states, start, path) };
}

function add(states: State[], s: State): number {
    states.push(s);
    return states.length - 1;
}

/** The entry state of `pattern` followed by state `next`. */
function build(pattern: string, states: State[], next: number): number {
    // Each piece takes the state after it and returns its entry: built right to left.
    const pieces: ((after: number) => number)[] = [];
    const char = (test: (c: string) => boolean) => (after: number) => add(states, { kind: "char", test, next: after });
    const star = (test: (c: string) => boolean) => (after: number) => {
        const split = add(states, { kind: "split", next: [] });
        states[split] = { kind: "split", next: [add(states, { kind: "char", test, next: split }), after] };
        return split;
    };
    for (let i = 0; i < pattern.length; i++) {
        const c = pattern[i] as string;
        if (c === "*" && pattern[i + 1] === "*") {
            const slash = pattern[i + 2] === "/";
            // `**/`: any number of whole directories, `(?:[^/]*/)*`; a bare `**`: anything.
            pieces.push(slash ? directories(states) : star(any));
            i += slash ? 2 : 1;
        } else if (c === "*") pieces.push(star(notSlash));
        else if (c === "?") pieces.push(char(notSlash));
        else if (c === "[" && pattern.indexOf("]", i + 1) >= 0) {
            const close = pattern.indexOf("]", i + 1);
            pieces.push(char(classTest(pattern.slice(i + 1, close))));
            i = close;
        } else if (c === "{" && pattern.indexOf("}", i + 1) >= 0) {
            const close = pattern.indexOf("}", i + 1);
            const alternatives = pattern.slice(i + 1, close).split(",");
            pieces.push((after) => add(states, { kind: "split", next: alternatives.map((a) => build(a, states, after)) }));
            i = close;
        } else pieces.push(char((x) => x === c));
    }
    return pieces.reduceRight((after, piece) => piece(after), next);
}

// `**/` (any number of whole directories): from the entry, either go on, or read a directory
// name and its `/` and come back.
function directories(states: State[]): (after: number) => number {
    return (after) => {
        const entry = add(states, { kind: "split", next: [] });
        const inName = add(states, { kind: "split", next: [] });
        states[inName] = { kind: "split", next: [add(states, { kind: "char", test: notSlash, next: inName }), add(states, { kind: "char", test: (c) => c === "/", next: entry })] };
        states[entry] = { kind: "split", next: [after, inName] };
        return entry;
    };
}

/** A `[...]` class: characters and `a-z` ranges, negated by a leading `!` or `^`. */
function classTest(body: string): (c: string) => boolean {
    const negated = body.startsWith("!") || body.startsWith("^");
    const chars = [...(negated ? body.slice(1) : body)];
    const ranges: [string, string][] = [];
    for (let i = 0; i < chars.length; i++) {
        const lo = chars[i] as string;
        if (chars[i + 1] === "-" && i + 2 < chars.length) {
            ranges.push([lo, chars[i + 2] as string]);
            i += 2;
        } else ranges.push([lo, lo]);
    }
    return (c) => ranges.some(([lo, hi]) => c >= lo && c <= hi) !== negated;
}

/** Whether the automaton from `start` accepts the whole path. */
function run(states: readonly State[], start: number, path: string): boolean {
    // `seen[i] === step`: state i is already in the set of this step.
    const seen = new Float64Array(states.length).fill(-1);
    let step = 0;
    let current = closure(states, [start], seen, step);
    for (const c of path) {
        const next: number[] = [];
        for (const i of current) {
            const s = states[i] as State;
            if (s.kind === "char" && s.test(c)) next.push(s.next);
        }
        if (next.length === 0) return false;
        current = closure(states, next, seen, ++step);
    }
    return current.some((i) => (states[i] as State).kind === "match");
}

/** The states reachable from `from` without reading a character, each once. */
function closure(states: readonly State[], from: number[], seen: Float64Array, step: number): number[] {
    const out: number[] = [];
    const todo = from;
    while (todo.length > 0) {
        const i = todo.pop() as number;
        if (seen[i] === step) continue;
        seen[i] = step;
        const s = states[i] as State;
        if (s.kind === "split") todo.push(...s.next);
        else out.push(i);
    }
    return out;
}

/** The files a pattern matches, sorted; directories named `.git` and `node_modules` are skipped. */
export function expandGlob(pattern: string): string[] {
    const p = pattern.replace(/\\/g, "/");
    const parts = p.split("/");
    const firstMagic = parts.findIndex(isGlob);
    const base = parts.slice(0, firstMagic).join("/");
    const re = compileGlob(p);
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
