// SPDX-License-Identifier: Apache-2.0
// A `podlab run` told to stop by SIGTERM, or whose reader went away (`| head -1`), ends its run
// like Ctrl-C: the run is aborted in the database and its namespace deleted, nothing left Active.
// And a namespace a finalizer holds in Terminating makes the run say so.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { loadScenarioDir } from '../../src-main/core/scenarios/loader';
import { runScenario } from '../../src-main/core/run/run-scenario';
import { namespaceGoneOrGoing, testKube, testKubeconfig, until } from './cluster';

const { rest } = testKube();
const LESSON = 'restart-never-success';
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** `podlab run LESSON` in its own data folder; resolves with the run's namespace once it exists. */
function startRun(): { child: ChildProcess; dataDir: string; namespace: Promise<string>; exited: Promise<number | null>; stderr: () => string } {
  const dataDir = mkdtempSync(join(tmpdir(), 'podlab-death-'));
  dirs.push(dataDir);
  const child = spawn('node', ['bin/podlab.js', 'run', LESSON, '--kubeconfig', testKubeconfig(), '--data', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const namespace = until('the run namespace', 60_000, () => lastRun(dataDir)?.namespace);
  return { child, dataDir, namespace, exited, stderr: () => err };
}

/** The run podlab recorded, read without opening a Store (which would migrate a database the child is creating). */
function lastRun(dataDir: string): { namespace: string; status: string } | undefined {
  let db: Database.Database | undefined;
  try {
    db = new Database(join(dataDir, 'podlab.db'), { readonly: true, fileMustExist: true });
    return db.prepare('SELECT namespace, status FROM runs WHERE scenario_id = ? ORDER BY started_at DESC LIMIT 1').get(LESSON) as { namespace: string; status: string } | undefined;
  } catch {
    return undefined; // not created yet, or not migrated yet
  } finally {
    db?.close();
  }
}
const runStatus = (dataDir: string) => lastRun(dataDir)?.status;

describe('a podlab run that is told to stop', () => {
  it('by SIGTERM: aborted, its namespace deleted, then the process exits', async () => {
    const run = startRun();
    const ns = await run.namespace;
    await until('the first observation on stdout', 60_000, () => (run.child.stdout!.readableLength > 0 || undefined));
    run.child.kill('SIGTERM');
    const code = await run.exited;
    expect(code).toBe(1);
    expect(run.stderr()).toMatch(/SIGTERM: stopping run .* and deleting its namespace/);
    expect(await namespaceGoneOrGoing(ns)).toBe(true);
    expect(runStatus(run.dataDir)).toBe('aborted');
  }, 120_000);

  it('by its reader going away (EPIPE): the same, no unhandled error', async () => {
    const run = startRun();
    const ns = await run.namespace;
    // read one line, then close the pipe, as `| head -1` does
    await new Promise<void>((resolve) => run.child.stdout!.once('data', () => resolve()));
    run.child.stdout!.destroy();
    const code = await run.exited;
    expect(run.stderr()).not.toMatch(/EPIPE|Unhandled|at .*:\d+:\d+/);
    expect(code).toBe(1);
    expect(await namespaceGoneOrGoing(ns)).toBe(true);
    expect(runStatus(run.dataDir)).toBe('aborted');
  }, 180_000);
});

describe('a namespace a finalizer holds', () => {
  it('ends the run as the deletion is accepted, then says the namespace is stuck deleting, and which finalizer', async () => {
    const { scenario } = await loadScenarioDir(new URL(`../../scenarios/${LESSON}`, import.meta.url).pathname);
    const held = `${scenario!.manifests['pod.yaml']}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: held\n  finalizers: [podlab.dev/test-never-cleared]\n`;
    let namespace = '';
    const result = await runScenario({ scenario: { ...scenario!, manifests: { 'pod.yaml': held } }, kube: rest, hooks: { onCreated: (r) => (namespace = r.namespace) } });
    try {
      expect(result.error ?? '').not.toMatch(/stuck deleting/);
      expect(await result.namespaceDeletion).toMatch(new RegExp(`namespace ${namespace} is stuck deleting: .*podlab\\.dev/test-never-cleared`));
    } finally {
      await rest.request('PATCH', `/api/v1/namespaces/${namespace}/configmaps/held`, { body: { metadata: { finalizers: null } }, contentType: 'application/merge-patch+json' }).catch(() => {});
    }
    await until(`${namespace} gone once the finalizer is cleared`, 60_000, async () => ((await namespaceGoneOrGoing(namespace)) ? true : undefined));
  }, 180_000);
});
