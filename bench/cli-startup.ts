// SPDX-License-Identifier: Apache-2.0
// How long `podlab --help`, `podlab scenarios list` and `podlab scenarios validate` take from a cold
// process, and their peak memory (issue #11's goal: --help and list ≤ 0.3 s and ≤ 80 MB), for the
// built CLI (out/cli/, as bin/podlab.js chooses it: the staleness check included) and, to compare,
// the sources through tsx. Each command runs 5 times under GNU time in one data folder; the median
// is printed. list remembers valid lessons in the data folder, so its first (cold) run is printed too.
// `npm run bench:cli` (builds the CLI first).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILT_FROM, chooseCliBuild } from '../bin/cli-build.js';

const RUNS = 5;
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const COMMANDS = [['--help'], ['scenarios', 'list'], ['scenarios', 'validate']];
// '' is APP_CLI_FROM unset: bin/podlab.js chooses (and must choose the bundle just built).
const BUILDS: Array<{ name: string; env: Record<string, string> }> = [
  { name: 'built', env: { APP_CLI_FROM: '' } },
  { name: 'tsx', env: { APP_CLI_FROM: 'sources' } },
];

interface Run {
  seconds: number;
  rssMb: number;
}

function measure(args: string[], env: Record<string, string>, dataDir: string): Run {
  const report = join(dataDir, 'time');
  execFileSync('/usr/bin/time', ['-f', '%e %M', '-o', report, 'node', 'bin/podlab.js', ...args], { cwd: ROOT, stdio: 'ignore', env: { ...process.env, ...env, APP_DATA_DIR: dataDir } });
  const [seconds, kb] = readFileSync(report, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
  return { seconds: seconds!, rssMb: Math.round(kb! / 1024) };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const figure = (runs: Run[]) => `${median(runs.map((r) => r.seconds)).toFixed(2)} s, ${median(runs.map((r) => r.rssMb))} MB peak RSS`;

execFileSync('npx', ['tsx', 'scripts/build-cli.ts'], { cwd: ROOT, stdio: 'inherit' });
const choice = chooseCliBuild(ROOT, undefined);
if (choice.from !== 'bundle') throw new Error(`bin/podlab.js would not run the bundle just built: ${choice.why}`);
const checks = 50;
const started = performance.now();
for (let i = 0; i < checks; i++) chooseCliBuild(ROOT, undefined);
console.log(`staleness check (${BUILT_FROM.join(', ')} against out/cli/main.js): ${((performance.now() - started) / checks).toFixed(1)} ms`);

for (const build of BUILDS) {
  for (const args of COMMANDS) {
    const dataDir = mkdtempSync(join(tmpdir(), 'podlab-bench-cli-'));
    try {
      const [first, ...rest] = Array.from({ length: RUNS + 1 }, () => measure(args, build.env, dataDir));
      const cold = args[1] === 'list' ? `; first run, nothing remembered: ${figure([first!])}` : '';
      console.log(`${build.name.padEnd(5)} podlab ${args.join(' ')}: ${figure(rest)} (median of ${RUNS}${cold})`);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
}
