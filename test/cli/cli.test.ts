// SPDX-License-Identifier: Apache-2.0
// The podlab CLI's offline commands, driven through main() with captured output.
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src-main/cli/main';
import type { CliIo } from '../../src-main/cli/io';

const SCENARIOS = fileURLToPath(new URL('../../scenarios', import.meta.url));
const FIXTURES = fileURLToPath(new URL('../fixtures/pods', import.meta.url));

function capture(stdin = ''): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l), readStdin: async () => stdin };
}

const temp: string[] = [];
afterEach(() => temp.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('podlab scenarios', () => {
  it('list --json gives id, title, source and concepts of every scenario', async () => {
    const io = capture();
    expect(await main(['scenarios', 'list', '--json', '--scenarios', SCENARIOS], io)).toBe(0);
    const items = JSON.parse(io.stdout.join('\n')) as Array<Record<string, unknown>>;
    expect(items.length).toBe(readdirSync(SCENARIOS, { withFileTypes: true }).filter((d) => d.isDirectory()).length);
    for (const item of items) {
      expect(Object.keys(item).sort()).toEqual(['concepts', 'id', 'source', 'title']);
      expect(item.title).toEqual({ zh: expect.any(String), en: expect.any(String) });
      expect(item.source).toEqual({ note: expect.stringMatching(/^\d{3}_[0-9a-f]+\.txt$/), section: expect.any(String) });
    }
  });

  it('validate passes the shipped scenarios', async () => {
    const io = capture();
    expect(await main(['scenarios', 'validate', '--scenarios', SCENARIOS], io)).toBe(0);
    expect(io.stderr).toEqual([]);
  });

  it('validate names file:line and the field path, and exits 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'podlab-cli-'));
    temp.push(dir);
    cpSync(join(SCENARIOS, 'prestop-grace-period'), join(dir, 'prestop-grace-period'), { recursive: true });
    const file = join(dir, 'prestop-grace-period', 'scenario.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('timeoutSeconds: 180', 'timeoutSeconds: -1'));
    const io = capture();
    expect(await main(['scenarios', 'validate', join(dir, 'prestop-grace-period')], io)).toBe(1);
    expect(io.stderr.join('\n')).toMatch(new RegExp(`^${file}:\\d+:\\d+: spec\\.timeoutSeconds: .+`, 'm'));
  });
});

describe('podlab print-pod', () => {
  const fixture = parse(readFileSync(join(FIXTURES, readdirSync(FIXTURES).find((f) => f.startsWith('crashloop'))!), 'utf8')) as {
    now: string;
    expect: Record<string, string>;
    pod: Record<string, unknown>;
  };

  it('prints the columns of a pod from standard input, at --now, as JSON', async () => {
    const io = capture(JSON.stringify(fixture.pod));
    expect(await main(['print-pod', '-', '--now', fixture.now, '--json'], io)).toBe(0);
    expect(JSON.parse(io.stdout.join('\n'))).toEqual([{ name: (fixture.pod.metadata as { name: string }).name, ...fixture.expect }]);
  });

  it('refuses a --now that is not ISO-8601', async () => {
    const io = capture('{}');
    expect(await main(['print-pod', '-', '--now', 'yesterday'], io)).toBe(2);
    expect(io.stderr.join('')).toMatch(/not an ISO-8601 time/);
  });

  it('names the line of bad input', async () => {
    const io = capture('apiVersion: v1\nkind: Service\nmetadata: {name: x}\n');
    expect(await main(['print-pod', '-'], io)).toBe(1);
    expect(io.stderr.join('')).toMatch(/<stdin>:\d+:\d+: .*Service/);
  });
});

describe('usage', () => {
  it.each([[['run']], [['verify']], [['frobnicate']], [['print-pod']]])('%j is a usage error (exit 2)', async (argv) => {
    const io = capture();
    expect(await main(argv, io)).toBe(2);
    expect(io.stderr.join('\n')).toMatch(/usage:/);
  });
});

describe('podlab settings', () => {
  it('sets, lists and unsets a setting in the data folder; refuses a bad key or value', async () => {
    const data = mkdtempSync(join(tmpdir(), 'podlab-cli-settings-'));
    temp.push(data);
    const at = ['--data', data, '--scenarios', SCENARIOS];
    let io = capture();
    expect(await main(['settings', 'set', 'cluster.nodeImage', 'kindest/node:v1.34.4-podlab', ...at], io)).toBe(0);
    expect(await main(['settings', 'set', 'cluster.registryMirrors', 'docker.io=https://mirror.example.com,quay.io=http://10.0.0.5:5000', ...at], io)).toBe(0);
    io = capture();
    expect(await main(['settings', ...at], io)).toBe(0);
    expect(io.stdout).toContain('cluster.nodeImage = kindest/node:v1.34.4-podlab');
    expect(io.stdout).toContain('cluster.registryMirrors = {"docker.io":"https://mirror.example.com","quay.io":"http://10.0.0.5:5000"}');
    io = capture();
    expect(await main(['settings', 'set', 'cluster.nodeImage', 'Not An Image', ...at], io)).toBe(2);
    expect(io.stderr.join('\n')).toMatch(/cluster\.nodeImage: an image reference/);
    io = capture();
    expect(await main(['settings', 'set', 'cluster.colour', 'blue', ...at], io)).toBe(2);
    expect(io.stderr.join('\n')).toMatch(/no setting "cluster\.colour"/);
    io = capture();
    expect(await main(['settings', 'set', 'cluster.registryMirrors', 'docker.io', ...at], io)).toBe(2);
    expect(io.stderr.join('\n')).toMatch(/is not REGISTRY=URL/);
    expect(await main(['settings', 'unset', 'cluster.nodeImage', ...at], capture())).toBe(0);
    io = capture();
    await main(['settings', ...at], io);
    expect(io.stdout.join('\n')).toMatch(/cluster\.nodeImage = kindest\/node:v1\.34\.0@sha256:/);
  });

  it('verify --parallel takes a whole number ≥ 1, checked before any cluster is touched', async () => {
    const io = capture();
    expect(await main(['verify', '--all', '--parallel', 'many', '--kubeconfig', '/nonexistent'], io)).toBe(2);
    expect(io.stderr[0]).toMatch(/--parallel: "many" is not a whole number ≥ 1/);
  });

  it('verify takes --all or scenario ids, not both, and --runs a whole number ≥ 1', async () => {
    let io = capture();
    expect(await main(['verify', '--all', 'pod-start-anatomy', '--kubeconfig', '/nonexistent'], io)).toBe(2);
    expect(io.stderr[0]).toMatch(/verify needs --all or scenario ids/);
    io = capture();
    expect(await main(['verify', 'pod-start-anatomy', '--runs', '0', '--kubeconfig', '/nonexistent'], io)).toBe(2);
    expect(io.stderr[0]).toMatch(/--runs: "0" is not a whole number ≥ 1/);
  });
});
