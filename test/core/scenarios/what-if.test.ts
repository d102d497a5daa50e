// SPDX-License-Identifier: Apache-2.0
// "What if": a manifest field edited, the rest kept; the predicted windows move with it.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../../src-main/core/scenarios/edits';
import { loadScenarioDir } from '../../../src-main/core/scenarios/loader';
import { previewScenario } from '../../../src-main/core/scenarios/preview';
import type { StoredScenario } from '../../../src-main/core/store/scenario-repo';

async function stored(id: string): Promise<StoredScenario> {
  const { scenario } = await loadScenarioDir(fileURLToPath(new URL(`../../../scenarios/${id}`, import.meta.url)));
  return { id, version: 1, contentHash: scenario!.contentHash, doc: scenario!.doc, manifests: scenario!.manifests, params: scenario!.params };
}

describe('applyEdits', () => {
  it('changes one field by a name-matched path and keeps comments and the other documents', async () => {
    const s = await stored('startup-probe-slow-nginx');
    const out = applyEdits(s.manifests, [{ file: 'slow-nginx.yaml', path: 'spec.containers[name=web].startupProbe.periodSeconds', value: 7 }]);
    const text = out['slow-nginx.yaml']!;
    expect(text).toMatch(/periodSeconds: 7/);
    expect(text).toMatch(/^# The note's slow nginx/);
    expect(text).toMatch(/kind: Service/);
    expect(text.split('\n').length).toBe(s.manifests['slow-nginx.yaml']!.split('\n').length);
  });

  it.each([
    [{ file: 'nope.yaml', path: 'spec.x', value: 1 }, /not one of the scenario's manifests/],
    [{ file: 'slow-nginx.yaml', path: 'spec.containers[name=db].image', value: 'x' }, /nothing matches \[name=db\]/],
  ])('refuses %j', (e, message) => {
    expect(() => applyEdits({ 'slow-nginx.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec: {containers: [{name: web}]}\n' }, [e])).toThrow(message);
  });
});

describe('previewScenario', () => {
  it('gives the predicted windows as stored', async () => {
    const p = await previewScenario(await stored('startup-probe-slow-nginx'), []);
    expect(p.problems).toEqual([]);
    expect(p.windows.find((w) => w.expectationId === 'ready-when-startup-probe-passes')).toMatchObject({ lo: 20, hi: 27, anchor: 'start of web #1' });
  });

  it('moves them when a field changes: a longer initial delay, a later window', async () => {
    const p = await previewScenario(await stored('startup-probe-slow-nginx'), [
      { file: 'slow-nginx.yaml', path: 'spec.containers[name=web].startupProbe.initialDelaySeconds', value: 30 },
    ]);
    expect(p.params.startupDelay).toBe(30);
    expect(p.windows.find((w) => w.expectationId === 'ready-when-startup-probe-passes')).toMatchObject({ lo: 30, hi: 37 });
  });

  it('moves the grace-period kill with terminationGracePeriodSeconds', async () => {
    const p = await previewScenario(await stored('prestop-grace-period'), [{ file: 'prestop.yaml', path: 'spec.terminationGracePeriodSeconds', value: 30 }]);
    const kill = p.windows.find((w) => w.expectationId === 'stops-after-prestop')!;
    // 30 s of grace, opened 1 s early for the Killing event it is timed from (anchorSeenLate)
    expect(kill.lo).toBe(29);
    expect(kill.hi).toBe(33);
    expect(kill.explain).toMatch(/opens 1 s early: the anchor is seen up to 1 s after the moment it marks/);
  });

  it('reports an edit that breaks the scenario instead of running it', async () => {
    const p = await previewScenario(await stored('startup-probe-slow-nginx'), [{ file: 'slow-nginx.yaml', path: 'spec.containers[name=web].args[0]', value: 'exec nginx' }]);
    expect(p.problems.join('\n')).toMatch(/appReadyAfter|finds no number/);
  });
});
