// ESLint: the recommended JavaScript and typescript-eslint rules (no type-aware rules, so a lint
// of the whole repository stays a few seconds), plus the layering rule of eslint/layering.mjs.
// Formatting is Prettier's job (.prettierrc.json); no rule here is about layout.
import { fileURLToPath } from "node:url";
import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";
import { defineConfig } from "eslint/config";
import { layeringPlugin } from "./eslint/layering.mjs";

const srcDir = fileURLToPath(new URL("./src", import.meta.url));

export default defineConfig(
    { ignores: ["dist/", "src/generated/", "api-docs/", "coverage/", "catalog/", "artifacts/", "fuzz-findings/", "node_modules/"] },
    js.configs.recommended,
    tseslint.configs.recommended,
    {
        languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: { ...globals.node } },
        rules: {
            // `_`-prefixed names are deliberately unused (a parameter a signature requires).
            "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
        },
    },
    {
        files: ["src/**/*.ts"],
        plugins: { splc: layeringPlugin(srcDir) },
        rules: { "splc/layering": "error" },
    },
);
