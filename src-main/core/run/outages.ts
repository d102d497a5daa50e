// SPDX-License-Identifier: Apache-2.0
// When the observer could not see the cluster (a watch offline: an API server restart, a network
// hiccup). A failure that falls in such a gap says nothing about the kubelet.
import type { Observation } from '@contract/observation';
import type { Verdict } from '@contract/verdict';

export interface Outage {
  from: number;
  to: number;
}

export class OutageLog {
  private readonly offlineSince = new Map<string, number>();
  private readonly outages: Outage[] = [];

  record(o: Observation): void {
    if (o.kind !== 'watch') return;
    if (o.state === 'offline') {
      if (!this.offlineSince.has(o.resource)) this.offlineSince.set(o.resource, o.t);
    } else {
      const since = this.offlineSince.get(o.resource);
      if (since !== undefined) this.outages.push({ from: since, to: o.t });
      this.offlineSince.delete(o.resource);
    }
  }

  /** Every gap, those still open ending at `end`. */
  all(end: number): Outage[] {
    return [...this.outages, ...[...this.offlineSince.values()].map((from) => ({ from, to: end }))];
  }

  /** A failed verdict whose window or decision touches a gap cannot be trusted. */
  blinded(v: Verdict, end: number): Outage | undefined {
    if (v.state !== 'fail') return undefined;
    const lo = v.window?.lo ?? v.decidedAt ?? 0;
    const hi = Math.max(v.window?.hi ?? 0, v.decidedAt ?? 0);
    return this.all(end).find((g) => g.from <= hi && g.to >= lo);
  }
}
