// SPDX-License-Identifier: Apache-2.0
// The two languages of the lab; the default follows the OS/browser locale.
import type { Lang } from './lang';

export type { Lang };

export function defaultLang(): Lang {
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}
