// SPDX-License-Identifier: Apache-2.0
// Error messages for people: causes once, and plain objects (websocket errors, Status) in words.
import { describe, expect, it } from 'vitest';
import { AppError, errorMessage } from '../../../src-main/core/util/errors';

describe('errorMessage', () => {
  it.each([
    [new Error('boom'), 'boom'],
    [new AppError('X', 'outer', { cause: new Error('inner') }), 'outer: inner'],
    [new AppError('X', 'outer: inner', { cause: new Error('inner') }), 'outer: inner'],
    [{ message: 'Unexpected server response: 403' }, 'Unexpected server response: 403'],
    [{ status: 'Failure', reason: 'NotFound' }, 'NotFound'],
    [{ type: 'error', target: 'ws' }, '{"type":"error","target":"ws"}'],
    ['plain', 'plain'],
  ])('%j → %s', (e, want) => expect(errorMessage(e)).toBe(want));
});
