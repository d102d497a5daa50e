// SPDX-License-Identifier: Apache-2.0
// What the CLI loads on demand, each a target of its own `await import(...)`. A dynamic import of
// core/index.ts itself would keep every export the face has, and the bundler would merge them
// into one chunk that even `--help` loads; a module re-exporting one name keeps just that one.
export { Engine } from '../core';
