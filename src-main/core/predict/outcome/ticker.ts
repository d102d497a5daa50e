// SPDX-License-Identifier: Apache-2.0
// When a prober worker calls doProbe: pkg/kubelet/prober/worker.go `run` — once at creation, then on
// a time.Ticker of periodSeconds whose phase is set by the worker's creation (before the container
// starts), not by the container. A Go ticker's channel holds one tick: a probe that outlasts the
// period runs the buffered tick as soon as it returns, and drops the ticks after it.

export interface Attempt {
  /** when doProbe runs, in seconds from the container's start */
  at: number;
}

/**
 * The doProbe calls at or after `from` and before `until`, for a worker created at `created`
 * (≤ 0: before the container started). `busyFor(t)` is how long the call at t takes (0 when it
 * skips: initial delay not passed, not started yet, on hold).
 */
export function* doProbeCalls(created: number, period: number, from: number, until: number, busyFor: (t: number) => number): Generator<Attempt> {
  let tick = Math.max(0, Math.ceil((from - created) / period - 1e-9));
  let at = created + tick * period;
  while (at < until) {
    yield { at };
    const end = at + busyFor(at);
    const lastFired = Math.floor((end - created) / period + 1e-9);
    if (lastFired > tick) {
      // a tick fired while the probe ran: it waited in the channel and runs now; the rest were dropped
      tick = lastFired;
      at = end;
    } else {
      tick += 1;
      at = created + tick * period;
    }
  }
}
