// Lint, for one thing the compiler does not catch: a promise nobody awaits. Every store call is asynchronous, so a
// forgotten `await` is a write that may fail unseen, or a condition that is always true (a Promise is truthy).
// Type-aware, over the TypeScript of the API, domain, tests, scripts and benchmarks (web/ has its own vue-tsc).
import tseslint from 'typescript-eslint'

export default [
  { ignores: ['node_modules/', 'dist/', 'web/', 'data/'] },
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      // A promise where a value is tested, spread or passed as a plain callback's result; void callbacks may be async.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/await-thenable': 'error',
    },
  },
]
