// SPDX-License-Identifier: Apache-2.0
// What the engine's public run events say about each run, stamped with the wall clock as they
// arrive: when it was asked for, when its clock started, when its steps ran, when each verdict was
// first decided, when it ended. The benches read phases off these stamps (run-phases.ts).
import type { Observation } from '@contract/observation';
import type { Expectation } from '@contract/scenario';
import type { Verdict } from '@contract/verdict';

export type RunEvent =
  | { kind: 'observed'; runId: string; clockZero: number; observations: Observation[] }
  | { kind: 'verdicts'; runId: string; verdicts: Verdict[] }
  | { kind: 'ended'; runId: string; status: string; error?: string };

/** All a bench needs of the engine; engine-runs.ts builds it, the only code that knows the Engine's API. */
export interface LessonRuns {
  /** starts a run as the app's Run button does (preflight included); resolves with its id */
  start(scenarioId: string): Promise<string>;
  expectations(scenarioId: string): Promise<Expectation[]>;
  namespaceOf(runId: string): string;
  subscribe(listener: (e: RunEvent) => void): () => void;
  close(): Promise<void>;
}

export interface RunRecord {
  runId: string;
  scenarioId: string;
  requestedAt: number;
  clockZero?: number;
  firstStepStartedAt?: number;
  lastStepDoneAt?: number;
  /** wall time each expectation's verdict was first reported decided (pass or fail) */
  decidedAt: Map<string, number>;
  /** every verdict batch: when it came and which expectations it decided */
  batches: Array<{ at: number; decided: string[] }>;
  verdicts: Map<string, Verdict>;
  endedAt?: number;
  status?: string;
  error?: string;
  ended: Promise<void>;
}

export class RunBook {
  private readonly runs = new Map<string, RunRecord & { resolve: () => void }>();
  private readonly off: () => void;

  constructor(private readonly api: LessonRuns) {
    this.off = api.subscribe((e) => this.record(e, Date.now()));
  }

  async start(scenarioId: string): Promise<RunRecord> {
    const requestedAt = Date.now();
    const run = this.entry(await this.api.start(scenarioId));
    run.scenarioId = scenarioId;
    run.requestedAt = requestedAt;
    return run;
  }

  dispose(): void {
    this.off();
  }

  private entry(runId: string): RunRecord & { resolve: () => void } {
    let run = this.runs.get(runId);
    if (!run) {
      let resolve = () => {};
      const ended = new Promise<void>((r) => (resolve = r));
      run = { runId, scenarioId: '', requestedAt: 0, decidedAt: new Map(), batches: [], verdicts: new Map(), ended, resolve };
      this.runs.set(runId, run);
    }
    return run;
  }

  private record(e: RunEvent, at: number): void {
    const run = this.entry(e.runId);
    if (e.kind === 'observed') {
      run.clockZero = e.clockZero;
      for (const o of e.observations) {
        if (o.kind !== 'step') continue;
        // Observations are pushed in batches (coalesced); their own `t` says when they happened.
        const wall = e.clockZero + o.t;
        if (o.phase === 'started') run.firstStepStartedAt ??= wall;
        if (o.phase === 'done') run.lastStepDoneAt = Math.max(run.lastStepDoneAt ?? 0, wall);
      }
    } else if (e.kind === 'verdicts') {
      // Verdicts are emitted the moment the checker decides them: arrival is decision time.
      const decided: string[] = [];
      for (const v of e.verdicts) {
        run.verdicts.set(v.expectationId, v);
        if (v.state !== 'pending' && !run.decidedAt.has(v.expectationId)) {
          run.decidedAt.set(v.expectationId, at);
          decided.push(v.expectationId);
        }
      }
      run.batches.push({ at, decided });
    } else {
      run.endedAt = at;
      run.status = e.status;
      if (e.error) run.error = e.error;
      run.resolve();
    }
  }
}
