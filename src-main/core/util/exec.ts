// SPDX-License-Identifier: Apache-2.0
// Runner: the one door to child processes (kind, docker). Fakes implement it in tests.
import { execa } from 'execa';
import { AppError } from './errors';

export interface RunOptions {
  input?: string;
  timeoutMs?: number;
  env?: Record<string, string>;
  /** called with each line of stdout/stderr as it arrives (progress) */
  onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
}

export interface RunResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export interface Runner {
  run(command: string, args: readonly string[], options?: RunOptions): Promise<RunResult>;
}

/** A failed command with its argv and the tail of its output, shown to the user as is. */
export class ExecError extends AppError {
  readonly argv: string[];
  readonly exitCode: number | undefined;
  readonly output: string;

  constructor(argv: string[], exitCode: number | undefined, output: string, cause?: unknown) {
    const tail = output.split('\n').slice(-50).join('\n');
    super('COMMAND_FAILED', `command failed (${exitCode ?? 'no exit code'}): ${argv.join(' ')}`, {
      cause,
      details: { argv, exitCode, output: tail },
    });
    this.name = 'ExecError';
    this.argv = argv;
    this.exitCode = exitCode;
    this.output = tail;
  }
}

export class ExecaRunner implements Runner {
  async run(command: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
    const child = execa(command, args, {
      reject: false,
      all: true,
      ...(options.input !== undefined ? { input: options.input } : {}),
      ...(options.timeoutMs ? { timeout: options.timeoutMs } : {}),
      ...(options.env ? { env: options.env } : {}),
    });
    if (options.onLine) {
      const split = (stream: 'stdout' | 'stderr') => {
        let rest = '';
        child[stream]?.on('data', (chunk: Buffer) => {
          const lines = (rest + chunk.toString()).split('\n');
          rest = lines.pop() ?? '';
          for (const l of lines) options.onLine?.(l, stream);
        });
      };
      split('stdout');
      split('stderr');
    }
    const r = await child;
    if (r.failed && r.exitCode === undefined) {
      const why = r.timedOut ? 'timed out' : r.code === 'ENOENT' ? 'not found' : (r.shortMessage ?? 'failed to start');
      throw new ExecError([command, ...args], undefined, `${command}: ${why}\n${String(r.all ?? '')}`, r);
    }
    return { stdout: String(r.stdout ?? ''), stderr: String(r.stderr ?? ''), exitCode: r.exitCode ?? 0 };
  }
}

/** Runs and insists on exit 0, keeping the failing command and its output. */
export async function runChecked(runner: Runner, command: string, args: readonly string[], options?: RunOptions): Promise<RunResult> {
  const r = await runner.run(command, args, options);
  if (r.exitCode !== 0) throw new ExecError([command, ...args], r.exitCode, [r.stdout, r.stderr].filter(Boolean).join('\n'));
  return r;
}
