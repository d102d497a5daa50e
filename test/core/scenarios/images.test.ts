// SPDX-License-Identifier: Apache-2.0
// The images a lesson needs on the node (what a lab pack carries for it), and the pull policy each container gets.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { LoadedScenario } from '../../../src-main/contract/scenario';
import { containerImages, defaultPullPolicy, lessonImagesToLoad } from '../../../src-main/core/scenarios/images';
import { loadScenarioDir, loadScenarios } from '../../../src-main/core/scenarios/loader';

const NGINX = 'docker.io/library/nginx:1.27.5';
const BUSYBOX = 'docker.io/library/busybox:1.36';

async function lesson(id: string): Promise<LoadedScenario> {
  const r = await loadScenarioDir(fileURLToPath(new URL(`../../../scenarios/${id}`, import.meta.url)));
  if (!r.scenario) throw new Error(r.problems.map((p) => p.message).join('\n'));
  return r.scenario;
}

describe('lessonImagesToLoad', () => {
  it.each([
    ['pull-never-missing', []],
    ['pull-always-offline', [NGINX]],
    ['readiness-missing-path', [BUSYBOX, NGINX]],
    // a traffic step needs podlab's client image
    ['startup-probe-slow-nginx', [BUSYBOX, NGINX]],
  ])('%s → %j', async (id, images) => expect(lessonImagesToLoad(await lesson(id))).toEqual(images));

  it('no shipped lesson needs an image another lesson needs absent (cluster up would load it)', async () => {
    const { scenarios } = await loadScenarios(fileURLToPath(new URL('../../../scenarios', import.meta.url)));
    const needed = new Set(scenarios.flatMap(lessonImagesToLoad));
    const absent = scenarios.flatMap((s) => s.doc.spec.images?.absent ?? []);
    expect(absent).toEqual(['docker.io/library/mysql:8.0.16']);
    for (const a of absent) expect(needed.has(a)).toBe(false);
  });
});

describe('pull policies', () => {
  it.each([
    ['nginx', 'Always'],
    ['nginx:latest', 'Always'],
    ['nginx:1.27.5', 'IfNotPresent'],
    [`nginx@sha256:${'a'.repeat(64)}`, 'IfNotPresent'],
    [`nginx:latest@sha256:${'a'.repeat(64)}`, 'Always'],
  ])('the API server defaults %s to %s', (ref, policy) => expect(defaultPullPolicy(ref)).toBe(policy));

  it('reads each container\'s policy, or the default', () => {
    const pod = 'kind: Pod\nspec:\n  initContainers: [{ name: i, image: busybox:1.36, imagePullPolicy: Never }]\n  containers: [{ name: a, image: nginx:1.27.5 }, { name: b, image: nginx }]\n';
    expect(containerImages(pod)).toEqual([
      { image: BUSYBOX, pullPolicy: 'Never' },
      { image: NGINX, pullPolicy: 'IfNotPresent' },
      { image: 'docker.io/library/nginx:latest', pullPolicy: 'Always' },
    ]);
  });
});
