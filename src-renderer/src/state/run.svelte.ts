// SPDX-License-Identifier: Apache-2.0
// The live run the screen shows: observations and verdicts as they arrive (replaced, not mutated deeply).
import type { RunStatus } from '@contract/dto';
import type { EventObservation, Observation, PodSnapshot } from '@contract/observation';
import type { Verdict } from '@contract/verdict';
import { app } from '../lib/app';

class RunState {
  runId = $state<string | undefined>(undefined);
  status = $state<RunStatus | undefined>(undefined);
  error = $state<string | undefined>(undefined);
  pods = $state.raw<Record<string, PodSnapshot>>({});
  events = $state.raw<EventObservation[]>([]);
  verdicts = $state.raw<Record<string, Verdict>>({});
  lastT = $state(0);

  reset(runId: string | undefined): void {
    this.runId = runId;
    this.status = runId ? 'running' : undefined;
    this.error = undefined;
    this.pods = {};
    this.events = [];
    this.verdicts = {};
    this.lastT = 0;
  }

  private take(list: Observation[]): void {
    let pods = this.pods;
    const events: EventObservation[] = [];
    for (const o of list) {
      this.lastT = Math.max(this.lastT, o.t);
      if (o.kind === 'pod') pods = { ...pods, [o.pod]: o.snapshot };
      else if (o.kind === 'event') events.push(o);
    }
    this.pods = pods;
    if (events.length) this.events = [...this.events, ...events].slice(-200);
  }

  start(): () => void {
    const offs = [
      app().on('run:observed', (p) => {
        if (p.runId === this.runId) this.take(p.observations);
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
    ];
    return () => offs.forEach((off) => off());
  }
}

export const run = new RunState();
