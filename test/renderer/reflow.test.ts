// SPDX-License-Identifier: Apache-2.0
import { expect, it } from 'vitest';
import { reflow } from '../../src-renderer/src/lib/reflow';

it('joins hard-wrapped lines into paragraphs, without a space between Chinese characters', () => {
  expect(reflow('The kubelet starts the\nprobe worker.\n\nThen it waits.\n')).toBe('The kubelet starts the probe worker.\n\nThen it waits.');
  expect(reflow('容器启动之后，kubelet 创建\n启动探针的 worker，\n而不是 `started: true`\nfailureThreshold\n为 2。')).toBe('容器启动之后，kubelet 创建启动探针的 worker，而不是 `started: true` failureThreshold 为 2。');
  expect(reflow('  one\n   \n\n two  ')).toBe('one\n\ntwo');
});
