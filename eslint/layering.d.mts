// Types of eslint/layering.mjs, for test/architecture.test.ts.
export declare const LAYERS: readonly (readonly string[])[];
export declare const FORBIDDEN: Readonly<Record<string, readonly string[]>>;
export declare const PENDING: Readonly<Record<string, readonly string[]>>;
export declare function layeringProblem(from: string, to: string): string | null;
export declare function layeringPlugin(srcDir: string): object;
