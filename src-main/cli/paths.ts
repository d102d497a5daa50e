// SPDX-License-Identifier: Apache-2.0
// Where the CLI finds scenarios and keeps its data.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { appRoot } from './app-root';

export function defaultScenariosDir(): string {
  return process.env.APP_SCENARIOS_DIR ?? join(appRoot(), 'scenarios');
}

export function defaultDataDir(): string {
  if (process.env.APP_DATA_DIR) return process.env.APP_DATA_DIR;
  const base = process.env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share');
  return join(base, 'podlab');
}

/** Where `scenarios list` remembers the lessons it found valid (scenario-list-cache.ts). */
export function scenarioListCacheFile(dataDir: string): string {
  return join(dataDir, 'cache', 'scenario-list.json');
}
