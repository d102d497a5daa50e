// SPDX-License-Identifier: Apache-2.0
// Lint: TypeScript and Svelte, plus the layering rules that keep Electron out of the engine.
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', 'bench/results/**'] },
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser }, globals: { ...globals.browser } },
  },
  {
    // The engine is a library that Electron is one client of: no electron, no shell, no renderer.
    files: ['src-main/core/**', 'src-main/cli/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['electron', 'electron/*'], message: 'the engine must not import electron; put it in src-main/shell' },
        { group: ['**/shell/**', '**/src-renderer/**', '**/preload/**'], message: 'the engine must not import the shell, preload or renderer' },
      ] }],
    },
  },
  {
    files: ['src-main/contract/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['../*', '!./*', 'electron', 'zod'], message: 'the contract holds types and channel constants only' }] }],
    },
  },
  {
    files: ['src-renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['node:*', 'electron'], message: 'the renderer runs in a sandboxed page' },
        { group: ['**/src-main/core/**', '**/core/**'], message: 'the renderer reaches the engine only through window.app' },
      ] }],
    },
  },
);
