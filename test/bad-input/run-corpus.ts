// SPDX-License-Identifier: Apache-2.0
// Runs every bad-input case in this process, one after another, and prints one JSON line per case:
// the exit code and error text podlab gave, how long it took and the process's peak memory so far.
// The peak (getrusage's maxrss) only grows, so a figure under the limit bounds every case before it.
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BadInputCase, CaseFile } from './case';
import { main } from '../../src-main/cli/main';
import { dispatch } from '../../src-main/core/api-dispatch';
import { Engine } from '../../src-main/core/engine';
import { noopLogger } from '../../src-main/core/util/log';

export interface CaseResult {
  name: string;
  exit: number | null;
  code?: string;
  error: string;
  ms: number;
  maxRssMb: number;
  hung: boolean;
}

const HERE = dirname(fileURLToPath(import.meta.url));
const APP_SCENARIOS = join(HERE, '..', '..', 'scenarios');
export const CASE_TIMEOUT_MS = 5_000;

export async function loadCases(): Promise<BadInputCase[]> {
  const dir = join(HERE, 'cases');
  const files = (await readdir(dir)).filter((f) => f.endsWith('.ts')).sort();
  const all: BadInputCase[] = [];
  for (const f of files) {
    const mod = (await import(join(dir, f))) as { cases: BadInputCase[] };
    all.push(...mod.cases.map((c) => ({ ...c, name: `${f.replace(/\.ts$/, '')}: ${c.name}` })));
  }
  return all;
}

async function writeCaseFile(path: string, spec: CaseFile): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  if (typeof spec === 'string') return writeFile(path, spec);
  if ('dir' in spec) return void (await mkdir(path, { recursive: true }));
  if ('symlink' in spec) return symlink(spec.symlink, path);
  if ('fifo' in spec) return void execFileSync('mkfifo', [path]);
  const bytes = typeof spec.bytes === 'string' ? Buffer.from(spec.bytes, spec.encoding ?? 'utf8') : Buffer.from(spec.bytes);
  return writeFile(path, bytes);
}

const fill = (s: string, dir: string) => s.replaceAll('{dir}', dir);

async function runCli(c: BadInputCase, dir: string): Promise<Pick<CaseResult, 'exit' | 'error'>> {
  const err: string[] = [];
  const io = { out: () => {}, err: (l: string) => void err.push(l), readStdin: async () => c.stdin ?? '' };
  const exit = await main(c.cli!.map((a) => fill(a, dir)), io);
  return { exit, error: err.join('\n') };
}

/** One engine on the app's lessons for every API case that brings none (creating one loads 30 lessons into SQLite). */
let sharedEngine: Engine | undefined;
async function appEngine(): Promise<Engine> {
  sharedEngine ??= await Engine.create({ dataDir: await mkdtemp(join(tmpdir(), 'podlab-bad-input-engine-')), scenariosDir: APP_SCENARIOS, log: noopLogger });
  return sharedEngine;
}

async function runApi(c: BadInputCase, dir: string): Promise<Pick<CaseResult, 'exit' | 'error' | 'code'>> {
  const own = c.files && Object.keys(c.files).some((p) => p.startsWith('scenarios/'));
  const engine = own ? await Engine.create({ dataDir: join(dir, '.data'), scenariosDir: join(dir, 'scenarios'), log: noopLogger }) : await appEngine();
  try {
    const args = JSON.parse(fill(JSON.stringify(c.api!.args), dir)) as unknown[];
    const r = await dispatch(engine, c.api!.method, args, noopLogger);
    if (!r.ok) return { exit: 1, code: r.error.code, error: r.error.message };
    // previewScenario answers with its problems instead of refusing: they are its error here
    const problems = (r.value as { problems?: unknown } | null)?.problems;
    if (Array.isArray(problems) && problems.length) return { exit: 1, code: 'PREVIEW_PROBLEMS', error: problems.join('\n') };
    return { exit: 0, error: '' };
  } finally {
    if (own) await engine.close();
  }
}

async function runCase(c: BadInputCase): Promise<CaseResult> {
  const dir = await mkdtemp(join(tmpdir(), 'podlab-bad-input-'));
  process.env.APP_DATA_DIR = join(dir, '.data');
  // garbage of earlier cases would count against this one (the peak below is the process's)
  (globalThis as { gc?: () => void }).gc?.();
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    for (const [p, spec] of Object.entries(c.files ?? {})) await writeCaseFile(join(dir, p), spec);
    const work = (c.api ? runApi(c, dir) : runCli(c, dir)).catch((e: unknown) => ({ exit: null, error: `uncaught: ${(e as Error)?.stack ?? String(e)}` }));
    const hang = new Promise<'hung'>((resolve) => (timer = setTimeout(() => resolve('hung'), CASE_TIMEOUT_MS)));
    const r = await Promise.race([work, hang]);
    const ms = Math.round(performance.now() - started);
    const maxRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
    if (r === 'hung') return { name: c.name, exit: null, error: '', ms, maxRssMb, hung: true };
    return { name: c.name, ...r, error: r.error.replaceAll(dir, '{dir}'), ms, maxRssMb, hung: false };
  } finally {
    clearTimeout(timer);
    await rm(dir, { recursive: true, force: true }).catch(() => {});
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  delete process.env.APP_KUBECONFIG;
  const only = process.argv[2];
  const cases = await loadCases();
  if (cases.some((c) => c.api)) await appEngine();
  for (const c of cases) {
    if (only && !c.name.includes(only)) continue;
    process.stdout.write(`${JSON.stringify(await runCase(c))}\n`);
  }
  await sharedEngine?.close();
  process.exit(0);
}
