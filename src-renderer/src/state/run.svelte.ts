// SPDX-License-Identifier: Apache-2.0
// The run on screen: every observation (for the timeline) and the verdicts, updated as batches arrive
// (frame-batch.ts: at once after a quiet frame, else with the next frame), and a run clock that
// advances between observations (a 40 s preStop is a countdown, not a frozen screen).
import type { ExpectationView, RunDetail, RunStatus } from '@contract/dto';
import type { Observation, PodSnapshot } from '@contract/observation';
import type { Verdict } from '@contract/verdict';
import { app } from '../lib/app';
import { connection } from './connection.svelte';
import { FrameBatch } from './frame-batch';

/** How often the run clock advances on screen. */
const CLOCK_TICK_MS = 100;

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
  /** the expectations that judge this run, where they are not the lesson's own (a variation's) */
  expectations = $state.raw<ExpectationView[] | undefined>(undefined);
  lastT = $state(0);
  /**
   * The run clock (ms of run time), advancing every 100 ms while the run is live and the engine in
   * reach; between observations it is estimated from when they arrived.
   */
  clock = $state(0);
  /** the epoch ms run time counts from, as the engine sends it with each batch (AGE is printed from it) */
  clockZero = $state<number | undefined>(undefined);
  /** run time minus performance.now(), the largest seen: an observation arrives after it happened, never before */
  private offset: number | undefined;
  /** the run clockZero belongs to: a reload of the same run (after a reconnect) keeps it */
  private clockZeroOf: string | undefined;
  private ticker: ReturnType<typeof setInterval> | undefined;
  private readonly batches = new FrameBatch<Observation>(
    (list) => this.take(list),
    (cb) => requestAnimationFrame(cb),
    () => performance.now(),
  );

  reset(runId: string | undefined, status: RunStatus | undefined = runId ? 'running' : undefined, expectations?: ExpectationView[]): void {
    this.batches.clear();
    this.runId = runId;
    this.status = status;
    this.error = undefined;
    this.observations = [];
    this.timelineObservations = [];
    this.pods = {};
    this.verdicts = {};
    this.expectations = expectations;
    this.lastT = 0;
    this.clock = 0;
    if (runId !== this.clockZeroOf) this.clockZero = undefined;
    this.offset = undefined;
    this.tick(this.status === 'running');
  }

  /** What the page may say of the run: never "running" while the engine is out of reach. */
  get shownStatus(): RunStatus | 'disconnected' | undefined {
    return this.status === 'running' && !connection.live ? 'disconnected' : this.status;
  }

  private tick(on: boolean): void {
    if (!on) {
      clearInterval(this.ticker);
      this.ticker = undefined;
      this.clock = this.lastT;
      return;
    }
    this.ticker ??= setInterval(() => {
      if (this.offset === undefined || !connection.live) return;
      this.clock = Math.max(this.lastT, performance.now() + this.offset);
    }, CLOCK_TICK_MS);
  }

  private ended(status: RunStatus, error: string | undefined): void {
    this.status = status;
    this.error = error;
    this.tick(false);
  }

  /** Back in reach after a loss: the run as the engine recorded it (it may have ended, or been interrupted). */
  private async catchUp(): Promise<void> {
    const runId = this.runId;
    if (!runId || this.status !== 'running') return;
    const detail = await app().getRun({ runId }).catch(() => undefined);
    if (!detail || runId !== this.runId) return;
    const live = detail.status === 'running';
    this.load(detail);
    if (live) this.tick(true);
  }

  /** A finished run from history, shown the same way as a live one. */
  load({ id: runId, status, observations, verdicts, error, expectations }: Pick<RunDetail, 'id' | 'status' | 'observations' | 'verdicts' | 'error' | 'expectations'>): void {
    this.reset(runId, status, expectations);
    this.error = error;
    this.take(observations);
    this.verdicts = Object.fromEntries(verdicts.map((v) => [v.expectationId, v]));
    if (status !== 'running') this.tick(false);
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
    this.clock = Math.max(this.clock, lastT);
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
        this.clockZero = p.clockZero;
        this.clockZeroOf = p.runId;
        const arrivedAt = performance.now();
        for (const o of p.observations) this.offset = Math.max(this.offset ?? -Infinity, o.t - arrivedAt);
        this.batches.add(p.observations);
      }),
      app().on('run:verdicts-changed', (p) => {
        if (p.runId !== this.runId) return;
        const next = { ...this.verdicts };
        for (const v of p.verdicts) next[v.expectationId] = v;
        this.verdicts = next;
      }),
      app().on('run:ended', (p) => {
        if (p.runId !== this.runId) return;
        this.ended(p.status, p.error);
      }),
      connection.whenReconnected(() => void this.catchUp()),
      // Seconds after the end: the namespace controller has said what holds the run's namespace.
      app().on('run:namespace-stuck', (p) => {
        if (p.runId !== this.runId) return;
        this.error = [this.error, p.problem].filter(Boolean).join('; ');
      }),
    ];
    return () => {
      offs.forEach((off) => off());
      this.tick(false);
    };
  }
}

export const run = new RunState();
