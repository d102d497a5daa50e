// SPDX-License-Identifier: Apache-2.0
// `podlab run` and `podlab verify --all` refused by the run preflight: the message, not a stack
// trace, and nothing created. The cluster is a fake API server on 127.0.0.1 that records requests.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src-main/cli/main';
import type { CliIo } from '../../src-main/cli/io';
import { fakeApi, fakeKubeconfig, type FakeApi } from '../fakes/fake-api-server';

const SCENARIOS = fileURLToPath(new URL('../../scenarios', import.meta.url));

function capture(): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l), readStdin: async () => '' };
}

let dir: string;
let api: FakeApi | undefined;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'podlab-cli-preflight-'));
});
afterEach(async () => {
  await api?.close();
  api = undefined;
  rmSync(dir, { recursive: true, force: true });
});

function kubeconfig(url: string): string {
  return fakeKubeconfig(join(dir, 'kubeconfig'), url);
}

/** A scenarios folder with only these lessons. */
function lessons(...ids: string[]): string {
  const root = join(dir, 'scenarios');
  for (const id of ids) cpSync(join(SCENARIOS, id), join(root, id), { recursive: true });
  return root;
}

describe('the run preflight in the CLI', () => {
  it('podlab run prints why a lesson cannot run here and creates nothing', async () => {
    api = await fakeApi(['docker.io/library/mysql:8.0.16', 'docker.io/library/nginx:1.27.5']);
    const io = capture();
    const code = await main(['run', 'pull-never-missing', '--kubeconfig', kubeconfig(api.url), '--data', join(dir, 'data'), '--scenarios', lessons('pull-never-missing')], io);
    expect(code).toBe(1);
    expect(io.stderr.join('\n')).toBe(
      'podlab: pull-never-missing cannot run on this cluster:\n' +
        '  - docker.io/library/mysql:8.0.16 is on the node, but this lesson is about it being absent: the kubelet would find it and the lesson would show the wrong thing. Remove it from the node: crictl rmi docker.io/library/mysql:8.0.16 (on the node).',
    );
    expect(io.stdout).toEqual([]);
    expect(api.writes).toEqual([]);
  });

  it('podlab verify --all gives each refused lesson one table row and counts it failed', async () => {
    api = await fakeApi(['docker.io/library/mysql:8.0.16']);
    const io = capture();
    const code = await main(['verify', '--all', '--kubeconfig', kubeconfig(api.url), '--data', join(dir, 'data'), '--scenarios', lessons('pull-never-missing', 'requests-exceed-node')], io);
    expect(code).toBe(1);
    const out = io.stdout.join('\n');
    expect(out).toMatch(/^✗ +pull-never-missing +ERROR +pull-never-missing cannot run on this cluster: docker\.io\/library\/mysql:8\.0\.16 is on the node, .+\(on the node\)\.$/m);
    expect(out).toMatch(/^✗ +requests-exceed-node +ERROR +requests-exceed-node cannot run on this cluster: docker\.io\/library\/nginx:1\.27\.5 is not on the node, .+crictl pull IMAGE.+$/m);
    expect(out).toMatch(/^verify: 0 passed, 2 failed$/m);
    expect(out).not.toMatch(/\n\s+at /);
    expect(api.writes).toEqual([]);
  });
});
