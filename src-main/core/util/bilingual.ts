// SPDX-License-Identifier: Apache-2.0
// Text the engine says to a learner, in both languages the lab speaks. The engine builds both at
// once (a verdict is stored, then shown in whichever language the learner reads it in); the CLI
// prints the English.
import type { I18nText } from '@contract/scenario';

export type Lang = keyof I18nText;

/** One message in both languages, built by one function of the language. */
export function bilingual(say: (l: Lang) => string): I18nText {
  return { en: say('en'), zh: tidyChinese(say('zh')) };
}

/** spaces between two of: CJK punctuation, CJK ideographs, full-width forms */
const SPACE_BETWEEN_CJK = /([\u3000-\u303f\u4e00-\u9fff\uff01-\uff60])\s+(?=[\u3000-\u303f\u4e00-\u9fff\uff01-\uff60])/g;

/**
 * Chinese puts a space between a Chinese character and a Latin word or number (`Pod web 已消失`),
 * never between two Chinese characters or next to full-width punctuation: messages assembled from
 * parts (`… ${what} 已有 …` with a Chinese `what`) are tidied once here, so templates can space freely.
 */
export function tidyChinese(s: string): string {
  return s.replace(SPACE_BETWEEN_CJK, '$1').trim();
}

/**
 * A description that mixes Chinese into a sentence (`Pod 已消失`, `app 就绪`) is set off in corner
 * brackets, so the sentence around it stays readable: 「Pod 已消失」从 0.0 秒到 5.0 秒一直成立.
 */
export function quoteChinese(zh: string): string {
  return /[\u4e00-\u9fff]/.test(zh) ? `「${zh}」` : zh;
}

/** The phrase for `l`: the engine's `t(en, zh)`. */
export function pick(l: Lang, en: string, zh: string): string {
  return l === 'zh' ? zh : en;
}
