// SPDX-License-Identifier: Apache-2.0
// The failure both providers keep for the Cluster panel: what each kind of error leaves there, and that
// a later success clears it. The existing-cluster provider's one failing operation goes through it too.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ExistingClusterProvider } from '../../../src-main/core/cluster/existing-provider';
import { LastFailure } from '../../../src-main/core/cluster/last-failure';
import { AppError } from '../../../src-main/core/util/errors';
import { ExecError } from '../../../src-main/core/util/exec';

describe('LastFailure', () => {
  it.each([
    ['a plain error: its message', new Error('API server not reachable'), { message: 'API server not reachable' }],
    ['a failed command: its argv and output', new ExecError(['kind', 'get', 'clusters'], 1, 'permission denied'), { argv: ['kind', 'get', 'clusters'], output: 'permission denied' }],
    [
      'an AppError naming the command, and where the logs went',
      new AppError('CLUSTER_CREATE_FAILED', 'kind could not create the cluster podlab', { details: { argv: ['kind', 'create'], output: 'kubeadm failed', logsDir: '/data/kind/logs/x' } }),
      { message: 'kind could not create the cluster podlab', argv: ['kind', 'create'], output: 'kubeadm failed', logsDir: '/data/kind/logs/x' },
    ],
  ])('keeps %s, and rethrows the error', async (_name, error, kept) => {
    const failures = new LastFailure();
    await expect(failures.track(() => Promise.reject(error))).rejects.toBe(error);
    expect(failures.get()).toMatchObject(kept);
    expect(Date.parse(failures.get()!.at)).not.toBeNaN();
  });

  it('is cleared by the next operation that succeeds, whose result it passes on', async () => {
    const failures = new LastFailure();
    await failures.track(() => Promise.reject(new Error('down'))).catch(() => {});
    await expect(failures.track(async () => 42)).resolves.toBe(42);
    expect(failures.get()).toBeUndefined();
  });
});

describe('the existing-cluster provider', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'podlab-existing-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps why it could not reach the cluster', async () => {
    const kubeconfig = join(dir, 'kubeconfig');
    // A server on a port nothing listens on: refused at once, no wait.
    writeFileSync(
      kubeconfig,
      `apiVersion: v1
kind: Config
clusters: [{ name: c, cluster: { server: 'https://127.0.0.1:1' } }]
users: [{ name: u, user: { token: t } }]
contexts: [{ name: x, context: { cluster: c, user: u } }]
current-context: x
`,
    );
    const provider = new ExistingClusterProvider(kubeconfig);
    expect(provider.lastFailure()).toBeUndefined();
    await expect(provider.ensure()).rejects.toThrow(/API server not reachable/);
    expect(provider.lastFailure()?.message).toMatch(/^API server not reachable/);
  });
});
