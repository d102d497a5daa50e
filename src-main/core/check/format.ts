// SPDX-License-Identifier: Apache-2.0
// Run times as verdict details print them: seconds with one decimal.

/** 12400 → "12.4 s"; an open end prints as "the end of the run". */
export function secs(ms: number): string {
  return Number.isFinite(ms) ? `${(ms / 1000).toFixed(1)} s` : 'the end of the run';
}

/** [20000, 27000] → "[20.0, 27.0] s". */
export function span(lo: number, hi: number): string {
  const n = (ms: number): string => (Number.isFinite(ms) ? (ms / 1000).toFixed(1) : 'end');
  return `[${n(lo)}, ${n(hi)}] s`;
}

/** A predicted window's reasoning, in parentheses after the evidence; nothing for a plain window. */
export function explained(w: { explain?: string }): string {
  return w.explain ? ` (${w.explain})` : '';
}
