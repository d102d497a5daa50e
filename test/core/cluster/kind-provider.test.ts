// SPDX-License-Identifier: Apache-2.0
// The kind provider's logic through a pretend Docker + kind: the argv it runs, preflight messages,
// what reuse checks, failure capture, image loading. The real path is proven by the kind suite in CI.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClusterSettings } from '@contract/settings';
import { KIND_NODE_IMAGE, kindConfigYaml, parseKindVersion } from '../../../src-main/core/cluster/kind-config';
import { KindProvider, type ApiProbe } from '../../../src-main/core/cluster/kind-provider';
import { defaultSettings } from '../../../src-main/core/settings/settings-schema';
import { FakeRunner } from '../../fakes/fake-runner';
import { kindWorldScript, newWorld, type KindWorld } from '../../fakes/fake-kind-world';
import { englishPhrases } from '../../i18n/english';

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'podlab-kind-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

const LOCAL_IMAGE = 'kindest/node:v1.34.4-podlab';

function provider(world: KindWorld, opts: { settings?: Partial<ClusterSettings>; portFree?: boolean; online?: boolean; probe?: () => Promise<ApiProbe> } = {}) {
  const runner = new FakeRunner(kindWorldScript(world));
  const settings = { ...defaultSettings().cluster, ...opts.settings };
  const kind = new KindProvider({
    runner,
    dataDir,
    settings: () => settings,
    isPortFree: async () => opts.portFree ?? true,
    resolveHost: async (host) => {
      if (!(opts.online ?? true)) throw new Error(`getaddrinfo ENOTFOUND ${host}`);
    },
    freeMemory: () => 8 * 1024 ** 3,
    probeApi: opts.probe ?? (async () => ({ version: 'v1.34.4', nodeReady: true })),
    readyTimeoutMs: 50,
    sleep: async () => {},
  });
  return { runner, kind, settings, cmds: () => runner.calls.map((c) => c.join(' ')) };
}

describe('preflight', () => {
  it('passes on a healthy machine with the node image present', async () => {
    const { kind } = provider(newWorld({ dockerImages: new Set([LOCAL_IMAGE]) }), { settings: { nodeImage: LOCAL_IMAGE } });
    const checks = await kind.preflight();
    expect(checks.map((c) => [c.id, c.ok])).toEqual([['docker', true], ['kind', true], ['memory', true], ['node-image', true], ['port', true]]);
  });

  it.each<[string, Partial<KindWorld>, string, RegExp, RegExp]>([
    ['docker not installed', { dockerVersion: 'absent' }, 'docker', /not installed/, /Install Docker/],
    ['docker daemon down', { dockerVersion: 'down' }, 'docker', /not reachable/, /Start Docker/],
    ['docker too old', { dockerVersion: '19.03.15' }, 'docker', /older than 20\.10\.0/, /Upgrade Docker/],
    ['kind missing', { kindVersion: 'absent' }, 'kind', /not installed/, /Install kind v0\.30\.0/],
    ['kind too old', { kindVersion: '0.20.0' }, 'kind', /older than v0\.30\.0/, /Install kind/],
    ['too little memory for Docker', { memTotal: 1024 ** 3 }, 'memory', /1\.0 GiB.*needs 2\.0 GiB/, /Resources/],
  ])('%s → an actionable failure', async (_name, over, id, message, fix) => {
    const { kind } = provider(newWorld(over));
    const check = (await kind.preflight()).find((c) => c.id === id)!;
    expect(check).toMatchObject({ ok: false, message: expect.stringMatching(message), fix: expect.stringMatching(fix) });
  });

  it('reports the API port in use', async () => {
    const { kind } = provider(newWorld(), { portFree: false });
    const port = (await kind.preflight()).find((c) => c.id === 'port')!;
    expect(port).toMatchObject({ ok: false, message: expect.stringMatching(/16443.*in use/) });
  });

  it('offline with the digest-pinned default and no image: cannot be pulled, with the fix', async () => {
    const { kind } = provider(newWorld(), { online: false });
    const check = (await kind.preflight()).find((c) => c.id === 'node-image')!;
    expect(check.ok).toBe(false);
    expect(check.message).toMatch(/not in Docker, and registry-1\.docker\.io cannot be reached \(getaddrinfo ENOTFOUND/);
    expect(check.fix).toMatch(/podlab pack import/);
  });

  it('a loaded copy of the pinned image under its tag: says to use the tag (a loaded image has no digest)', async () => {
    const { kind } = provider(newWorld({ dockerImages: new Set(['kindest/node:v1.34.0']) }), { online: false });
    const check = (await kind.preflight()).find((c) => c.id === 'node-image')!;
    expect(check).toMatchObject({ ok: false, message: expect.stringMatching(/pinned by digest/), fix: expect.stringContaining('cluster.nodeImage kindest/node:v1.34.0') });
  });

  it('online and absent: fine, it will be pulled', async () => {
    const { kind } = provider(newWorld());
    expect((await kind.preflight()).find((c) => c.id === 'node-image')).toMatchObject({ ok: true, message: expect.stringMatching(/will be pulled/) });
  });
});

describe('preflight in Chinese', () => {
  // every message and fix the checks above produce, on the machines they describe
  it.each<[string, Partial<KindWorld>, { portFree?: boolean; online?: boolean; settings?: Partial<ClusterSettings> }]>([
    ['healthy', { dockerImages: new Set([LOCAL_IMAGE]) }, { settings: { nodeImage: LOCAL_IMAGE } }],
    ['docker not installed', { dockerVersion: 'absent' }, {}],
    ['docker daemon down', { dockerVersion: 'down' }, {}],
    ['docker too old', { dockerVersion: '19.03.15' }, {}],
    ['kind missing', { kindVersion: 'absent' }, {}],
    ['kind too old', { kindVersion: '0.20.0' }, {}],
    ['too little memory', { memTotal: 1024 ** 3 }, {}],
    ['port in use', {}, { portFree: false }],
    ['offline', {}, { online: false }],
    ['loaded copy of the pinned image', { dockerImages: new Set(['kindest/node:v1.34.0']) }, { online: false }],
    ['online, image absent', {}, {}],
  ])('%s: every check says it in Chinese too', async (_name, over, opts) => {
    const { kind } = provider(newWorld(over), opts);
    for (const c of await kind.preflight()) {
      expect(c.messageZh, `${c.id}: ${c.message}`).toMatch(/[\u4e00-\u9fff]|^kind v/);
      expect(englishPhrases(c.messageZh ?? '', { fragment: true }), c.messageZh).toEqual([]);
      if (c.fix) expect(englishPhrases(c.fixZh ?? c.fix), c.fix).toEqual([]);
    }
  });
});

describe('create', () => {
  it('creates from a generated config with the set image, into its own kubeconfig, with progress', async () => {
    const world = newWorld({ dockerImages: new Set([LOCAL_IMAGE]) });
    const { kind, runner } = provider(world, { settings: { nodeImage: LOCAL_IMAGE } });
    const progress: Array<{ step: string; stepZh?: string; fraction?: number }> = [];
    const conn = await kind.ensure((p) => progress.push(p));
    const create = runner.calls.find((c) => c[1] === 'create')!;
    const configFile = create[create.indexOf('--config') + 1]!;
    expect(create).toEqual(['kind', 'create', 'cluster', '--name', 'podlab', '--config', configFile, '--kubeconfig', join(dataDir, 'kind', 'podlab.kubeconfig'), '--wait', '180s', '--retain']);
    expect(readFileSync(configFile, 'utf8')).toBe(kindConfigYaml({ image: LOCAL_IMAGE }));
    expect(runner.calls.some((c) => c[0] === 'docker' && c[1] === 'pull')).toBe(false);
    expect(conn).toEqual({ provider: 'kind', name: 'podlab', kubeconfigPath: join(dataDir, 'kind', 'podlab.kubeconfig'), context: 'kind-podlab' });
    expect(progress.map((p) => p.step)).toEqual(expect.arrayContaining(['Ensuring node image (img)', 'Preparing nodes', 'Waiting ≤ 3m0s for control-plane = Ready', 'cluster ready']));
    // every step is said in Chinese too, and says it in Chinese (kind's own words, like its node image, kept)
    expect(progress.filter((p) => !p.stepZh || !/[\u4e00-\u9fff]/.test(p.stepZh)).map((p) => p.step)).toEqual([]);
    expect(progress.map((p) => p.stepZh)).toEqual(expect.arrayContaining(['确认节点镜像 (img)', '准备节点', '等待控制平面 Ready（最多 3m0s）', '集群已就绪']));
    const fractions = progress.map((p) => p.fraction ?? 0);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
  });

  it('the default config pins the digest and tells containerd where mirrors live', () => {
    const yaml = kindConfigYaml();
    expect(yaml).toContain(`image: ${KIND_NODE_IMAGE}`);
    expect(yaml).toContain('config_path = "/etc/containerd/certs.d"');
  });

  it('pulls an absent node image first, and passes the proxy settings to kind', async () => {
    const world = newWorld({ pullable: new Set([KIND_NODE_IMAGE]) });
    const { kind, runner } = provider(world, { settings: { httpsProxy: 'http://proxy.example:3128', noProxy: 'localhost' } });
    const envs: Array<Record<string, string> | undefined> = [];
    const run = runner.run.bind(runner);
    runner.run = async (c, a, o) => {
      if (a[0] === 'create') envs.push(o?.env);
      return run(c, a, o);
    };
    await kind.ensure();
    expect(runner.calls.findIndex((c) => c[1] === 'pull')).toBeLessThan(runner.calls.findIndex((c) => c[1] === 'create'));
    expect(envs[0]).toEqual({ HTTPS_PROXY: 'http://proxy.example:3128', NO_PROXY: 'localhost' });
  });

  it('an image that cannot be pulled stops before kind, saying why and what to do', async () => {
    const { kind, runner } = provider(newWorld());
    await expect(kind.ensure()).rejects.toThrow(/could not be pulled \(.*no such host\)\. Import a lab pack/);
    expect(runner.calls.some((c) => c[1] === 'create')).toBe(false);
  });

  it('a failed create keeps kind output and the exported logs in the data folder, and deletes the half-made node', async () => {
    const world = newWorld({ dockerImages: new Set([LOCAL_IMAGE]), createFails: 'ERROR: failed to create cluster: failed to init node with kubeadm' });
    const { kind, cmds } = provider(world, { settings: { nodeImage: LOCAL_IMAGE } });
    await expect(kind.ensure()).rejects.toThrow(/could not create the cluster podlab; its logs are in /);
    const failure = kind.lastFailure()!;
    expect(failure.argv?.slice(0, 3)).toEqual(['kind', 'create', 'cluster']);
    expect(failure.output).toContain('failed to init node with kubeadm');
    expect(failure.logsDir?.startsWith(join(dataDir, 'kind', 'logs'))).toBe(true);
    expect(readFileSync(join(failure.logsDir!, 'kind-create.log'), 'utf8')).toContain('Ensuring node image');
    expect(cmds()).toContain(`kind export logs ${failure.logsDir} --name podlab`);
    expect(world.cluster).toBeUndefined();
  });

  it('a cluster whose node never gets Ready fails within its deadline', async () => {
    const { kind } = provider(newWorld({ dockerImages: new Set([LOCAL_IMAGE]) }), { settings: { nodeImage: LOCAL_IMAGE }, probe: async () => ({ version: 'v1.34.4', nodeReady: false }) });
    await expect(kind.ensure()).rejects.toThrow(/was not ready within 0 s: API server v1\.34\.4 answers, node podlab-control-plane not Ready/);
  });
});

const existing = (image: string, running = true): Partial<KindWorld> => ({ cluster: { name: 'podlab', running, image, nodeImages: new Set() } });

describe('reuse', () => {
  it('reuses a running cluster of the same image whose API answers: no create, the kubeconfig from kind', async () => {
    const { kind, runner } = provider(newWorld(existing(LOCAL_IMAGE)), { settings: { nodeImage: LOCAL_IMAGE } });
    await kind.ensure();
    expect(runner.calls.some((c) => c[1] === 'create')).toBe(false);
    expect(readFileSync(join(dataDir, 'kind', 'podlab.kubeconfig'), 'utf8')).toBe('apiVersion: v1\nkind: Config\n');
  });

  it('refuses a cluster made from another node image, saying how to fix it', async () => {
    const { kind } = provider(newWorld(existing('kindest/node:v1.29.0')), { settings: { nodeImage: LOCAL_IMAGE } });
    await expect(kind.ensure()).rejects.toThrow(/runs node image kindest\/node:v1\.29\.0, but podlab is set to kindest\/node:v1\.34\.4-podlab\. Delete it \(podlab cluster down\)/);
  });

  it('refuses a cluster made from an older build under the same tag', async () => {
    const world = newWorld({ dockerImages: new Set([LOCAL_IMAGE]), cluster: { name: 'podlab', running: true, image: LOCAL_IMAGE, imageId: 'sha256:0123456789abcdef', nodeImages: new Set() } });
    const { kind } = provider(world, { settings: { nodeImage: LOCAL_IMAGE } });
    await expect(kind.ensure()).rejects.toThrow(/created from an older build of kindest\/node:v1\.34\.4-podlab \(image 0123456789ab; Docker now has abc under that tag\)/);
  });

  it('refuses a cluster whose API reports another Kubernetes than its image tag', async () => {
    const { kind } = provider(newWorld(existing('kindest/node:v1.34.4-podlab')), { settings: { nodeImage: LOCAL_IMAGE }, probe: async () => ({ version: 'v1.33.1', nodeReady: true }) });
    await expect(kind.ensure()).rejects.toThrow(/runs Kubernetes v1\.33\.1, but its node image .* is for v1\.34\.4/);
  });

  it('starts a stopped node container, then waits for its API', async () => {
    const { kind, cmds } = provider(newWorld(existing(LOCAL_IMAGE, false)), { settings: { nodeImage: LOCAL_IMAGE } });
    await kind.ensure();
    expect(cmds()).toContain('docker start podlab-control-plane');
  });
});

describe('status', () => {
  it('absent when kind knows no such cluster', async () => {
    expect((await provider(newWorld()).kind.status()).state).toBe('absent');
  });

  it('running only when the API answers, with the image, version and readiness', async () => {
    const { kind } = provider(newWorld({ cluster: { name: 'podlab', running: true, image: LOCAL_IMAGE, nodeImages: new Set() } }));
    expect(await kind.status()).toEqual({
      state: 'running',
      detail: 'API server v1.34.4 answers; node Ready',
      detailZh: 'API 服务器 v1.34.4 正常响应；节点已 Ready',
      facts: { nodeImage: LOCAL_IMAGE, nodeImageId: 'sha256:abc', kubernetesVersion: 'v1.34.4', nodeReady: true, apiHealthy: true },
    });
  });

  it('a running container with a dead API server is unreachable, not running', async () => {
    const { kind } = provider(newWorld({ cluster: { name: 'podlab', running: true, image: LOCAL_IMAGE, nodeImages: new Set() } }), {
      probe: async () => {
        throw new Error('connect ECONNREFUSED 127.0.0.1:16443');
      },
    });
    expect(await kind.status()).toMatchObject({ state: 'unreachable', detail: expect.stringMatching(/does not answer: connect ECONNREFUSED/), facts: { apiHealthy: false } });
  });

  it('deletes by name with its own kubeconfig, and removes that kubeconfig', async () => {
    const { kind, runner } = provider(newWorld(existing(LOCAL_IMAGE)));
    await kind.ensure().catch(() => {});
    await kind.delete();
    expect(runner.calls.at(-1)).toEqual(['kind', 'delete', 'cluster', '--name', 'podlab', '--kubeconfig', join(dataDir, 'kind', 'podlab.kubeconfig')]);
    expect(existsSync(join(dataDir, 'kind', 'podlab.kubeconfig'))).toBe(false);
  });
});

describe('images and mirrors', () => {
  it('loads only what the node lacks and Docker has; reports what neither has', async () => {
    const world = newWorld({
      dockerImages: new Set(['nginx:1.27.5', 'docker.io/library/busybox:1.36']),
      cluster: { name: 'podlab', running: true, image: LOCAL_IMAGE, nodeImages: new Set(['docker.io/library/busybox:1.36']) },
    });
    const { kind, cmds } = provider(world);
    const report = await kind.loadImages(['docker.io/library/nginx:1.27.5', 'busybox:1.36', 'mysql:8.0.16', 'nginx:1.27.5']);
    expect(report).toEqual({ present: ['docker.io/library/busybox:1.36'], loaded: ['docker.io/library/nginx:1.27.5'], missing: ['docker.io/library/mysql:8.0.16'] });
    expect(cmds().filter((c) => c.startsWith('kind load'))).toEqual(['kind load docker-image docker.io/library/nginx:1.27.5 --name podlab']);
    const again = await kind.loadImages(['nginx:1.27.5']);
    expect(again.loaded).toEqual([]);
  });

  it('writes a hosts.toml per mirror into the node', async () => {
    const world = newWorld({ cluster: { name: 'podlab', running: true, image: LOCAL_IMAGE, nodeImages: new Set() } });
    const { kind } = provider(world, { settings: { nodeImage: LOCAL_IMAGE, registryMirrors: { 'docker.io': 'https://mirror.example.com' } } });
    await kind.ensure();
    const write = world.nodeExec.find((e) => e.input !== undefined && e.argv.join(' ').includes('certs.d/docker.io/'))!;
    expect(write.input).toContain('server = "https://registry-1.docker.io"');
    expect(write.input).toContain('[host."https://mirror.example.com"]');
  });

  it('lists the node images from crictl, normalized and complete', async () => {
    const world = newWorld({ cluster: { name: 'podlab', running: true, image: LOCAL_IMAGE, nodeImages: new Set(['docker.io/library/nginx:1.27.5']) } });
    const { kind } = provider(world);
    const [list] = await kind.nodeImages();
    expect(list).toMatchObject({ node: 'podlab-control-plane', complete: true });
    expect([...list!.images]).toContain('docker.io/library/nginx:1.27.5');
  });

  it('closes every other registry: the _default hosts.toml sends pulls to a closed local port', async () => {
    const world = newWorld({ cluster: { name: 'podlab', running: true, image: LOCAL_IMAGE, nodeImages: new Set() } });
    const { kind } = provider(world, { settings: { nodeImage: LOCAL_IMAGE, registryMirrors: {} } });
    await kind.ensure();
    const closed = world.nodeExec.find((e) => e.argv.join(' ').includes('/etc/containerd/certs.d/_default/hosts.toml'))!;
    expect(closed.input).toContain('server = "http://127.0.0.1:9"');
    expect(closed.input).toContain('# written by podlab');
  });
});

it.each([
  ['kind v0.30.0 go1.24.6 linux/amd64', '0.30.0'],
  ['kind version 0.31.2', '0.31.2'],
  ['nothing', undefined],
])('parseKindVersion(%j) = %j', (out, v) => expect(parseKindVersion(out)).toBe(v));
