// SPDX-License-Identifier: Apache-2.0
// What-if edits: only the fields a lesson declares, with values of the API's type and range.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkEdits, declaredEditFields } from '../../../src-main/core/scenarios/edit-rules';
import { loadScenarioDir, loadScenarios } from '../../../src-main/core/scenarios/loader';

const scenariosDir = fileURLToPath(new URL('../../../scenarios', import.meta.url));
const { scenarios } = await loadScenarios(scenariosDir);
const slowNginx = (await loadScenarioDir(`${scenariosDir}/startup-probe-slow-nginx`)).scenario!;

describe('checkEdits', () => {
  it.each(scenarios.map((s) => [s.id, s] as const))('accepts every variation and every numeric param of %s as the lesson declares it', (_id, s) => {
    for (const v of s.doc.spec.variations ?? []) expect(() => checkEdits(s.doc, [v.change])).not.toThrow();
    for (const [name, p] of Object.entries(s.doc.spec.params ?? {})) {
      if (p.match === undefined) expect(() => checkEdits(s.doc, [{ file: p.file, path: p.path, value: s.params[name]! }])).not.toThrow();
    }
  });

  it('refuses a field the lesson does not declare, naming the ones it does', () => {
    const fields = [...declaredEditFields(slowNginx.doc)].flatMap(([f, ps]) => [...ps].map((p) => `${f}: ${p}`));
    expect(fields.length).toBeGreaterThan(0);
    expect(() => checkEdits(slowNginx.doc, [{ file: 'slow-nginx.yaml', path: 'spec.hostPID', value: true }])).toThrow(
      `slow-nginx.yaml: spec.hostPID is not a field this lesson lets you change (it lets you change ${fields.join('; ')})`,
    );
  });

  it.each([
    [0, 'spec.containers[name=web].startupProbe.periodSeconds must be a whole number from 1 to 2147483647, not 0'],
    [1.5, 'spec.containers[name=web].startupProbe.periodSeconds must be a whole number from 1 to 2147483647, not 1.5'],
    [2147483648, 'spec.containers[name=web].startupProbe.periodSeconds must be a whole number from 1 to 2147483647, not 2147483648'],
    ['10', 'spec.containers[name=web].startupProbe.periodSeconds must be a whole number from 1 to 2147483647, not "10"'],
  ])('refuses periodSeconds = %j', (value, message) => {
    expect(() => checkEdits(slowNginx.doc, [{ file: 'slow-nginx.yaml', path: 'spec.containers[name=web].startupProbe.periodSeconds', value }])).toThrow(`slow-nginx.yaml: ${message}`);
  });
});
