// SPDX-License-Identifier: Apache-2.0
// Why a run ended, in Chinese: the engine's own sentences translated whole, the cluster's words
// (an API error, a verdict's English detail) kept as they are and marked so.
import { describe, expect, it } from 'vitest';
import { notJudged, outOfSight, PODLAB_SHUT_DOWN, PODLAB_STOPPED, RUN_STOPPED } from '../../src-main/contract/run-errors';
import { runErrorParts, runErrorText } from '../../src-renderer/src/lib/words';
import { englishPhrases } from '../i18n/english';

const chinese = /[\u4e00-\u9fff]/;

describe('run errors in Chinese', () => {
  it.each([RUN_STOPPED, PODLAB_SHUT_DOWN, PODLAB_STOPPED, outOfSight('3.1', '9.0', 'ready-at')])('the engine says %j: translated whole', (error) => {
    const parts = runErrorParts(error, 'zh');
    expect(parts).toHaveLength(1);
    expect(parts[0]).toMatchObject({ translated: true });
    expect(parts[0]!.text).toMatch(chinese);
    expect(englishPhrases(parts[0]!.text.replace(/`podlab serve`|"[^"]*"|“[^”]*”/g, ''))).toEqual([]);
  });

  it('keeps the figures and the expectation of a watch gap', () => {
    expect(runErrorText(outOfSight('3.1', '9.0', 'ready-at'), 'zh')).toBe('从 3.1 秒到 9.0 秒看不到集群（watch 断开），与“ready-at”重叠：请再运行一次');
  });

  it('frames a verdict it could not judge, keeping the verdict’s own words', () => {
    const parts = runErrorParts(notJudged('killed-once', 'the watch was offline; nothing seen'), 'zh');
    expect(parts).toEqual([
      { text: '“killed-once”无法判定：', translated: true },
      { text: 'the watch was offline; nothing seen', translated: false },
      { text: '；请再运行一次', translated: true },
    ]);
  });

  it('an ending and a clean-up problem, joined by the engine with "; ": each piece on its own', () => {
    const parts = runErrorParts(`${RUN_STOPPED}; namespaces "podlab-x" is forbidden`, 'zh');
    expect(parts.map((p) => p.text)).toEqual(['运行已被停止', '；', 'namespaces "podlab-x" is forbidden']);
    expect(parts.map((p) => p.translated)).toEqual([true, true, false]);
  });

  it('in English, the error as the engine wrote it', () => {
    expect(runErrorText('pods "x" not found', 'en')).toBe('pods "x" not found');
    expect(runErrorParts(RUN_STOPPED, 'en')).toEqual([{ text: RUN_STOPPED, translated: true }]);
  });
});
