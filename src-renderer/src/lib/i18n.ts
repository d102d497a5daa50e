// SPDX-License-Identifier: Apache-2.0
// The two languages of the lab; the default follows the OS/browser locale.
import type { I18nText } from '@contract/scenario';

import type { Lang } from './lang';

export type { Lang };

export function defaultLang(): Lang {
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

export function pick(text: I18nText, lang: Lang): string {
  return text[lang];
}
