// SPDX-License-Identifier: Apache-2.0
// Hostile input never crashes or exhausts the engine: alias bombs become problems with file:line,
// and an edit cannot grow a list to an index far past its end.
import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../../src-main/core/scenarios/edits';
import { containerImages } from '../../../src-main/core/scenarios/images';
import { loadScenarioText } from '../../../src-main/core/scenarios/loader';
import { parseManifest } from '../../../src-main/core/scenarios/manifest-check';
import { formatProblem } from '../../../src-main/core/scenarios/scenario-error';
import { BASE_MANIFEST, BASE_SCENARIO } from './base-scenario';

/** A billion laughs: five levels of ten aliases each (100,000 "lol"s from 50 aliases), the first on line 3. */
const ten = (alias: string) => `[${Array.from({ length: 10 }, () => alias).join(', ')}]`;
const BOMB = `apiVersion: v1\nx: &a ${ten('lol')}\ny: &b ${ten('*a')}\nz: &c ${ten('*b')}\nw: &d ${ten('*c')}\nv: ${ten('*d')}\n`;

describe('alias bombs', () => {
  it('in a scenario file: a problem at the first alias, no exception', async () => {
    const r = await loadScenarioText('/s/demo', '/s/demo/scenario.yaml', BOMB, async () => BASE_MANIFEST);
    expect(r.scenario).toBeUndefined();
    expect(r.problems.map(formatProblem)).toEqual([expect.stringMatching(/^\/s\/demo\/scenario\.yaml:3:8: .*cannot read this YAML: Excessive alias count/)]);
  });

  it('in a manifest: a problem with the manifest file and line', async () => {
    const r = await loadScenarioText('/s/demo', '/s/demo/scenario.yaml', BASE_SCENARIO, async () => BOMB);
    expect(r.problems.map(formatProblem).join('\n')).toMatch(/web\.yaml:3:8: .*cannot read this YAML/);
    expect(parseManifest('m.yaml', BOMB).problems[0]!.line).toBe(3);
  });

  it('in image discovery and in an edit: skipped or refused, not thrown raw', () => {
    expect(containerImages(BOMB)).toEqual([]);
    expect(() => applyEdits({ 'm.yaml': BOMB }, [{ file: 'm.yaml', path: 'x', value: 1 }])).toThrow(/m\.yaml: cannot read this YAML/);
  });
});

describe('list indexes in edits', () => {
  const manifests = { 'web.yaml': BASE_MANIFEST };
  it('refuses an index far past the end at once (it used to grow the heap to 4 GB)', () => {
    const started = Date.now();
    expect(() => applyEdits(manifests, [{ file: 'web.yaml', path: 'spec.containers[99999999].name', value: 'x' }])).toThrow(/\[99999999\] is past the end of a list of 1/);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('still appends one past the end, and edits an existing item', () => {
    const out = applyEdits(manifests, [{ file: 'web.yaml', path: 'spec.containers[1].name', value: 'sidecar' }]);
    expect(out['web.yaml']).toContain('sidecar');
    expect(() => applyEdits(manifests, [{ file: 'web.yaml', path: 'spec.containers[0].name', value: 'web2' }])).not.toThrow();
  });
});
