// SPDX-License-Identifier: Apache-2.0
// `podlab run <id>` and `podlab verify --all`: runs on a cluster, the live timeline, the verdict table.
import { errorMessage, type Engine, type RunResult } from '../../core';
import { formatWindow, TimelineFormatter, verdictMark } from '../format-timeline';
import type { CliIo } from '../io';
import { table } from '../io';
import { onTermination, type StopReason } from '../termination';

export async function runCommand(io: CliIo, engine: Engine, scenarioId: string, json: boolean): Promise<number> {
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
  const { runId, done } = engine.launch(scenarioId);
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

/** Runs every scenario, each in its own namespace: all at once, or at most `parallel` at a time. */
export async function verifyAll(io: CliIo, engine: Engine, parallel = Infinity): Promise<number> {
  // The folder's lessons: the database also keeps every lesson an earlier start loaded from elsewhere.
  const inFolder = new Set(engine.scenarioFolderIds());
  const scenarios = (await engine.listScenarios()).filter((s) => inFolder.has(s.id));
  const began = Date.now();
  io.out(`verifying ${scenarios.length} scenario(s) in parallel namespaces${Number.isFinite(parallel) ? `, ${parallel} at a time` : ''}…`);
  const slots = new Slots(parallel);
  const launched = new Set<string>();
  let stoppedBy: StopReason | undefined;
  const offTermination = onTermination((reason) => {
    stoppedBy = reason;
    io.err(`podlab: ${reason}: stopping ${launched.size} run(s) and deleting their namespaces…`);
    for (const runId of launched) void engine.stopRun({ runId }).catch(() => {});
  });
  const runs = scenarios.map(async (s) => {
    await slots.take();
    if (stoppedBy) {
      slots.give();
      return { id: s.id, runId: '', error: `not started (${stoppedBy})` };
    }
    const { runId, done } = engine.launch(s.id);
    launched.add(runId);
    void done.finally(() => launched.delete(runId)).catch(() => {});
    void done.finally(() => slots.give()).catch(() => {});
    return done.then(
      (r) => {
        io.out(`  ${r.outcome === 'passed' ? '✓' : '✗'} ${s.id} (${(r.durationMs / 1000).toFixed(0)} s)`);
        return { id: s.id, runId, result: r };
      },
      // one line in the table: a refused run's preflight lists its problems on lines of their own
      (e: unknown) => ({ id: s.id, runId, error: errorMessage(e).replace(/\s*\n\s*(?:- )?/g, ' ') }),
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
  io.out(`wall time ${((Date.now() - began) / 1000).toFixed(0)} s`);
  // The closing line CI reads: 'N passed, N failed' alone on a line.
  io.out(`verify: ${ok} passed, ${rows.length - ok} failed`);
  return ok === rows.length ? 0 : 1;
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
