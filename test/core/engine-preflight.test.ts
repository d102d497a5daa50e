// SPDX-License-Identifier: Apache-2.0
// Engine.startRun runs the preflight first: a refused run rejects with RUN_PREFLIGHT_FAILED, gets no
// id, emits nothing and creates nothing; a "what if" edit is checked as edited. Fake API server.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { Engine } from '../../src-main/core/engine';
import { fakeApi, fakeKubeconfig, type FakeApi } from '../fakes/fake-api-server';

const SCENARIOS = fileURLToPath(new URL('../../scenarios', import.meta.url));
const done: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const d of done.splice(0).reverse()) await d();
});

async function engineOn(images: string[]): Promise<{ engine: Engine; api: FakeApi }> {
  const dir = mkdtempSync(join(tmpdir(), 'podlab-engine-preflight-'));
  const api = await fakeApi(images);
  const engine = await Engine.create({ dataDir: join(dir, 'data'), scenariosDir: SCENARIOS, kubeconfig: fakeKubeconfig(join(dir, 'kubeconfig'), api.url) });
  done.push(async () => rmSync(dir, { recursive: true, force: true }), () => api.close(), () => engine.close());
  return { engine, api };
}

describe('Engine.startRun', () => {
  it('rejects a run the node cannot show, before anything is made', async () => {
    const { engine, api } = await engineOn(['docker.io/library/mysql:8.0.16']);
    const ended: unknown[] = [];
    engine.events.on('run:ended', (e) => ended.push(e));
    await expect(engine.startRun({ scenarioId: 'pull-never-missing' })).rejects.toMatchObject({
      code: 'RUN_PREFLIGHT_FAILED',
      message: expect.stringMatching(/mysql:8\.0\.16 is on the node, but this lesson is about it being absent/),
    });
    expect(api.writes).toEqual([]);
    expect(ended).toEqual([]);
    expect(await engine.listRuns({ scenarioId: 'pull-never-missing' })).toEqual([]);
  });

  it('checks the edited manifests of a "what if" run', async () => {
    const { engine, api } = await engineOn(['docker.io/library/mysql:8.0.16']);
    // the lesson's own variation runs nginx instead: mysql no longer matters, nginx is not there
    const edits = [{ file: 'test-imagepolicy4.yaml', path: 'spec.containers[name=db].image', value: 'docker.io/library/nginx:1.27.5' }];
    await expect(engine.startRun({ scenarioId: 'pull-never-missing', edits })).rejects.toThrow(/^pull-never-missing cannot run on this cluster:\n {2}- docker\.io\/library\/nginx:1\.27\.5 is not on the node/);
    expect(api.writes).toEqual([]);
  });
});
