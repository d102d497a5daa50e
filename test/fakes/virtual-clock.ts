// SPDX-License-Identifier: Apache-2.0
// A Clock whose time moves only when nothing else can: whenever the event loop is idle, it jumps
// to the earliest sleeper and wakes it. A 60-second lesson runs in milliseconds, the same way
// every time; `at` puts a test's own events (the kubelet's part) on the same timeline.
import type { Clock } from '../../src-main/core/util/time';

interface Timer {
  at: number;
  seq: number;
  fire(): void;
}

export class VirtualClock implements Clock {
  private t: number;
  private seq = 0;
  private readonly timers: Timer[] = [];
  private pumping: NodeJS.Immediate | undefined;

  constructor(readonly startedAt = Date.UTC(2026, 11, 1, 9, 0, 0)) {
    this.t = startedAt;
  }

  now(): number {
    return this.t;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer: Timer = {
        at: this.t + Math.max(0, ms),
        seq: this.seq++,
        fire: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = () => {
        this.cancel(timer);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.add(timer);
    });
  }

  /** Runs `fn` when the clock reaches `epochMs`. */
  at(epochMs: number, fn: () => void): void {
    this.add({ at: epochMs, seq: this.seq++, fire: fn });
  }

  private add(timer: Timer): void {
    this.timers.push(timer);
    this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
    this.pumping ??= setImmediate(() => this.step());
  }

  private cancel(timer: Timer): void {
    const i = this.timers.indexOf(timer);
    if (i >= 0) this.timers.splice(i, 1);
  }

  /** One timer per turn of the event loop, so every promise it wakes settles before time moves again. */
  private step(): void {
    this.pumping = undefined;
    const next = this.timers.shift();
    if (!next) return;
    this.t = Math.max(this.t, next.at);
    next.fire();
    // `??=`: a timer that fired may have added one (an `at` callback sleeping again) and so started
    // the pump already; a second pump would wake two timers per turn.
    if (this.timers.length) this.pumping ??= setImmediate(() => this.step());
  }
}
