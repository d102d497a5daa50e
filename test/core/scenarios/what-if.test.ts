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

  const FAILURES = 'spec.containers[name=web].startupProbe.failureThreshold';
  const DELAY = 'spec.containers[name=web].startupProbe.initialDelaySeconds';

  it('says what will happen: Ready as stored, a restart loop with initialDelaySeconds 10', async () => {
    const s = await stored('startup-probe-slow-nginx');
    const asStored = await previewScenario(s, []);
    expect(asStored.outcome?.containers.map((c) => c.verdict)).toEqual(['ready']);
    expect(asStored.outcome?.sentence.en).toBe('web: Ready at ~20–25 s, no restart.');
    const edited = await previewScenario(s, [{ file: 'slow-nginx.yaml', path: DELAY, value: 10 }]);
    expect(edited.outcome?.containers[0]).toMatchObject({ verdict: 'restart-loop', killedBy: 'startup' });
    expect(edited.outcome?.containers[0]?.moments.some((m) => m.kind === 'kill' && m.instance === 1 && m.lo >= 13.5 && m.hi <= 20.5)).toBe(true);
  });

  it('offers every declared number, variations included, with its value now and as stored', async () => {
    const p = await previewScenario(await stored('startup-probe-slow-nginx'), [{ file: 'slow-nginx.yaml', path: FAILURES, value: 1 }]);
    expect(p.fields).toContainEqual({ file: 'slow-nginx.yaml', path: FAILURES, value: 1, original: 2 });
    expect(p.fields).toContainEqual({ file: 'slow-nginx.yaml', path: DELAY, value: 20, original: 20 });
    expect(p.fields.some((f) => f.path.endsWith('args[0]'))).toBe(false);
    expect(p.outcome?.containers[0]?.verdict).toBe('may-restart');
  });

  it.each([
    [2.5, 'must be a whole number from 1 to 2147483647, not 2.5', '必须是 1 到 2147483647 之间的整数，而不是 2.5'],
    [0, 'must be at least 1, not 0', '至少为 1，而不是 0'],
    ['', 'a value is needed: a whole number from 1 to 2147483647 (Undo changes puts back the lesson’s own)', '需要一个值：1 到 2147483647 之间的整数（“撤销修改”会恢复课程原值）'],
    ['abc', 'must be a whole number from 1 to 2147483647, not "abc"', '必须是 1 到 2147483647 之间的整数，而不是 "abc"'],
  ])('keys a refused value (%j) to its field, refuses the run, and previews without it', async (value, en, zh) => {
    const p = await previewScenario(await stored('startup-probe-slow-nginx'), [
      { file: 'slow-nginx.yaml', path: FAILURES, value },
      { file: 'slow-nginx.yaml', path: DELAY, value: 10 },
    ]);
    expect(p.fieldProblems).toEqual([{ file: 'slow-nginx.yaml', path: FAILURES, message: { en, zh } }]);
    expect(p.problems).toEqual([`slow-nginx.yaml: ${FAILURES} must be a whole number from 1 to 2147483647, not ${JSON.stringify(value)}`]);
    // the valid edit still moves the prediction
    expect(p.outcome?.containers[0]?.verdict).toBe('restart-loop');
    expect(p.fields.find((f) => f.path === FAILURES)?.value).toBe(2);
  });
});
