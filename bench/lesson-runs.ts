// SPDX-License-Identifier: Apache-2.0
// The engine's runs as the benches see them (run-book.ts's LessonRuns): the only code that knows
// the Engine's API, shared by the overhead part (under tsx) and the load batches (built, plain Node).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LessonRuns } from './run-book';

export async function openLessonRuns(kubeconfig: string, scenariosDir: string): Promise<LessonRuns> {
  // Imported here, not at the top, so a load batch can weigh the process before the engine's modules.
  const [{ Engine }, { namespaceForRun }] = await Promise.all([import('../src-main/core'), import('../src-main/core/run/run-id')]);
  const dataDir = mkdtempSync(join(tmpdir(), 'podlab-bench-engine-'));
  const engine = await Engine.create({ dataDir, scenariosDir, kubeconfig });
  await engine.recover();
  return {
    start: async (scenarioId) => (await engine.startRun({ scenarioId })).runId,
    expectations: async (id) => (await engine.getScenario({ id })).expectations.map((e) => e.definition),
    namespaceOf: namespaceForRun,
    subscribe: (listener) => {
      const offs = [
        engine.events.on('run:observed', (p) => listener({ kind: 'observed', ...p })),
        engine.events.on('run:verdicts-changed', (p) => listener({ kind: 'verdicts', ...p })),
        engine.events.on('run:ended', (p) => listener({ kind: 'ended', ...p })),
      ];
      return () => offs.forEach((off) => off());
    },
    close: async () => {
      await engine.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

