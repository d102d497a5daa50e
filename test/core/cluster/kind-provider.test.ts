// SPDX-License-Identifier: Apache-2.0
// The kind provider through a fake Runner: the argv it runs, preflight messages, reuse, and kept failures.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KIND_NODE_IMAGE, kindConfigYaml, parseKindVersion } from '../../../src-main/core/cluster/kind-config';
import { KindProvider } from '../../../src-main/core/cluster/kind-provider';
import { ExecError } from '../../../src-main/core/util/exec';
import { fail, FakeRunner, ok, type Script } from '../../fakes/fake-runner';

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'podlab-kind-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

const healthy: Script = (argv) => {
  const cmd = argv.join(' ');
  if (cmd.startsWith('docker version')) return ok('28.2.2\n');
  if (cmd === 'kind version') return ok('kind v0.30.0 go1.24.6 linux/amd64\n');
  if (cmd === 'kind get clusters') return ok('', 'No kind clusters found.\n');
  if (cmd.startsWith('kind create cluster')) return ok('', ' ✓ Ensuring node image\n ✓ Preparing nodes\n');
  if (cmd.startsWith('kind delete cluster')) return ok();
  return fail(127, `unexpected: ${cmd}`);
};

function provider(script: Script, portFree = true) {
  const runner = new FakeRunner(script);
  return { runner, kind: new KindProvider({ runner, dataDir, isPortFree: async () => portFree }) };
}

describe('preflight', () => {
  it('passes on a healthy machine', async () => {
    const { kind } = provider(healthy);
    const checks = await kind.preflight();
    expect(checks.map((c) => [c.id, c.ok])).toEqual([['docker', true], ['kind', true], ['port', true]]);
  });

  it.each([
    ['docker not installed', (a: string[]) => (a[0] === 'docker' ? new ExecError(a, undefined, 'docker: not found') : healthy(a)), 'docker', /not installed/, /Install Docker/],
    ['docker daemon down', (a: string[]) => (a[0] === 'docker' ? fail(1, 'Cannot connect to the Docker daemon') : healthy(a)), 'docker', /not reachable/, /Start Docker/],
    ['kind missing', (a: string[]) => (a[0] === 'kind' ? new ExecError(a, undefined, 'kind: not found') : healthy(a)), 'kind', /not installed/, /Install kind v0\.30\.0/],
    ['kind too old', (a: string[]) => (a.join(' ') === 'kind version' ? ok('kind v0.20.0 go1.20 linux/amd64') : healthy(a)), 'kind', /older than v0\.30\.0/, /Install kind/],
  ])('%s → an actionable failure', async (_name, script, id, message, fix) => {
    const { kind } = provider(script as Script);
    const check = (await kind.preflight()).find((c) => c.id === id)!;
    expect(check.ok).toBe(false);
    expect(check.message).toMatch(message);
    expect(check.fix).toMatch(fix);
  });

  it('reports the API port in use', async () => {
    const { kind } = provider(healthy, false);
    const port = (await kind.preflight()).find((c) => c.id === 'port')!;
    expect(port).toMatchObject({ ok: false, message: expect.stringMatching(/16443.*in use/) });
  });
});

describe('ensure', () => {
  it('creates the cluster from a generated config with the pinned image, into its own kubeconfig', async () => {
    const { kind, runner } = provider(healthy);
    const progress: string[] = [];
    const conn = await kind.ensure((p) => progress.push(p.step));
    const create = runner.calls.find((c) => c[1] === 'create')!;
    const configFile = create[create.indexOf('--config') + 1]!;
    expect(create).toEqual(['kind', 'create', 'cluster', '--name', 'podlab', '--config', configFile, '--kubeconfig', join(dataDir, 'kind', 'podlab.kubeconfig'), '--wait', '180s']);
    expect(readFileSync(configFile, 'utf8')).toBe(kindConfigYaml());
    expect(readFileSync(configFile, 'utf8')).toContain(`image: ${KIND_NODE_IMAGE}`);
    expect(conn).toEqual({ provider: 'kind', name: 'podlab', kubeconfigPath: join(dataDir, 'kind', 'podlab.kubeconfig'), context: 'kind-podlab' });
    expect(conn.kubeconfigPath.startsWith(dataDir)).toBe(true);
    expect(progress.at(-1)).toBe('ready');
  });

  it('reuses a running cluster: no create, the kubeconfig written from kind', async () => {
    const { kind, runner } = provider((a) => {
      const cmd = a.join(' ');
      if (cmd === 'kind get clusters') return ok('other\npodlab\n');
      if (cmd.startsWith('docker inspect')) return ok('true\n');
      if (cmd === 'kind get kubeconfig --name podlab') return ok('apiVersion: v1\nkind: Config\n');
      return healthy(a);
    });
    await kind.ensure();
    expect(runner.calls.some((c) => c[1] === 'create')).toBe(false);
    expect(readFileSync(join(dataDir, 'kind', 'podlab.kubeconfig'), 'utf8')).toBe('apiVersion: v1\nkind: Config\n');
  });

  it('starts a stopped node container before reusing it', async () => {
    const { kind, runner } = provider((a) => {
      const cmd = a.join(' ');
      if (cmd === 'kind get clusters') return ok('podlab\n');
      if (cmd.startsWith('docker inspect')) return ok('false\n');
      if (cmd === 'docker start podlab-control-plane') return ok();
      if (cmd === 'kind get kubeconfig --name podlab') return ok('k');
      return healthy(a);
    });
    await kind.ensure();
    expect(runner.calls.map((c) => c.join(' '))).toContain('docker start podlab-control-plane');
  });

  it('keeps the failing command and its output when create fails', async () => {
    const { kind } = provider((a) => (a[1] === 'create' ? fail(1, 'ERROR: failed to create cluster: node image not found') : healthy(a)));
    await expect(kind.ensure()).rejects.toThrow(/command failed \(1\): kind create cluster/);
    const failure = kind.lastFailure()!;
    expect(failure.argv?.slice(0, 3)).toEqual(['kind', 'create', 'cluster']);
    expect(failure.output).toContain('node image not found');
  });
});

describe('status and delete', () => {
  it('says absent when kind knows no such cluster', async () => {
    const { kind } = provider(healthy);
    expect((await kind.status()).state).toBe('absent');
  });

  it('deletes by name with its own kubeconfig', async () => {
    const { kind, runner } = provider(healthy);
    await kind.delete();
    expect(runner.calls.at(-1)).toEqual(['kind', 'delete', 'cluster', '--name', 'podlab', '--kubeconfig', join(dataDir, 'kind', 'podlab.kubeconfig')]);
  });
});

it.each([
  ['kind v0.30.0 go1.24.6 linux/amd64', '0.30.0'],
  ['kind version 0.31.2', '0.31.2'],
  ['nothing', undefined],
])('parseKindVersion(%j) = %j', (out, v) => expect(parseKindVersion(out)).toBe(v));
