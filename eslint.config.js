// SPDX-License-Identifier: Apache-2.0
// Lint: TypeScript and Svelte, plus the layering rules that keep Electron out of the engine.
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// client-node is big and slow to load: it stays behind connect.ts, loaded only for the auth podlab's
// own client does not implement, and everything else goes through the KubeApi seam, which tests fake.
const KUBE_SEAM = { group: ['@kubernetes/*', '**/client-node-kube'], message: 'reach Kubernetes through the KubeApi seam (core/kube/kube-api.ts), not client-node' };
// The engine's clients (CLI, shell, browser mode) see its public face only: core/index.ts.
const CORE_FACE = { group: ['**/core/*', '**/core/**', '!**/core/index', '!**/core/index.js', '!**/core/index.ts'], message: 'import the engine from core (core/index.ts), not its inside' };
const CORE_FENCES = [
  { group: ['electron', 'electron/*'], message: 'the engine must not import electron; put it in src-main/shell' },
  { group: ['**/shell/**', '**/src-renderer/**', '**/preload/**'], message: 'the engine must not import the shell, preload or renderer' },
  { group: ['**/serve/**', '**/cli/**'], message: 'the engine must not import browser mode or the CLI; they import it' },
];

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
    // The CLI is a client of the engine: no electron, no shell, no renderer, and core only through its face.
    files: ['src-main/cli/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['electron', 'electron/*'], message: 'the engine must not import electron; put it in src-main/shell' },
        { group: ['**/shell/**', '**/src-renderer/**', '**/preload/**'], message: 'the engine must not import the shell, preload or renderer' },
        KUBE_SEAM,
        CORE_FACE,
      ] }],
    },
  },
  {
    // The engine is not a client of its clients: browser mode and the CLI use core, never the reverse.
    files: ['src-main/core/**'],
    ignores: ['src-main/core/check/**', 'src-main/core/predict/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...CORE_FENCES, KUBE_SEAM] }],
    },
  },
  {
    // The seam itself: the one place client-node comes in.
    files: ['src-main/core/kube/connect.ts', 'src-main/core/kube/client-node-kube.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: CORE_FENCES }] },
  },
  {
    // Judging and predicting are pure functions of observations and a lesson: no I/O, no cluster, no store.
    files: ['src-main/core/check/**', 'src-main/core/predict/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['node:*', 'fs', 'child_process', 'net', 'http', 'https'], message: 'check/ and predict/ are pure: no Node I/O' },
        { group: ['electron', '@kubernetes/*', 'execa', 'better-sqlite3', 'ws'], message: 'check/ and predict/ are pure: no cluster, process, store or transport' },
        { group: ['**/kube/**', '**/store/**', '**/cluster/**', '**/observe/**', '**/pack/**', '**/serve/**', '**/cli/**', '**/shell/**', '**/run/**'], message: 'check/ and predict/ are pure: they see observations, not the things that make them' },
      ] }],
    },
  },
  {
    // Browser mode is a transport, like the Electron shell, but in plain Node.
    files: ['src-main/serve/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['electron', 'electron/*'], message: 'browser mode runs without Electron' },
        { group: ['**/shell/**', '**/src-renderer/**', '**/preload/**', '**/cli/**'], message: 'browser mode must not import the shell, preload, renderer or CLI' },
        KUBE_SEAM,
        CORE_FACE,
      ] }],
    },
  },
  {
    // The Electron shell: windows, IPC and the engine's public face.
    files: ['src-main/shell/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['**/src-renderer/**', '**/cli/**'], message: 'the shell must not import the renderer or the CLI (it may share browser mode security headers)' },
        KUBE_SEAM,
        CORE_FACE,
      ] }],
    },
  },
  {
    // The preload bridges the contract over IPC and nothing else: it runs in the renderer's process.
    files: ['src-main/preload/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['node:*', '**/core/**', '**/shell/**', '**/serve/**', '**/cli/**', '**/src-renderer/**'], message: 'the preload may import electron and the contract only' },
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
