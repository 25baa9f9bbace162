import type { ParseOptions } from "../src/index.js";

/** One stress input: a name, the search text and the parse options it needs. */
export interface StressInput {
    name: string;
    text: string;
    options: ParseOptions;
}

/** The stress inputs at `scale` (1 = full size, "small" = 1/10). */
export function stressInputs(scale?: number | "small"): StressInput[];
