// SPDX-License-Identifier: Apache-2.0
// The run on screen: every observation (for the timeline) and the verdicts, updated once per frame at most.
import type { RunStatus } from '@contract/dto';
import type { Observation, PodSnapshot } from '@contract/observation';
import type { Verdict } from '@contract/verdict';
import { app } from '../lib/app';

class RunState {
  runId = $state<string | undefined>(undefined);
  status = $state<RunStatus | undefined>(undefined);
  error = $state<string | undefined>(undefined);
  observations = $state.raw<Observation[]>([]);
  /**
   * The same list for the timeline, refreshed at most every 250 ms: rebuilding the timeline is
   * linear in the run's length (about 47 ms for 50,000 observations, `npm run bench`), so a long
   * run must not rebuild it on every frame.
   */
  timelineObservations = $state.raw<Observation[]>([]);
  private timelineTimer: ReturnType<typeof setTimeout> | undefined;
  pods = $state.raw<Record<string, PodSnapshot>>({});
  verdicts = $state.raw<Record<string, Verdict>>({});
  lastT = $state(0);
  /** when the latest batch reached the page (for the latency bench) */
  lastBatchAt = 0;
  private queued: Observation[] = [];
  private frame: number | undefined;

  reset(runId: string | undefined, status: RunStatus | undefined = runId ? 'running' : undefined): void {
    this.runId = runId;
    this.status = status;
    this.error = undefined;
    this.observations = [];
    this.timelineObservations = [];
    this.pods = {};
    this.verdicts = {};
    this.lastT = 0;
  }

  /** A finished run from history, shown the same way as a live one. */
  load(runId: string, status: RunStatus, observations: Observation[], verdicts: Verdict[], error?: string): void {
    this.reset(runId, status);
    this.error = error;
    this.take(observations);
    this.verdicts = Object.fromEntries(verdicts.map((v) => [v.expectationId, v]));
  }

  private take(list: Observation[]): void {
    let pods = this.pods;
    let lastT = this.lastT;
    for (const o of list) {
      lastT = Math.max(lastT, o.t);
      if (o.kind === 'pod') pods = { ...pods, [o.pod]: o.snapshot };
      else if (o.kind === 'pod-gone') {
        const { [o.pod]: _gone, ...rest } = pods;
        pods = rest;
      }
    }
    this.pods = pods;
    this.lastT = lastT;
    this.observations = this.observations.concat(list);
    this.timelineTimer ??= setTimeout(() => {
      this.timelineTimer = undefined;
      this.timelineObservations = this.observations;
    }, this.timelineObservations.length ? 250 : 0);
  }

  start(): () => void {
    const offs = [
      app().on('run:observed', (p) => {
        if (p.runId !== this.runId) return;
        this.queued.push(...p.observations);
        this.lastBatchAt = performance.now();
        // Coalesce bursts into one update per animation frame.
        this.frame ??= requestAnimationFrame(() => {
          this.frame = undefined;
          this.take(this.queued.splice(0));
        });
      }),
      app().on('run:verdicts-changed', (p) => {
        if (p.runId !== this.runId) return;
        const next = { ...this.verdicts };
        for (const v of p.verdicts) next[v.expectationId] = v;
        this.verdicts = next;
      }),
      app().on('run:ended', (p) => {
        if (p.runId !== this.runId) return;
        this.status = p.status;
        this.error = p.error;
      }),
      // Seconds after the end: the namespace controller has said what holds the run's namespace.
      app().on('run:namespace-stuck', (p) => {
        if (p.runId !== this.runId) return;
        this.error = [this.error, p.problem].filter(Boolean).join('; ');
      }),
    ];
    return () => offs.forEach((off) => off());
  }
}

export const run = new RunState();
