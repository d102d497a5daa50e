// SPDX-License-Identifier: Apache-2.0
// Figures for podlab's own kind cluster, on real kind and real Docker: create (node image in Docker,
// no cluster yet) with the lessons' images loaded, reuse, delete, and the tool's overhead per run
// around the smallest possible lesson. `npm run bench:kind` (runs inside test/kind's network namespace).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Engine } from '../src-main/core/engine';
import { connectKube } from '../src-main/core/kube/connect';
import { loadScenarioDir } from '../src-main/core/scenarios/loader';
import { runScenario } from '../src-main/core/run/run-scenario';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const nodeImage = process.env.PODLAB_KIND_NODE_IMAGE;
if (!nodeImage) throw new Error('set PODLAB_KIND_NODE_IMAGE (test/kind/in-netns does)');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

const dataDir = mkdtempSync(join(tmpdir(), 'podlab-bench-kind-'));
const engine = await Engine.create({ dataDir, scenariosDir: join(ROOT, 'scenarios') });
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
try {
  await engine.updateSettings({ changes: [{ key: 'cluster.nodeImage', value: nodeImage }] });
  if ((await engine.getCluster()).state !== 'absent') await engine.deleteCluster();

  let imagesFrom = 0;
  const off = engine.events.on('cluster:progressed', (p) => {
    if (!imagesFrom && p.step.startsWith('loading ')) imagesFrom = Date.now();
  });
  const t0 = Date.now();
  const created = await engine.ensureCluster();
  const t1 = Date.now();
  off();
  const loaded = created.images?.loaded.length ?? 0;
  console.log(`kind create: ${seconds(t1 - t0)} (cluster ${seconds((imagesFrom || t1) - t0)}, then ${loaded} images loaded in ${seconds(imagesFrom ? t1 - imagesFrom : 0)})`);

  const t2 = Date.now();
  await engine.ensureCluster();
  console.log(`kind reuse (checks image, version, API, node; images already there): ${seconds(Date.now() - t2)}`);

  const { scenario } = await loadScenarioDir(join(ROOT, 'bench', 'scenarios', 'run-overhead'));
  const view = await engine.getCluster();
  const kube = await connectKube(join(dataDir, 'kind', 'podlab.kubeconfig'), 'kind-podlab');
  const rows: Array<{ setup: number; firstObservation: number; lesson: number; teardown: number; total: number }> = [];
  for (let i = 0; i < RUNS; i++) {
    const began = Date.now();
    let clock = 0;
    let first = 0;
    let lastStepDone = 0;
    const result = await runScenario({
      scenario: scenario!,
      kube,
      hooks: {
        onClockStarted: (at) => (clock = at),
        onObservation: (o) => {
          if (!first && o.kind === 'pod') first = Date.now();
          if (o.kind === 'step' && o.phase === 'done') lastStepDone = Date.now();
        },
      },
    });
    const end = Date.now();
    if (result.outcome !== 'passed') throw new Error(`bench run ${i + 1}: ${result.outcome} ${result.error ?? ''}`);
    rows.push({ setup: clock - began, firstObservation: first - clock, lesson: lastStepDone - clock, teardown: end - lastStepDone, total: end - began });
  }
  const median = (k: keyof (typeof rows)[number]) => rows.map((r) => r[k]).sort((a, b) => a - b)[Math.floor(rows.length / 2)]!;
  console.log(
    `run overhead on kind ${view.kubernetesVersion} (median of ${RUNS}): namespace + ServiceAccount + dry run ${median('setup')} ms; apply → first pod observation ${median('firstObservation')} ms; ` +
      `teardown (stop watches, logs, delete namespace) ${median('teardown')} ms; the lesson itself (pod Running) ${median('lesson')} ms; total ${median('total')} ms`,
  );

  const t3 = Date.now();
  await engine.deleteCluster();
  console.log(`kind delete: ${seconds(Date.now() - t3)}`);
} finally {
  await engine.close();
  rmSync(dataDir, { recursive: true, force: true });
}
