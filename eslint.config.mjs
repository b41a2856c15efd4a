// Lint rules for the whole tree. The layering rules (no-restricted-imports) are the ones that matter most: they
// keep the core pure and the glue thin, as docs/architecture.md describes. test/unit/layers.test.ts checks the
// same rules by scanning imports, so they hold even where the linter is not run.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const IO_AND_EDITOR = [
  'vscode',
  'vscode-languageserver',
  'vscode-languageserver/*',
  'vscode-languageclient',
  'vscode-languageclient/*',
  'fs',
  'node:fs',
  'fs/promises',
  'node:fs/promises',
  'path',
  'node:path',
  'child_process',
  'node:child_process',
  'process',
  'node:process',
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'out/**',
      'node_modules/**',
      '.e2e/**',
      'test-artifacts/**',
      'bench/corpus/**',
      'bench/results/**',
      'test/fixtures/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/no-require-imports': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-empty': ['error', { allowEmptyCatch: true }],
    },
  },
  {
    // Browser code: the panel script and the workbench steps that run inside the page.
    files: ['client/src/webview/**/*.ts', 'test/e2e/ui/**/*.mjs', 'test/webview/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Tests and the bench speak LSP as untyped JSON; `any` there is the message, not a hole in the types.
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['server/src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: IO_AND_EDITOR,
          patterns: [
            {
              group: ['**/io/**', '**/io', '**/lsp/**', '**/lsp', '**/cli/**', '**/cli', '**/client/**'],
              message: 'The core is pure: it never reaches the IO edge, the server or the CLI.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['server/src/lsp/**/*.ts', 'server/src/io/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ group: ['**/cli/**', '**/cli'], message: 'The language server never imports the CLI.' }],
        },
      ],
    },
  },
  {
    files: ['client/src/webview/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['vscode', 'fs', 'node:fs', 'path', 'node:path'],
          patterns: [
            {
              group: ['node:*', '**/server/src/core/**'],
              message: 'The panel script runs in a browser: no editor or Node modules.',
            },
          ],
        },
      ],
    },
  },
);
