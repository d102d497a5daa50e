// SPDX-License-Identifier: Apache-2.0
// The screen's words for the engine's states: every state and kind has both languages, and a
// verdict stored before the engine spoke Chinese still shows its English.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { conceptText, expectationTypeText, runStatusText, verdictDetail, verdictStateText } from '../../src-renderer/src/lib/words';
import { englishPhrases } from '../i18n/english';

const chinese = /[\u4e00-\u9fff]/;

describe('words', () => {
  it.each(['running', 'passed', 'failed', 'error', 'aborted', 'interrupted', 'disconnected'] as const)('run status %s', (s) => {
    expect(runStatusText(s, 'en')).toBe(s);
    expect(runStatusText(s, 'zh')).toMatch(chinese);
  });

  it.each(['becomes', 'holds', 'count', 'order', 'final'] as const)('expectation kind %s', (k) => {
    expect(expectationTypeText(k, 'zh')).toMatch(chinese);
  });

  it.each(['pass', 'fail', 'pending'] as const)('verdict state %s', (s) => {
    expect(verdictStateText(s, 'zh')).toMatch(chinese);
  });

  it("names every shipped lesson's concepts in Chinese, and an unknown one as written", () => {
    const concepts = new Set<string>();
    for (const d of readdirSync('scenarios', { withFileTypes: true })) {
      if (!d.isDirectory()) continue;
      const m = /concepts: \[([^\]]*)\]/.exec(readFileSync(`scenarios/${d.name}/scenario.yaml`, 'utf8'));
      for (const c of m?.[1]?.split(',') ?? []) concepts.add(c.trim());
    }
    expect(concepts.size).toBeGreaterThan(10);
    for (const c of concepts) expect(englishPhrases(conceptText(c, 'zh')), c).toEqual([]);
    expect(conceptText('not-a-concept', 'zh')).toBe('not-a-concept');
  });

  it('shows a verdict in the UI language, English where no Chinese was stored', () => {
    expect(verdictDetail({ expectationId: 'a', state: 'pass', detail: 'Ready=True at 1.0 s', detailZh: 'Ready=True 在 1.0 秒成立' }, 'zh')).toBe('Ready=True 在 1.0 秒成立');
    expect(verdictDetail({ expectationId: 'a', state: 'pass', detail: 'Ready=True at 1.0 s' }, 'zh')).toBe('Ready=True at 1.0 s');
  });
});
