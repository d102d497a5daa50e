// SPDX-License-Identifier: Apache-2.0
// `verify --all --scenarios DIR` verifies DIR's lessons: the database keeps every lesson an earlier
// start stored, and the engine tells which ones its own scenarios folder holds.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { Engine } from '../../src-main/core/engine';

const SCENARIOS = fileURLToPath(new URL('../../scenarios', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'podlab-engine-folder-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('names the lessons of the folder it was started on, not every lesson stored before', async () => {
  const first = await Engine.create({ dataDir: join(dir, 'data'), scenariosDir: SCENARIOS });
  await first.close();
  const two = join(dir, 'two');
  for (const id of ['restart-never-success', 'poststart-hook']) cpSync(join(SCENARIOS, id), join(two, id), { recursive: true });
  const second = await Engine.create({ dataDir: join(dir, 'data'), scenariosDir: two });
  try {
    expect((await second.listScenarios()).length).toBe(30);
    expect(second.scenarioFolderIds()).toEqual(['poststart-hook', 'restart-never-success']);
  } finally {
    await second.close();
  }
});
