// SPDX-License-Identifier: Apache-2.0
// Where the lessons are: the folders of a root that hold a scenario.yaml. Apart from loader.ts so a
// caller can find them without loading the parser and the schemas (`podlab scenarios list` when
// every lesson is unchanged since it was last validated).
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

export const SCENARIO_FILE = 'scenario.yaml';

/** Every scenario folder under root (a folder holding scenario.yaml). */
export async function findScenarioDirs(root: string): Promise<string[]> {
  const entries = await readdir(root, { withFileTypes: true });
  const dirs: string[] = [];
  for (const e of entries) {
    if (!e.isDirectory()) continue;
    const dir = join(root, e.name);
    if (await stat(join(dir, SCENARIO_FILE)).then(() => true, () => false)) dirs.push(dir);
  }
  return dirs.sort();
}
