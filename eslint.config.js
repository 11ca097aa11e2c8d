// ESLint with typescript-eslint, type-aware (the same tsconfig as `npm run typecheck`). Run by `npm run lint`, first in `npm test`.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/**", "dist/**", "server/generated/**", "**/*.d.ts"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      // A leading underscore marks what is left out on purpose (express's 4-argument error handler, rest-sibling omission).
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true }],
      // React ignores what an event handler returns; our async handlers catch and show their own errors.
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
      // Deferred, each with its reason (turn on in a change of its own, not during parallel work on the same files):
      // - 35 redundant assertions; `eslint --fix` removes them, to be run when no other branch touches those files.
      "@typescript-eslint/no-unnecessary-type-assertion": "off",
      // - async methods that implement promise-returning interfaces synchronously (checkpoint stores, test doubles).
      "@typescript-eslint/require-await": "off",
    },
  },
  {
    // The test client returns response bodies as untyped JSON (tests/helpers/client.ts); the server checks every
    // response against its declared schema in the tests (VALIDATE_RESPONSES), so the shapes are proven there.
    files: ["tests/**", "**/*.test.ts", "**/*.test.tsx", "server/notices/testSetup.ts"],
    rules: {
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-return": "off",
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/unbound-method": "off",
      // Node's http servers take async request handlers in the test harnesses (OIDC provider, bench proxy); errors end the test.
      "@typescript-eslint/no-misused-promises": "off",
    },
  },
  {
    // React props and hook results declare callbacks in method shorthand (`onSaved(): void`) and pass them around
    // unbound by design; none of them uses `this`.
    files: ["web/src/**"],
    rules: { "@typescript-eslint/unbound-method": "off" },
  },
  { files: ["**/*.js"], ...tseslint.configs.disableTypeChecked },
);
