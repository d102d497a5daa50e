// SPDX-License-Identifier: Apache-2.0
// The scenario loader (YAML parser, schemas), loaded on demand: see lazy-engine.ts for why a
// module of its own and not an `await import()` of core/index.ts.
export { loadScenarioDir } from '../core';
