// SPDX-License-Identifier: Apache-2.0
// The tables bench/engine-runs.ts prints: medians with their spread, since the machine is shared.
import { table } from '../src-main/cli/io';
import type { ApiCall } from './api-trace';
import type { LoadFigures } from './engine-load';
import type { RunRecord } from './run-book';
import { median, type RunEvidence } from './run-evidence';
import type { RunPhases } from './run-phases';

export interface TimedRun {
  scenarioId: string;
  record: RunRecord;
  phases: RunPhases;
  evidence: RunEvidence;
}

const mb = (bytes: number) => (bytes / 1024 ** 2).toFixed(1);

/** "median (min–max)" */
function spread(xs: number[], digits = 0): string {
  if (!xs.length) return '–';
  const f = (n: number) => n.toFixed(digits);
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  return lo === hi ? f(lo) : `${f(median(xs))} (${f(lo)}–${f(hi)})`;
}

export function overheadTable(runs: TimedRun[]): string[] {
  const lessons = [...new Set(runs.map((r) => r.scenarioId))];
  const rows = lessons.map((id) => {
    const mine = runs.filter((r) => r.scenarioId === id);
    const col = (k: keyof RunPhases) => spread(mine.map((r) => r.phases[k] as number));
    const outcomes = mine.map((r) => r.record.status).join(',');
    return [id, String(mine.length), outcomes, col('setup'), col('observer'), col('lesson'), col('finishWait'), col('teardown'), col('overhead'), col('total')];
  });
  const all = (k: keyof RunPhases) => spread(runs.map((r) => r.phases[k] as number));
  rows.push(['all lessons', String(runs.length), '', all('setup'), all('observer'), all('lesson'), all('finishWait'), all('teardown'), all('overhead'), all('total')]);
  return table(['LESSON', 'RUNS', 'OUTCOMES', 'SETUP', 'OBSERVER', 'LESSON', 'FINISH WAIT', 'TEARDOWN', 'OVERHEAD', 'TOTAL (ms)'], rows);
}

export function evidenceTable(runs: TimedRun[]): string[] {
  const col = (k: keyof RunEvidence) => spread(runs.map((r) => r.evidence[k]).filter((v): v is number => v !== undefined));
  const rows: string[][] = [
    ['setup', 'preflight (Run button → GET /version: node list, kubeconfig)', col('preflight'), ''],
    ['setup', 'GET /version + POST namespace', col('namespace'), ''],
    ['setup', 'wait for the default ServiceAccount (GET at 25 ms, backing off to 200)', col('serviceAccount'), `${col('serviceAccountPolls')} polls`],
    ['setup', '  of which: ServiceAccount existed, poll not yet back', col('serviceAccountPollLag'), 'cluster watch'],
    ['setup', 'dry run of every object', col('dryRun'), `${col('dryRuns')} requests`],
    ['setup', 'last answer → run clock', col('toClock'), ''],
    ['observer', 'run clock → first step (list + watch pods, events, slices)', spread(runs.map((r) => r.phases.observer)), `${col('observerCalls')} requests`],
    ['lesson', 'ready set by a verdict, reported after the moment it names', spread(runs.map((r) => r.phases.decisionLag).filter((v): v is number => v !== undefined)), `${runs.filter((r) => r.phases.readyBy !== 'steps').length} of ${runs.length} runs`],
    ['finish', 'ready → finish (steps done, verdicts decided; 250 ms poll)', spread(runs.map((r) => r.phases.finishWait)), ''],
    ['teardown', 'finish → first teardown request (stop traffic, watches)', col('stop'), ''],
    ['teardown', 'container logs', col('logs'), `${col('logCalls')} requests`],
    ['teardown', 'GET + DELETE namespace', col('deleteNamespace'), ''],
    ['teardown', 'DELETE answered → run:ended (the deletion is followed after)', col('blockerWait'), `${col('blockerPolls')} polls sent before it, not waited for`],
    ['teardown', '  DELETE → namespace controller\'s first report (conditions)', col('controllerFirstPass'), `ContentRemaining=True in ${runs.filter((r) => r.evidence.contentRemaining).length} of ${runs.length}`],
    ['teardown', '  DELETE → namespace gone', col('goneAfterDelete'), 'cluster watch'],
    ['(after)', 'run:ended → namespace gone (< 0: gone before the run ended)', col('goneAfterEnd'), 'cluster watch'],
    ['(all)', 'new TLS connection per request: handshake', col('handshake'), `${col('newConnections')} of ${col('requests')} requests`],
  ];
  return table(['PHASE', 'PART', 'MS', 'COUNT'], rows);
}

/** One run's requests from the Run button to run:ended, relative to the Run button, watches' streams left out. */
export function timeline(run: TimedRun, calls: ApiCall[]): string[] {
  const r = run.record;
  const t0 = r.requestedAt;
  const marks: Array<[number, string]> = [
    [r.clockZero!, '── run clock started'],
    [r.firstStepStartedAt!, '── first step started'],
    [run.phases.readyAt, `── ready: last step done, every non-end verdict decided (last: ${run.phases.readyBy})`],
    [run.phases.finishAt, run.phases.finishSeen ? '── finish: end-only verdicts decided' : '── (finish not visible: no end-only verdict)'],
    [r.endedAt!, '── run:ended'],
  ];
  let during = 0;
  for (const c of calls) {
    if (c.sentAt < t0 || c.sentAt > r.endedAt!) continue;
    // The lesson's own requests (apply, exec, traffic) are the lesson's: counted, not listed.
    if (c.sentAt > r.firstStepStartedAt! && c.sentAt < run.phases.readyAt) {
      during++;
      continue;
    }
    const took = c.answeredAt === undefined ? 'open' : `${c.answeredAt - c.sentAt} ms`;
    const tls = c.connectedAt === undefined ? '' : `, TLS ${c.connectedAt - c.sentAt} ms`;
    const path = c.path.replace(/namespaces\/podlab-[^/?]+/, 'namespaces/$NS').slice(0, 110);
    marks.push([c.sentAt, `${c.method} ${path} → ${c.status ?? '…'} (${took}${tls})`]);
  }
  marks.push([r.firstStepStartedAt! + 1, `   … ${during} requests of the lesson's steps`]);
  return marks.sort((a, b) => a[0] - b[0]).map(([t, what]) => `${`+${t - t0}`.padStart(7)} ms  ${what}`);
}

export function loadTable(batches: LoadFigures[]): string[] {
  const rows = batches.map((b, i) => {
    const outcomes = new Map<string, number>();
    for (const r of b.runs) outcomes.set(r.status, (outcomes.get(r.status) ?? 0) + 1);
    return [
      String(i + 1),
      b.beforeEngineRss === undefined ? '–' : mb(b.beforeEngineRss),
      mb(b.baselineRss),
      mb(b.peakRss),
      mb(b.peakRss - b.baselineRss),
      `${mb(b.baselineHeap)} → ${mb(b.peakHeap)}`,
      mb(b.endRss),
      (b.wallMs / 1000).toFixed(0),
      [...outcomes].map(([s, n]) => `${n} ${s}`).join(', '),
    ];
  });
  const med = (f: (b: LoadFigures) => number) => spread(batches.map((b) => f(b) / 1024 ** 2), 1);
  rows.push(['median', med((b) => b.beforeEngineRss ?? 0), med((b) => b.baselineRss), med((b) => b.peakRss), med((b) => b.peakRss - b.baselineRss), `→ ${med((b) => b.peakHeap)}`, med((b) => b.endRss), '', '']);
  return table(['BATCH', 'NO ENGINE YET MB', 'BASELINE RSS MB', 'PEAK RSS MB', 'PEAK − BASELINE MB', 'HEAP USED MB', 'RSS AFTER MB', 'WALL S', 'OUTCOMES'], rows);
}
