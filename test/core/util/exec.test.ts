// SPDX-License-Identifier: Apache-2.0
// The real Runner on real processes: output, exit codes, and a failure that keeps argv and output.
import { describe, expect, it } from 'vitest';
import { ExecaRunner, runChecked } from '../../../src-main/core/util/exec';

const runner = new ExecaRunner();

describe('ExecaRunner', () => {
  it('returns output and exit code without throwing for a non-zero exit', async () => {
    const r = await runner.run('sh', ['-c', 'echo out; echo err >&2; exit 3']);
    expect(r).toEqual({ stdout: 'out', stderr: 'err', exitCode: 3 });
  });

  it('streams lines as they come', async () => {
    const lines: string[] = [];
    await runner.run('sh', ['-c', 'echo one; echo two'], { onLine: (l) => lines.push(l) });
    expect(lines).toEqual(['one', 'two']);
  });

  it('runChecked keeps the failing command and its output', async () => {
    await expect(runChecked(runner, 'sh', ['-c', 'echo boom >&2; exit 2'])).rejects.toMatchObject({
      code: 'COMMAND_FAILED',
      argv: ['sh', '-c', 'echo boom >&2; exit 2'],
      exitCode: 2,
      output: expect.stringContaining('boom'),
    });
  });

  it('says a missing program is not found', async () => {
    await expect(runner.run('podlab-no-such-program', [])).rejects.toMatchObject({ output: expect.stringMatching(/not found/) });
  });
});
