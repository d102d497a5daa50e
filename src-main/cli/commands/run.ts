// SPDX-License-Identifier: Apache-2.0
// `podlab run <id>` and `podlab verify --all`: runs on a cluster, the live timeline, the verdict table.
import type { ManifestEdit } from '@contract/dto';
import { errorMessage, variationEdit, variationName, type Engine, type LaunchedRun, type RunResult } from '../../core';
import { formatWindow, TimelineFormatter, verdictMark } from '../format-timeline';
import type { CliIo } from '../io';
import { table } from '../io';
import { onTermination, type StopReason } from '../termination';

/** `variation`: run the lesson with one of its variations (by id, or variation-N), judged by its expectations. */
export async function runCommand(io: CliIo, engine: Engine, scenarioId: string, json: boolean, variation?: string): Promise<number> {
  const edited = variation === undefined ? undefined : await engine.editScenario(scenarioId, [await variationChange(engine, scenarioId, variation)]);
  const fmt = new TimelineFormatter();
  const offs = [
    engine.events.on('run:observed', ({ observations }) => {
      for (const o of observations) {
        if (json) io.out(JSON.stringify({ type: 'observation', observation: o }));
        else {
          const line = fmt.format(o);
          if (line) io.out(line);
        }
      }
    }),
    engine.events.on('run:verdicts-changed', ({ verdicts }) => {
      for (const v of verdicts) {
        if (json) io.out(JSON.stringify({ type: 'verdict', verdict: v }));
        else if (v.state !== 'pending') io.out(`         ${verdictMark(v)} ${v.expectationId}: ${v.detail}`);
      }
    }),
  ];
  const { runId, done } = engine.launch(scenarioId, edited);
  let stoppedBy: StopReason | undefined;
  const offTermination = onTermination((reason) => {
    stoppedBy = reason;
    io.err(`podlab: ${reason}: stopping run ${runId} and deleting its namespace…`);
    void engine.stopRun({ runId }).catch(() => {});
  });
  let result: RunResult;
  try {
    result = await done;
  } finally {
    offTermination();
    for (const off of offs) off();
  }
  if (stoppedBy) io.err(`podlab: run ${runId} ${result.outcome} (${stoppedBy})`);
  if (json) {
    io.out(JSON.stringify({ type: 'result', runId, outcome: result.outcome, error: result.error, serverVersion: result.serverVersion, verdicts: result.verdicts }));
  } else {
    io.out('');
    io.out(`run ${runId} on ${result.serverVersion ?? 'unknown version'}: ${result.outcome.toUpperCase()} in ${(result.durationMs / 1000).toFixed(1)} s`);
    if (result.error) io.out(`error: ${result.error}`);
    for (const l of table(['', 'EXPECTATION', 'WINDOW', 'DETAIL'], result.verdicts.map((v) => [verdictMark(v), v.expectationId, formatWindow(v), v.detail]))) io.out(l);
  }
  // The verdicts are out; the namespace controller's word on the deletion comes seconds later.
  const stuck = await result.namespaceDeletion;
  if (stuck) io.out(json ? JSON.stringify({ type: 'namespace-stuck', runId, problem: stuck }) : `warning: ${stuck}`);
  return result.outcome === 'passed' ? 0 : 1;
}

async function variationChange(engine: Engine, scenarioId: string, name: string): Promise<ManifestEdit> {
  const { doc } = await engine.getScenario({ id: scenarioId });
  const all = doc.spec.variations ?? [];
  const i = all.findIndex((v, j) => variationName(v, j) === name);
  if (i < 0) throw new Error(`${scenarioId} has no variation "${name}" (it has: ${all.map((v, j) => variationName(v, j)).join(', ') || 'none'})`);
  return variationEdit(all[i]!);
}

/** One run of `verify`: a lesson as written, or one of its variations. */
interface VerifyJob {
  label: string;
  scenarioId: string;
  edits: ManifestEdit[];
}

/** What `verify` runs: every lesson of the folder or only some, their variations too, each `runs` times. */
export interface VerifyOptions {
  parallel?: number;
  variations?: boolean;
  runs?: number;
  only?: string[];
}

async function verifyJobs(engine: Engine, { variations = false, runs = 1, only }: VerifyOptions): Promise<VerifyJob[]> {
  // The folder's lessons: the database also keeps every lesson an earlier start loaded from elsewhere.
  const inFolder = new Set(engine.scenarioFolderIds());
  const unknown = (only ?? []).filter((id) => !inFolder.has(id));
  if (unknown.length) throw new Error(`no such scenario: ${unknown.join(', ')} (see \`podlab scenarios list\`)`);
  const wanted = only ? new Set(only) : inFolder;
  const once: VerifyJob[] = [];
  for (const s of (await engine.listScenarios()).filter((x) => wanted.has(x.id))) {
    once.push({ label: s.id, scenarioId: s.id, edits: [] });
    if (!variations) continue;
    const { doc } = await engine.getScenario({ id: s.id });
    (doc.spec.variations ?? []).forEach((v, i) => once.push({ label: `${s.id}/${variationName(v, i)}`, scenarioId: s.id, edits: [variationEdit(v)] }));
  }
  if (runs === 1) return once;
  return Array.from({ length: runs }, (_, k) => once.map((j) => ({ ...j, label: `${j.label} #${k + 1}` }))).flat();
}

/**
 * Runs every scenario (or the `only` ones), each in its own namespace: all at once, or at most
 * `parallel` at a time. With `variations`, each lesson's variations too, each judged by the
 * expectations it declares; with `runs`, every run that many times (a lesson must pass 3 of 3).
 */
export async function verifyAll(io: CliIo, engine: Engine, options: VerifyOptions = {}): Promise<number> {
  const { parallel = Infinity, variations = false } = options;
  const jobs = await verifyJobs(engine, options);
  const began = Date.now();
  const what = variations ? `${jobs.length} run(s) of scenarios and their variations` : `${jobs.length} scenario(s)`;
  io.out(`verifying ${what} in parallel namespaces${Number.isFinite(parallel) ? `, ${parallel} at a time` : ''}…`);
  const slots = new Slots(parallel);
  const launched = new Set<string>();
  let stoppedBy: StopReason | undefined;
  const offTermination = onTermination((reason) => {
    stoppedBy = reason;
    io.err(`podlab: ${reason}: stopping ${launched.size} run(s) and deleting their namespaces…`);
    for (const runId of launched) void engine.stopRun({ runId }).catch(() => {});
  });
  const runs = jobs.map(async (job) => {
    await slots.take();
    if (stoppedBy) {
      slots.give();
      return { id: job.label, runId: '', error: `not started (${stoppedBy})` };
    }
    let launchedRun: LaunchedRun;
    try {
      launchedRun = engine.launch(job.scenarioId, job.edits.length ? await engine.editScenario(job.scenarioId, job.edits) : undefined);
    } catch (e) {
      slots.give();
      return { id: job.label, runId: '', error: oneLine(errorMessage(e)) };
    }
    const { runId, done } = launchedRun;
    launched.add(runId);
    void done.finally(() => launched.delete(runId)).catch(() => {});
    void done.finally(() => slots.give()).catch(() => {});
    return done.then(
      (r) => {
        io.out(`  ${r.outcome === 'passed' ? '✓' : '✗'} ${job.label} (${(r.durationMs / 1000).toFixed(0)} s)`);
        return { id: job.label, runId, result: r };
      },
      (e: unknown) => ({ id: job.label, runId, error: oneLine(errorMessage(e)) }),
    );
  });
  const results = await Promise.all(runs).finally(offTermination);
  io.out('');
  const rows: string[][] = [];
  for (const r of results) {
    if (!('result' in r) || !r.result) {
      rows.push(['✗', r.id, 'ERROR', '', 'error' in r ? (r.error ?? '') : '']);
      continue;
    }
    const res = r.result;
    const passed = res.verdicts.filter((v) => v.state === 'pass').length;
    const firstFail = res.verdicts.find((v) => v.state !== 'pass');
    rows.push([
      res.outcome === 'passed' ? '✓' : '✗',
      r.id,
      res.outcome.toUpperCase(),
      `${passed}/${res.verdicts.length}`,
      res.error ?? (firstFail ? `${firstFail.expectationId}: ${firstFail.detail}` : `${(res.durationMs / 1000).toFixed(0)} s`),
    ]);
  }
  for (const l of table(['', 'SCENARIO', 'OUTCOME', 'EXPECTATIONS', 'DETAIL'], rows)) io.out(l);
  const ok = rows.filter((r) => r[0] === '✓').length;
  const checked = results.reduce((n, r) => n + ('result' in r && r.result ? r.result.verdicts.length : 0), 0);
  io.out(`wall time ${((Date.now() - began) / 1000).toFixed(0)} s, ${checked} expectations judged`);
  // The closing line CI reads: 'N passed, N failed' alone on a line.
  io.out(`verify: ${ok} passed, ${rows.length - ok} failed`);
  return ok === rows.length ? 0 : 1;
}

/** One line in the table: a refused run's preflight lists its problems on lines of their own. */
function oneLine(message: string): string {
  return message.replace(/\s*\n\s*(?:- )?/g, ' ');
}

/** A counting semaphore: at most `size` holders at once, served in order. */
class Slots {
  private free: number;
  private readonly waiting: Array<() => void> = [];

  constructor(size: number) {
    this.free = size;
  }

  take(): Promise<void> {
    if (this.free > 0) {
      this.free--;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  give(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.free++;
  }
}
