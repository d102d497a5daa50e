// SPDX-License-Identifier: Apache-2.0
// Observation batches on their way to the screen. A batch after a quiet frame is applied at once
// (Svelte updates the DOM in a microtask, and the next paint shows it); only batches that follow
// within a frame wait for the next animation frame and go together, so however often the bridge
// delivers, the page rebuilds its lists at most about twice a frame. Waiting for a frame every
// time cost 10–30 ms per batch in a loaded Chromium (`npm run bench:ui`, "page → DOM").
// No DOM types: the frame scheduler is handed in (requestAnimationFrame in the page).

/** About one frame at 60 Hz. */
export const FRAME_MS = 16;

export class FrameBatch<T> {
  private queued: T[] = [];
  private framePending = false;
  private lastAppliedAt = -Infinity;

  constructor(
    private readonly apply: (items: T[]) => void,
    private readonly requestFrame: (cb: () => void) => void,
    private readonly now: () => number,
  ) {}

  add(items: readonly T[]): void {
    this.queued.push(...items);
    if (this.framePending) return;
    if (this.now() - this.lastAppliedAt >= FRAME_MS) return this.applyQueued();
    this.framePending = true;
    this.requestFrame(() => {
      this.framePending = false;
      this.applyQueued();
    });
  }

  /** Drops what is queued (the page moved to another run). */
  clear(): void {
    this.queued = [];
  }

  private applyQueued(): void {
    if (!this.queued.length) return;
    this.lastAppliedAt = this.now();
    this.apply(this.queued.splice(0));
  }
}
