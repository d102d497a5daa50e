// SPDX-License-Identifier: Apache-2.0
// The folder podlab runs from (its package.json, scenarios/ and out/renderer/).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const PACKAGE_NAME = 'pod-lifecycle-lab';
let found: string | undefined;

/**
 * The nearest folder at or above `from` whose package.json is podlab's. Found by walking up, not by
 * a fixed '../..': the same code runs from src-main/cli/ (tsx, tests) and from out/cli/ or
 * out/cli/chunks/ (the bundle, where a module's depth depends on how it was split).
 */
export function findAppRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (packageName(join(dir, 'package.json')) === PACKAGE_NAME) return dir;
    if (dirname(dir) === dir) throw new Error(`podlab: no package.json of ${PACKAGE_NAME} at or above ${from}`);
  }
}

export function appRoot(): string {
  return (found ??= findAppRoot(import.meta.dirname));
}

function packageName(file: string): string | undefined {
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { name?: string }).name;
  } catch {
    return undefined;
  }
}
