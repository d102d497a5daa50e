// SPDX-License-Identifier: Apache-2.0
// How long `podlab --help` and `podlab scenarios list` take from a cold process, and their peak
// memory (issue #11's goal: ≤ 0.3 s and ≤ 80 MB). Each command runs 5 times under GNU time; the
// median is printed. `npm run bench:cli`
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const RUNS = 5;
const COMMANDS = [['--help'], ['scenarios', 'list'], ['scenarios', 'validate']];

function measure(args: string[]): { seconds: number; rssMb: number } {
  const dir = mkdtempSync(join(tmpdir(), 'podlab-bench-cli-'));
  const report = join(dir, 'time');
  try {
    execFileSync('/usr/bin/time', ['-f', '%e %M', '-o', report, 'node', 'bin/podlab.js', ...args], { stdio: 'ignore', env: { ...process.env, APP_DATA_DIR: join(dir, 'data') } });
    const [seconds, kb] = readFileSync(report, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
    return { seconds: seconds!, rssMb: Math.round(kb! / 1024) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

for (const args of COMMANDS) {
  const runs = Array.from({ length: RUNS }, () => measure(args));
  console.log(`podlab ${args.join(' ')}: ${median(runs.map((r) => r.seconds)).toFixed(2)} s, ${median(runs.map((r) => r.rssMb))} MB peak RSS (median of ${RUNS})`);
}
