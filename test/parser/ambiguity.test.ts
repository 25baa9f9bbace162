// The grammar must not need full-context (LL) prediction on real SPL: each such prediction is
// uncached and slow, and usually means an ambiguity. This parses the corpus in exact-ambiguity
// LL mode and counts them.
import { expect, it } from "vitest";
import { predictionReport } from "../../src/parser/parse-tree.js";
import { corpusSearches, describeShared } from "../support/shared.js";

describeShared("grammar ambiguity over the corpus", () => {
    it("needs no full-context prediction and finds no ambiguity", () => {
        let fullContext = 0;
        let ambiguities = 0;
        const offenders: string[] = [];
        for (const r of corpusSearches()) {
            const rep = predictionReport(r.search);
            fullContext += rep.fullContext;
            ambiguities += rep.ambiguities;
            if ((rep.fullContext || rep.ambiguities) && offenders.length < 5) offenders.push(r.name);
        }
        console.log(`full-context predictions: ${fullContext}, ambiguities: ${ambiguities} over ${corpusSearches().length} searches`);
        expect({ fullContext, ambiguities, offenders }).toEqual({ fullContext: 0, ambiguities: 0, offenders: [] });
    });
});
