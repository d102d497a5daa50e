// SPDX-License-Identifier: Apache-2.0
// print-pod on a large List (125,000 pods, ~50 MB of `kubectl get pods -o json`): time and peak RSS.
// Figures, not a test: `npm run bench:print-pod` (or `npx tsx bench/print-pod-large.ts [pods]`).
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../bin/podlab.js', import.meta.url));
const NOW = '2026-03-02T10:00:00Z';

/** One pod of a varied mix: running, crash-looping with restarts, completed, pending with init containers. */
export function benchPod(i: number): Record<string, unknown> {
  const created = new Date(Date.parse(NOW) - (i % 5000) * 61_000).toISOString().replace('.000', '');
  const kind = i % 4;
  const state = kind === 1 ? { waiting: { reason: 'CrashLoopBackOff' } } : kind === 2 ? { terminated: { exitCode: 0, reason: 'Completed' } } : { running: { startedAt: created } };
  return {
    metadata: { name: `web-${i.toString(36)}-x7k2p`, namespace: 'default', uid: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, creationTimestamp: created, labels: { app: 'web' } },
    spec: { containers: [{ name: 'app', image: 'nginx:1.27' }], ...(kind === 3 ? { initContainers: [{ name: 'init', image: 'busybox:1.36' }] } : {}) },
    status: {
      phase: kind === 2 ? 'Succeeded' : kind === 3 ? 'Pending' : 'Running',
      conditions: [{ type: 'Ready', status: kind === 0 ? 'True' : 'False' }],
      ...(kind === 3 ? { initContainerStatuses: [{ name: 'init', ready: false, restartCount: 0, state: { waiting: { reason: 'PodInitializing' } } }] } : {}),
      containerStatuses: [
        {
          name: 'app',
          ready: kind === 0,
          restartCount: kind === 1 ? i % 17 : 0,
          state,
          lastState: kind === 1 ? { terminated: { exitCode: 1, reason: 'Error', finishedAt: created } } : {},
        },
      ],
    },
  };
}

/** Writes `{"apiVersion":"v1","items":[…],"kind":"List",…}` the way kubectl orders it, one pod at a time. */
export function writePodList(file: string, pods: number): void {
  const fd = openSync(file, 'w');
  try {
    writeSync(fd, '{"apiVersion":"v1","items":[');
    for (let i = 0; i < pods; i++) writeSync(fd, (i ? ',' : '') + JSON.stringify(benchPod(i)));
    writeSync(fd, '],"kind":"List","metadata":{"resourceVersion":""}}');
  } finally {
    closeSync(fd);
  }
}

interface RunFigures {
  seconds: number;
  peakRssMb: number;
  exit: number | null;
  lines: number;
  stderr: string;
}

/** Runs the CLI under /usr/bin/time -f %M (peak RSS in KiB), output to a file so the pipe costs nothing. */
function runPrintPod(file: string, args: string[]): RunFigures {
  const dir = mkdtempSync(join(tmpdir(), 'podlab-bench-out-'));
  try {
    const out = join(dir, 'out');
    const began = performance.now();
    const r = spawnSync('/bin/sh', ['-c', `/usr/bin/time -f %M node "$0" print-pod "$1" --now "$2" $3 > "$4"`, CLI, file, NOW, args.join(' '), out], { encoding: 'utf8' });
    const seconds = (performance.now() - began) / 1000;
    const stderrLines = r.stderr.trim().split('\n');
    const peakKb = Number(stderrLines.pop());
    const text = spawnSync('wc', ['-l', out], { encoding: 'utf8' }).stdout;
    return { seconds, peakRssMb: Math.round(peakKb / 1024), exit: r.status, lines: Number(text.trim().split(' ')[0]), stderr: stderrLines.join('\n') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const pods = Number(process.argv[2] ?? 125_000);
  const dir = mkdtempSync(join(tmpdir(), 'podlab-bench-pods-'));
  try {
    const file = join(dir, 'pods.json');
    writePodList(file, pods);
    const mb = (statSync(file).size / 1e6).toFixed(1);
    // The CLI's own start-up (tsx and every command's imports) is part of each figure; this shows how much.
    const one = join(dir, 'one.json');
    writePodList(one, 1);
    const base = runPrintPod(one, []);
    console.log(`print-pod (1 pod)      start-up alone: ${base.seconds.toFixed(1)} s, peak RSS ${base.peakRssMb} MB`);
    for (const args of [[], ['--json']]) {
      const r = runPrintPod(file, args);
      const label = `print-pod ${args.join(' ') || '(table)'}`.padEnd(22);
      console.log(`${label} ${pods.toLocaleString('en')} pods, ${mb} MB: ${r.seconds.toFixed(1)} s, peak RSS ${r.peakRssMb} MB, exit ${r.exit}, ${r.lines.toLocaleString('en')} lines out${r.stderr ? `\n  stderr: ${r.stderr.slice(0, 300)}` : ''}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
