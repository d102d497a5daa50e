// SPDX-License-Identifier: Apache-2.0
// What the checker says about one expectation, live and at the end.

export type VerdictState = 'pending' | 'pass' | 'fail';

export interface Verdict {
  expectationId: string;
  state: VerdictState;
  /** the expected window in run time (ms since run start), once its anchor is known */
  /** `anchor`: when the window's anchor happened (the moment its offsets are measured from) */
  window?: { lo: number; hi: number; anchor?: number };
  /** when the deciding observation happened (ms since run start) */
  decidedAt?: number;
  /** evidence for a pass, or the first divergence for a fail, in plain words (English: the CLI prints it) */
  detail: string;
  /** the same in Chinese; absent in runs stored before the engine spoke Chinese (schema 51) */
  detailZh?: string;
}
