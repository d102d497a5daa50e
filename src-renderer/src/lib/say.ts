// SPDX-License-Identifier: Apache-2.0
// Text in the learner's language, for the pure modules that build what the screen shows.
import type { Lang } from './lang';

/** Picks the English or the Chinese wording. */
export type Say = (en: string, zh: string) => string;

export function sayIn(lang: Lang): Say {
  return (en, zh) => (lang === 'zh' ? zh : en);
}
