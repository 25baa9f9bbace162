/** A unified diff of two texts by lines, for `splc fmt --diff`. */

/** Lines of context around each change. */
const CONTEXT = 3;
/** Above this many line pairs the longest-common-subsequence table is not built: one hunk. */
const MAX_CELLS = 4_000_000;

type Op = { kind: " " | "-" | "+"; line: string; a: number; b: number };

/** `--- a` / `+++ b` headers and `@@` hunks; empty when the texts are equal. */
export function unifiedDiff(before: string, after: string, name: string): string {
    if (before === after) return "";
    const a = splitLines(before);
    const b = splitLines(after);
    const ops = diffLines(a, b);
    const out = [`--- ${name}`, `+++ ${name} (formatted)`];
    let i = 0;
    while (i < ops.length) {
        if ((ops[i] as Op).kind === " ") {
            i++;
            continue;
        }
        const start = Math.max(0, i - CONTEXT);
        let end = i;
        // Extend over changes closer than two contexts apart.
        for (let j = i; j < ops.length; j++) {
            if ((ops[j] as Op).kind !== " ") end = j;
            else if (j - end > CONTEXT * 2) break;
        }
        end = Math.min(ops.length - 1, end + CONTEXT);
        const hunk = ops.slice(start, end + 1);
        const aLen = hunk.filter((o) => o.kind !== "+").length;
        const bLen = hunk.filter((o) => o.kind !== "-").length;
        const first = hunk[0] as Op;
        out.push(`@@ -${aLen === 0 ? first.a : first.a + 1},${aLen} +${bLen === 0 ? first.b : first.b + 1},${bLen} @@`);
        for (const o of hunk) out.push(`${o.kind}${o.line}`);
        i = end + 1;
    }
    return `${out.join("\n")}\n`;
}

function splitLines(text: string): string[] {
    const lines = text.split("\n");
    if (lines[lines.length - 1] === "") lines.pop();
    return lines;
}

function diffLines(a: string[], b: string[]): Op[] {
    // Common prefix and suffix first: formatting changes one region of a file.
    let pre = 0;
    while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
    let suf = 0;
    while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
    const ops: Op[] = [];
    for (let k = 0; k < pre; k++) ops.push({ kind: " ", line: a[k] as string, a: k, b: k });
    const ma = a.slice(pre, a.length - suf);
    const mb = b.slice(pre, b.length - suf);
    if (ma.length * mb.length > MAX_CELLS) {
        ma.forEach((line, k) => ops.push({ kind: "-", line, a: pre + k, b: pre }));
        mb.forEach((line, k) => ops.push({ kind: "+", line, a: pre + ma.length, b: pre + k }));
    } else {
        // lcs[i][j]: length of the longest common subsequence of ma[i..] and mb[j..].
        const w = mb.length + 1;
        const lcs = new Uint32Array((ma.length + 1) * w);
        for (let i = ma.length - 1; i >= 0; i--) {
            for (let j = mb.length - 1; j >= 0; j--) {
                lcs[i * w + j] = ma[i] === mb[j] ? (lcs[(i + 1) * w + j + 1] as number) + 1 : Math.max(lcs[(i + 1) * w + j] as number, lcs[i * w + j + 1] as number);
            }
        }
        let i = 0;
        let j = 0;
        while (i < ma.length || j < mb.length) {
            if (i < ma.length && j < mb.length && ma[i] === mb[j]) {
                ops.push({ kind: " ", line: ma[i] as string, a: pre + i, b: pre + j });
                i++;
                j++;
            } else if (i < ma.length && (j === mb.length || (lcs[(i + 1) * w + j] as number) >= (lcs[i * w + j + 1] as number))) {
                ops.push({ kind: "-", line: ma[i] as string, a: pre + i, b: pre + j });
                i++;
            } else {
                ops.push({ kind: "+", line: mb[j] as string, a: pre + i, b: pre + j });
                j++;
            }
        }
    }
    for (let k = 0; k < suf; k++) ops.push({ kind: " ", line: a[a.length - suf + k] as string, a: a.length - suf + k, b: b.length - suf + k });
    return ops;
}
