// Stress inputs: deterministic, machine-made searches at sizes real rules never reach, to show
// that time stays linear in size and memory bounded. Used by `npm run bench` (the stress
// section), scripts/compare-builds.mjs and test/parser/stress.test.ts.

/** Full sizes: the stress set. `scale` shrinks every input by the same factor. */
const FULL = { orTerms: 20_000, andTerms: 20_000, evalTerms: 5_000, depth: 1_000, iocBytes: 250_000 };

const ip = (i) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
const hex = (i, n) => {
    let s = "";
    let x = (i + 1) * 2654435761;
    while (s.length < n) {
        x = (x * 1103515245 + 12345) >>> 0;
        s += x.toString(16).padStart(8, "0");
    }
    return s.slice(0, n);
};

function orChain(n) {
    const terms = [];
    for (let i = 0; i < n; i++) terms.push(`user=u${i}`);
    return `index=main (${terms.join(" OR ")}) | stats count by user`;
}

function andChain(n) {
    const terms = [];
    for (let i = 0; i < n; i++) terms.push(i % 2 ? `f${i}!=v${i}` : `NOT w${i}`);
    return `index=main ${terms.join(" AND ")} | head 10`;
}

function evalChain(n) {
    const terms = [];
    for (let i = 0; i < n; i++) terms.push(i % 3 === 0 ? `len(f${i})` : i % 3 === 1 ? `f${i}*2` : `${i}`);
    return `index=main | eval total=${terms.join(" + ")} | where total > 0`;
}

function nested(depth) {
    return `index=main ${"(".repeat(depth)}a=1 OR b=2${")".repeat(depth)} | stats count`;
}

/** An IOC sweep: IPs, domains and hashes OR-ed together, as threat-intel rules are generated. */
function iocSearch(bytes) {
    const parts = [];
    let size = 0;
    for (let i = 0; size < bytes; i++) {
        const kind = i % 3;
        const t = kind === 0 ? `dest_ip="${ip(i)}"` : kind === 1 ? `query="*.bad${i}.example.com"` : `file_hash=${hex(i, 64)}`;
        parts.push(t);
        size += t.length + 4;
    }
    return `index=proxy OR index=dns (${parts.join(" OR ")}) | stats count min(_time) as first max(_time) as last by src, dest_ip, query, file_hash`;
}

/**
 * The stress inputs at `scale` (1 = full size; "small" = 1/10 for quick comparisons). Each has
 * the parse options it needs (the nesting input raises maxDepth above its depth).
 */
export function stressInputs(scale = 1) {
    const f = scale === "small" ? 0.1 : scale;
    const n = (x) => Math.max(1, Math.round(x * f));
    const depth = n(FULL.depth);
    return [
        { name: `or-chain-${n(FULL.orTerms)}`, text: orChain(n(FULL.orTerms)), options: {} },
        { name: `and-chain-${n(FULL.andTerms)}`, text: andChain(n(FULL.andTerms)), options: {} },
        { name: `eval-${n(FULL.evalTerms)}`, text: evalChain(n(FULL.evalTerms)), options: {} },
        { name: `nesting-${depth}`, text: nested(depth), options: { maxDepth: depth + 10 } },
        { name: `ioc-${Math.round(n(FULL.iocBytes) / 1000)}kb`, text: iocSearch(n(FULL.iocBytes)), options: {} },
    ];
}
