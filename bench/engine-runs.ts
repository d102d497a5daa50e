// SPDX-License-Identifier: Apache-2.0
// Issue #11's engine figures on a real cluster: (1) the engine's RSS with 20 runs live at once
// (goal ≤ 150 MB), each batch in a fresh process; (2) the tool's overhead per run beyond the
// lesson's own timers (goal ≤ 1 s), lessons run one at a time and split into phases
// (run-phases.ts), with the engine's API requests as evidence (run-evidence.ts).
// `KUBECONFIG=… npm run bench:engine`; BENCH_PART=load|overhead, BENCH_LOAD_REPEATS (3),
// BENCH_LOAD_RUNS (20), BENCH_RUNS per lesson (3), BENCH_LESSONS / BENCH_LOAD_LESSONS (comma lists).
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startApiTrace } from './api-trace';
import type { LoadFigures } from './engine-load';
import { evidenceTable, loadTable, overheadTable, timeline, type TimedRun } from './engine-report';
import { openLessonRuns } from './lesson-runs';
import { RunBook } from './run-book';
import { runEvidence } from './run-evidence';
import { runPhases } from './run-phases';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const list = (v: string | undefined, fallback: string[]) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : fallback);
// Lessons that pass on the test cluster (verify --all) in ≤ ~35 s, some with tight windows.
const LOAD_LESSONS = list(process.env.BENCH_LOAD_LESSONS, [
  'two-containers-one-pod', 'pull-ifnotpresent-present', 'env-downward-api', 'requests-exceed-node', 'init-failure-never',
  'poststart-hook', 'pod-start-anatomy', 'restart-never-success', 'prestop-exceeds-grace', 'slow-nginx-no-probe',
]);
// Short lessons: some end on a sleep step, some on a verdict decided after their last step.
const TIMED_LESSONS = list(process.env.BENCH_LESSONS, ['two-containers-one-pod', 'pull-ifnotpresent-present', 'requests-exceed-node', 'restart-never-success', 'prestop-exceeds-grace', 'slow-nginx-no-probe']);
const LOAD_RUNS = Number(process.env.BENCH_LOAD_RUNS ?? 20);
const LOAD_REPEATS = Number(process.env.BENCH_LOAD_REPEATS ?? 3);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const PART = process.env.BENCH_PART ?? 'all';
const kubeconfig = process.env.KUBECONFIG ?? process.env.APP_KUBECONFIG;
if (!kubeconfig) throw new Error('set KUBECONFIG to the test cluster (/var/lib/podlab-test-cluster/admin.kubeconfig)');

console.log(`engine bench on ${kubeconfig}; the machine's cores are shared with other work, so figures are noisy: median (min–max)`);
if (PART !== 'overhead') await loadPart();
if (PART !== 'load') await overheadPart();

async function loadPart(): Promise<void> {
  // The batches run the engine as it ships, built to JavaScript and run by plain Node: under tsx
  // (this process) the same runs weigh ~35 MB more, the TypeScript loader's.
  const entry = await buildLoadBatch();
  const batches: LoadFigures[] = [];
  for (let i = 0; i < LOAD_REPEATS; i++) batches.push(await loadBatchInChild(entry));
  console.log(`\n1. ${LOAD_RUNS} runs live at once (${LOAD_LESSONS.length} lessons round-robin), each batch in a fresh plain-Node process running the built engine; baseline after create + recover; goal peak ≤ 150 MB`);
  for (const l of loadTable(batches)) console.log(`   ${l}`);
  for (const [i, b] of batches.entries()) {
    for (const r of b.runs.filter((x) => x.status !== 'passed')) {
      console.log(`   batch ${i + 1}: ${r.scenarioId} ${r.status.toUpperCase()} after ${r.seconds.toFixed(0)} s: ${r.error ?? ''}`);
      for (const v of r.notPassed) console.log(`      ✗ ${v}`);
    }
    const slowest = [...b.runs].sort((x, y) => y.seconds - x.seconds)[0];
    if (slowest) console.log(`   batch ${i + 1}: runs took ${Math.min(...b.runs.map((r) => r.seconds)).toFixed(0)}–${slowest.seconds.toFixed(0)} s (slowest ${slowest.scenarioId}); ${b.samples} samples`);
  }
}

/** bench/engine-load-batch.ts and the engine it imports, bundled as the CLI is (out/bench/). */
async function buildLoadBatch(): Promise<string> {
  const { buildNodeBundle } = await import('../scripts/build-cli-bundle');
  const outDir = join(ROOT, 'out', 'bench');
  await buildNodeBundle({ 'engine-load-batch': join(ROOT, 'bench', 'engine-load-batch.ts') }, outDir);
  return join(outDir, 'engine-load-batch.js');
}

function loadBatchInChild(entry: string): Promise<LoadFigures> {
  return new Promise((resolve, reject) => {
    const lessons = Array.from({ length: LOAD_RUNS }, (_, i) => LOAD_LESSONS[i % LOAD_LESSONS.length]!);
    const child = fork(entry, [], { execArgv: [], env: { ...process.env, KUBECONFIG: kubeconfig, BENCH_BATCH_LESSONS: lessons.join(','), BENCH_SCENARIOS_DIR: join(ROOT, 'scenarios') } });
    let figures: LoadFigures | undefined;
    child.on('message', (m) => (figures = m as LoadFigures));
    child.on('exit', (code) => (figures ? resolve(figures) : reject(new Error(`load batch exited with ${code} and no figures`))));
  });
}

async function overheadPart(): Promise<void> {
  const { isClusterWatchCall, startClusterWatch } = await import('./cluster-watch');
  const trace = startApiTrace();
  const cluster = await startClusterWatch(kubeconfig!);
  const api = await openLessonRuns(kubeconfig!, join(ROOT, 'scenarios'));
  const book = new RunBook(api);
  const runs: TimedRun[] = [];
  try {
    const expectations = new Map(await Promise.all(TIMED_LESSONS.map(async (id) => [id, await api.expectations(id)] as const)));
    // Round by round, so the machine's noise spreads over every lesson.
    for (let round = 0; round < RUNS; round++) {
      for (const id of TIMED_LESSONS) {
        const record = await book.start(id);
        await record.ended;
        const namespace = api.namespaceOf(record.runId);
        // The next run starts on a quiet cluster: this one's namespace deletion finished.
        await cluster.gone(namespace, 60_000);
        const phases = runPhases(record, expectations.get(id)!);
        if (!phases) {
          console.log(`   ${id}: ${record.status} before its steps ran (${record.error ?? ''}); not timed`);
          continue;
        }
        const calls = trace.calls.filter((c) => !isClusterWatchCall(c.path));
        runs.push({ scenarioId: id, record, phases, evidence: runEvidence(record, phases, calls, namespace, cluster) });
        if (record.status !== 'passed') console.log(`   ${id}: ${(record.status ?? 'unknown').toUpperCase()}: ${record.error ?? ''}`);
      }
    }
  } finally {
    book.dispose();
    await api.close();
    cluster.stop();
    trace.stop();
  }
  console.log(`\n2. overhead per run, one run at a time, ${RUNS} runs per lesson (ms; goal overhead ≤ 1000)`);
  console.log('   setup = Run button → run clock; observer = clock → first step; lesson = first step → last step done and every non-end verdict decided;');
  console.log('   finish wait = that → the end-only verdicts decided; teardown = that → run:ended; overhead = all but lesson');
  for (const l of overheadTable(runs)) console.log(`   ${l}`);
  console.log('\n3. where the overhead goes, all runs (ms), from the engine\'s own API requests and two cluster watches');
  for (const l of evidenceTable(runs)) console.log(`   ${l}`);
  const sample = runs.find((r) => r.scenarioId === TIMED_LESSONS[0]);
  if (sample) {
    console.log(`\n   one run's requests (${sample.scenarioId}), from the Run button; watches' streams stay open:`);
    for (const l of timeline(sample, trace.calls.filter((c) => !isClusterWatchCall(c.path)))) console.log(`   ${l}`);
  }
}
