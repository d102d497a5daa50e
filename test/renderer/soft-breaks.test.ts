// SPDX-License-Identifier: Apache-2.0
import { describe, expect, it } from 'vitest';
import { softBreaks } from '../../src-renderer/src/lib/soft-breaks';

describe('softBreaks', () => {
  it.each([
    ['ContainerCreating', ['Container', 'Creating']],
    ['Init:CrashLoopBackOff', ['Init:', 'Crash', 'Loop', 'Back', 'Off']],
    ['OOMKilled', ['OOMKilled']],
    ['waiting: ErrImagePull', ['waiting:', ' Err', 'Image', 'Pull']],
    ['Init:0/2', ['Init:', '0/', '2']],
    ['Running', ['Running']],
    ['', ['']],
  ])('%s', (text, parts) => {
    expect(softBreaks(text)).toEqual(parts);
    expect(softBreaks(text).join('')).toBe(text);
  });
});
