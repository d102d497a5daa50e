// SPDX-License-Identifier: Apache-2.0
// Run times as verdict details print them: seconds with one decimal.

import type { I18nText } from '@contract/scenario';
import { pick, type Lang } from '../util/bilingual';

/** 12400 → "12.4 s" ("12.4 秒"); an open end prints as "the end of the run". */
export function secs(ms: number, l: Lang = 'en'): string {
  if (!Number.isFinite(ms)) return pick(l, 'the end of the run', '运行结束');
  const n = (ms / 1000).toFixed(1);
  return pick(l, `${n} s`, `${n} 秒`);
}

/** [20000, 27000] → "[20.0, 27.0] s". */
export function span(lo: number, hi: number, l: Lang = 'en'): string {
  const n = (ms: number): string => (Number.isFinite(ms) ? (ms / 1000).toFixed(1) : pick(l, 'end', '结束'));
  return `[${n(lo)}, ${n(hi)}] ${pick(l, 's', '秒')}`;
}

/** A predicted window's reasoning, in parentheses after the evidence; nothing for a plain window. */
export function explained(w: { explain?: I18nText }, l: Lang = 'en'): string {
  return w.explain ? pick(l, ` (${w.explain.en})`, `（${w.explain.zh}）`) : '';
}
