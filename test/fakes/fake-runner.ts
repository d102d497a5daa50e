// SPDX-License-Identifier: Apache-2.0
// A Runner that records argv and answers from a script (kind's Cmder fake), for unit tests only.
import type { RunOptions, RunResult, Runner } from '../../src-main/core/util/exec';

export type Script = (argv: string[], options?: RunOptions) => RunResult | Error;

export class FakeRunner implements Runner {
  readonly calls: string[][] = [];

  constructor(private readonly script: Script) {}

  async run(command: string, args: readonly string[], options?: RunOptions): Promise<RunResult> {
    const argv = [command, ...args];
    this.calls.push(argv);
    const r = this.script(argv, options);
    if (r instanceof Error) throw r;
    return r;
  }
}

export const ok = (stdout = '', stderr = ''): RunResult => ({ stdout, stderr, exitCode: 0 });
export const fail = (exitCode: number, stderr: string): RunResult => ({ stdout: '', stderr, exitCode });
