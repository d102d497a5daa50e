// SPDX-License-Identifier: Apache-2.0
// The assertion the checker tests share: a verdict's detail reads in Chinese, not in English.
import type { Verdict } from '@contract/verdict';
import { expect } from 'vitest';
import { englishPhrases } from '../../i18n/english';

export function expectChinese(verdicts: Verdict[]): void {
  for (const v of verdicts) {
    expect(v.detailZh, `${v.expectationId}: no Chinese for "${v.detail}"`).toMatch(/[\u4e00-\u9fff]/);
    expect(englishPhrases(v.detailZh ?? ''), `${v.expectationId}: English in "${v.detailZh}"`).toEqual([]);
  }
}
