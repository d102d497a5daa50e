// SPDX-License-Identifier: Apache-2.0
// The kind provider: preflight, create or reuse a cluster named podlab (checking what it reuses),
// registry mirrors, the lessons' images into the node, delete — every command through a Runner,
// every wait with a deadline.
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ClusterFailure, ClusterProgress, ImageLoadReport } from '@contract/dto';
import type { ClusterSettings } from '@contract/settings';
import { connectKubeFromText } from '../kube/connect';
import { AppError, errorMessage } from '../util/errors';
import { ExecError, runChecked, type RunOptions, type Runner } from '../util/exec';
import { inspectContainer, localImageId, tryRun } from './docker-cli';
import { kubernetesVersionOfNodeImage, normalizeImageRef } from './image-ref';
import { KIND_API_PORT, KIND_CLUSTER_NAME, kindConfigYaml, parseKindClusters } from './kind-config';
import { nodeImages, writeRegistryMirrors } from './kind-node';
import { dockerCheck, kindCheck, memoryCheck, nodeImageCheck, portCheck, type PreflightEnv } from './kind-preflight';
import { parseKindCreateLine } from './kind-progress';
import { LastFailure } from './last-failure';
import type { ClusterConnection, ClusterProvider, ClusterStatus, NodeImageList, PreflightCheck } from './provider';

/** What the API server says of itself and of the node. */
export interface ApiProbe {
  version: string;
  nodeReady: boolean;
}

export interface KindProviderOptions {
  runner: Runner;
  /** the app's data folder; the cluster's kubeconfig lives here, never in ~/.kube/config */
  dataDir: string;
  /** read at each call, so a changed setting applies to the next create */
  settings: () => ClusterSettings;
  name?: string;
  apiPort?: number;
  /** how long the API and the node may take to be ready after a create or a start */
  readyTimeoutMs?: number;
  /** injectable for tests */
  isPortFree?: PreflightEnv['isPortFree'];
  resolveHost?: PreflightEnv['resolveHost'];
  freeMemory?: PreflightEnv['freeMemory'];
  probeApi?: (kubeconfig: string, node: string) => Promise<ApiProbe>;
  sleep?: (ms: number) => Promise<void>;
}

const CREATE_TIMEOUT_MS = 15 * 60_000;
const PULL_TIMEOUT_MS = 30 * 60_000;
const LOAD_TIMEOUT_MS = 10 * 60_000;

export class KindProvider implements ClusterProvider {
  readonly kind = 'kind' as const;
  readonly name: string;
  private readonly apiPort: number;
  private readonly failures = new LastFailure();

  constructor(private readonly opts: KindProviderOptions) {
    this.name = opts.name ?? KIND_CLUSTER_NAME;
    this.apiPort = opts.apiPort ?? KIND_API_PORT;
  }

  get kubeconfigPath(): string {
    return join(this.opts.dataDir, 'kind', `${this.name}.kubeconfig`);
  }

  get nodeName(): string {
    return `${this.name}-control-plane`;
  }

  /** A lab pack installs kind into the data folder; otherwise kind comes from PATH. */
  get kindBinary(): string {
    const own = join(this.opts.dataDir, 'bin', 'kind');
    return existsSync(own) ? own : 'kind';
  }

  lastFailure(): ClusterFailure | undefined {
    return this.failures.get();
  }

  async preflight(): Promise<PreflightCheck[]> {
    const env: PreflightEnv = {
      runner: this.opts.runner,
      kind: this.kindBinary,
      settings: this.opts.settings(),
      apiPort: this.apiPort,
      clusterName: this.name,
      clusterExists: async () => (await this.clusterNames().catch((): string[] => [])).includes(this.name),
      ...(this.opts.isPortFree ? { isPortFree: this.opts.isPortFree } : {}),
      ...(this.opts.resolveHost ? { resolveHost: this.opts.resolveHost } : {}),
      ...(this.opts.freeMemory ? { freeMemory: this.opts.freeMemory } : {}),
    };
    const docker = await dockerCheck(env);
    const kind = await kindCheck(env);
    const { version: _v, ...kindView } = kind;
    const checks: PreflightCheck[] = [docker, kindView];
    if (docker.ok) checks.push(await memoryCheck(env), await nodeImageCheck(env));
    if (kind.ok) checks.push(await portCheck(env));
    return checks;
  }

  async status(): Promise<ClusterStatus> {
    let names: string[];
    try {
      names = await this.clusterNames();
    } catch (e) {
      return { state: 'unreachable', detail: errorMessage(e) };
    }
    if (!names.includes(this.name)) return { state: 'absent', detail: `no kind cluster named ${this.name}`, detailZh: `没有名为 ${this.name} 的 kind 集群` };
    const node = await inspectContainer(this.opts.runner, this.nodeName);
    if (!node) return { state: 'unreachable', detail: `kind lists ${this.name}, but Docker has no container ${this.nodeName}`, detailZh: `kind 列出了 ${this.name}，但 Docker 里没有容器 ${this.nodeName}` };
    const facts = { nodeImage: node.image, nodeImageId: node.imageId };
    if (!node.running) return { state: 'stopped', detail: `${this.nodeName} exists but is not running (podlab cluster up starts it)`, detailZh: `${this.nodeName} 存在但没有运行（podlab cluster up 会启动它）`, facts };
    try {
      const probe = await this.probe(await this.kubeconfigText());
      return {
        state: 'running',
        detail: `API server ${probe.version} answers; node ${probe.nodeReady ? 'Ready' : 'not Ready yet'}`,
        detailZh: `API 服务器 ${probe.version} 正常响应；节点${probe.nodeReady ? '已 Ready' : '尚未 Ready'}`,
        facts: { ...facts, kubernetesVersion: probe.version, nodeReady: probe.nodeReady, apiHealthy: true },
      };
    } catch (e) {
      return {
        state: 'unreachable',
        detail: `${this.nodeName} runs, but its API server on 127.0.0.1:${this.apiPort} does not answer: ${errorMessage(e)}`,
        detailZh: `${this.nodeName} 在运行，但它在 127.0.0.1:${this.apiPort} 上的 API 服务器没有响应：${errorMessage(e)}`,
        facts: { ...facts, apiHealthy: false },
      };
    }
  }

  async ensure(onProgress?: (p: ClusterProgress) => void): Promise<ClusterConnection> {
    return this.failures.track(async () => {
      await mkdir(join(this.opts.dataDir, 'kind'), { recursive: true });
      const settings = this.opts.settings();
      const status = await this.status();
      if (status.state === 'absent') await this.create(settings, onProgress);
      else await this.reuse(status, settings, onProgress);
      onProgress?.({ step: 'registry mirrors', stepZh: '镜像仓库镜像源', fraction: 0.9 });
      await writeRegistryMirrors(this.opts.runner, this.nodeName, settings.registryMirrors);
      onProgress?.({ step: 'cluster ready', stepZh: '集群已就绪', fraction: 1 });
      return { provider: 'kind', name: this.name, kubeconfigPath: this.kubeconfigPath, context: `kind-${this.name}` };
    });
  }

  async delete(onProgress?: (p: ClusterProgress) => void): Promise<void> {
    await this.failures.track(async () => {
      onProgress?.({ step: `deleting kind cluster ${this.name}`, stepZh: `正在删除 kind 集群 ${this.name}`, fraction: 0 });
      await runChecked(this.opts.runner, this.kindBinary, ['delete', 'cluster', '--name', this.name, '--kubeconfig', this.kubeconfigPath], { timeoutMs: 3 * 60_000 });
      await rm(this.kubeconfigPath, { force: true });
      onProgress?.({ step: 'deleted', stepZh: '已删除', fraction: 1 });
    });
  }

  /** What the node's containerd has (crictl images): exact, not capped at 50 like the kubelet's list. */
  async nodeImages(): Promise<NodeImageList[]> {
    return [{ node: this.nodeName, images: await nodeImages(this.opts.runner, this.nodeName), complete: true }];
  }

  /** Loads into the node each image it lacks and the local Docker has; kind itself skips an image whose ID is there. */
  async loadImages(images: readonly string[], onProgress?: (p: ClusterProgress) => void): Promise<ImageLoadReport> {
    return this.failures.track(async () => {
      const wanted = [...new Set(images.map(normalizeImageRef))].sort();
      const have = await nodeImages(this.opts.runner, this.nodeName);
      const report: ImageLoadReport = { present: [], loaded: [], missing: [] };
      for (const [i, image] of wanted.entries()) {
        if (have.has(image)) {
          report.present.push(image);
          continue;
        }
        if (!(await localImageId(this.opts.runner, image))) {
          report.missing.push(image);
          continue;
        }
        onProgress?.({ step: `loading ${image} into ${this.nodeName}`, stepZh: `正在把 ${image} 载入 ${this.nodeName}`, fraction: i / wanted.length });
        await runChecked(this.opts.runner, this.kindBinary, ['load', 'docker-image', image, '--name', this.name], { timeoutMs: LOAD_TIMEOUT_MS });
        report.loaded.push(image);
      }
      onProgress?.({
        step: `images: ${report.loaded.length} loaded, ${report.present.length} already there${report.missing.length ? `, ${report.missing.length} not in Docker` : ''}`,
        stepZh: `镜像：载入 ${report.loaded.length} 个，已有 ${report.present.length} 个${report.missing.length ? `，Docker 中缺 ${report.missing.length} 个` : ''}`,
        fraction: 1,
      });
      return report;
    });
  }

  private async create(settings: ClusterSettings, onProgress?: (p: ClusterProgress) => void): Promise<void> {
    await this.ensureNodeImage(settings.nodeImage, onProgress);
    const configFile = join(this.opts.dataDir, 'kind', `${this.name}.kind-config.yaml`);
    await writeFile(configFile, kindConfigYaml({ name: this.name, apiPort: this.apiPort, image: settings.nodeImage }));
    onProgress?.({ step: `creating kind cluster ${this.name}`, stepZh: `正在创建 kind 集群 ${this.name}`, fraction: 0.1 });
    const output: string[] = [];
    // --retain keeps a failed node so its logs can be exported; podlab deletes it right after.
    const argv = ['create', 'cluster', '--name', this.name, '--config', configFile, '--kubeconfig', this.kubeconfigPath, '--wait', '180s', '--retain'];
    try {
      await runChecked(this.opts.runner, this.kindBinary, argv, {
        timeoutMs: CREATE_TIMEOUT_MS,
        env: proxyEnv(settings),
        onLine: (line) => {
          output.push(line);
          const s = parseKindCreateLine(line);
          if (s) onProgress?.({ step: s.step, stepZh: s.stepZh, fraction: 0.1 + 0.7 * s.fraction });
        },
      });
    } catch (e) {
      const logsDir = await this.captureFailedCreate(output, onProgress);
      throw new AppError('CLUSTER_CREATE_FAILED', `kind could not create the cluster ${this.name}${logsDir ? `; its logs are in ${logsDir}` : ''}`, {
        cause: e,
        details: { argv: [this.kindBinary, ...argv], output: e instanceof ExecError ? e.output : output.slice(-50).join('\n'), ...(logsDir ? { logsDir } : {}) },
      });
    }
    await this.waitReady(await this.kubeconfigText(), onProgress);
  }

  private async reuse(status: ClusterStatus, settings: ClusterSettings, onProgress?: (p: ClusterProgress) => void): Promise<void> {
    const have = status.facts?.nodeImage;
    if (have && have !== settings.nodeImage) {
      throw new AppError('CLUSTER_MISMATCH', `the kind cluster ${this.name} runs node image ${have}, but podlab is set to ${settings.nodeImage}. Delete it (podlab cluster down) and create it again, or set cluster.nodeImage back to ${have}.`);
    }
    // The same tag, another build (a newer lab pack was imported): the node still runs the old one.
    const wantId = await localImageId(this.opts.runner, settings.nodeImage);
    const haveId = status.facts?.nodeImageId;
    if (wantId && haveId && wantId !== haveId) {
      throw new AppError('CLUSTER_MISMATCH', `the kind cluster ${this.name} was created from an older build of ${settings.nodeImage} (image ${short(haveId)}; Docker now has ${short(wantId)} under that tag). Delete it (podlab cluster down) and create it again.`);
    }
    if (status.state === 'stopped') {
      onProgress?.({ step: `starting ${this.nodeName}`, stepZh: `正在启动 ${this.nodeName}`, fraction: 0.2 });
      await runChecked(this.opts.runner, 'docker', ['start', this.nodeName], { timeoutMs: 60_000 });
    }
    onProgress?.({ step: `reusing kind cluster ${this.name}`, stepZh: `复用 kind 集群 ${this.name}`, fraction: 0.5 });
    const kubeconfig = await this.kubeconfigText();
    await writeFile(this.kubeconfigPath, kubeconfig, { mode: 0o600 });
    const probe = await this.waitReady(kubeconfig, onProgress);
    const expected = kubernetesVersionOfNodeImage(settings.nodeImage);
    if (expected && !probe.version.startsWith(expected)) {
      throw new AppError('CLUSTER_MISMATCH', `the kind cluster ${this.name} runs Kubernetes ${probe.version}, but its node image ${settings.nodeImage} is for ${expected}. Delete it (podlab cluster down) and create it again.`);
    }
  }

  /** Pulls the node image first where Docker lacks it, so an offline machine hears why, not kind's retries. */
  private async ensureNodeImage(ref: string, onProgress?: (p: ClusterProgress) => void): Promise<void> {
    if (await localImageId(this.opts.runner, ref)) return;
    onProgress?.({ step: `pulling node image ${ref}`, stepZh: `正在拉取节点镜像 ${ref}`, fraction: 0.02 });
    const r = await tryRun(this.opts.runner, 'docker', ['pull', ref], { timeoutMs: PULL_TIMEOUT_MS, env: proxyEnv(this.opts.settings()), onLine: (line) => onProgress?.({ step: line.trim(), fraction: 0.05 }) });
    if (r instanceof ExecError || r.exitCode !== 0) {
      const output = r instanceof ExecError ? r.output : `${r.stdout}\n${r.stderr}`;
      throw new AppError(
        'NODE_IMAGE_UNAVAILABLE',
        `the node image ${ref} is not in Docker and could not be pulled (${output.trim().split('\n').at(-1)}). Import a lab pack (podlab pack import FILE), or docker load the image and set cluster.nodeImage to its tag.`,
        { details: { argv: ['docker', 'pull', ref], output } },
      );
    }
  }

  /** Probes the API with one kubeconfig (its address does not change) until the node is Ready. */
  private async waitReady(kubeconfig: string, onProgress?: (p: ClusterProgress) => void): Promise<ApiProbe> {
    const deadline = Date.now() + (this.opts.readyTimeoutMs ?? 120_000);
    const sleep = this.opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
    let last = 'no answer yet';
    let lastZh = '尚无应答';
    for (;;) {
      try {
        const p = await this.probe(kubeconfig);
        if (p.nodeReady) return p;
        last = `API server ${p.version} answers, node ${this.nodeName} not Ready`;
        lastZh = `API 服务器 ${p.version} 已应答，节点 ${this.nodeName} 尚未 Ready`;
      } catch (e) {
        last = errorMessage(e);
        lastZh = last; // the API client's own words
      }
      if (Date.now() > deadline) throw new AppError('CLUSTER_NOT_READY', `the kind cluster ${this.name} was not ready within ${Math.round((this.opts.readyTimeoutMs ?? 120_000) / 1000)} s: ${last}`);
      onProgress?.({ step: `waiting for the API server and the node (${last})`, stepZh: `等待 API 服务器和节点就绪（${lastZh}）`, fraction: 0.85 });
      await sleep(1000);
    }
  }

  private probe(kubeconfig: string): Promise<ApiProbe> {
    return (this.opts.probeApi ?? probeApi)(kubeconfig, this.nodeName);
  }

  private async kubeconfigText(): Promise<string> {
    return (await runChecked(this.opts.runner, this.kindBinary, ['get', 'kubeconfig', '--name', this.name], { timeoutMs: 20_000 })).stdout;
  }

  /** After a failed create: kind's output and `kind export logs` in the data folder, then the half-made node deleted. */
  private async captureFailedCreate(output: string[], onProgress?: (p: ClusterProgress) => void): Promise<string | undefined> {
    const dir = join(this.opts.dataDir, 'kind', 'logs', new Date().toISOString().replace(/[:.]/g, '-'));
    try {
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, 'kind-create.log'), output.join('\n') + '\n');
      onProgress?.({ step: `create failed: saving the node's logs to ${dir}`, stepZh: `创建失败：正在把节点日志保存到 ${dir}`, fraction: 1 });
      const exported = await tryRun(this.opts.runner, this.kindBinary, ['export', 'logs', dir, '--name', this.name], { timeoutMs: 120_000 });
      if (exported instanceof ExecError || exported.exitCode !== 0) {
        await writeFile(join(dir, 'export-logs-failed.txt'), exported instanceof ExecError ? exported.output : `${exported.stdout}\n${exported.stderr}`);
      }
    } catch {
      /* the logs are a help, not a reason to leave the node behind */
    }
    await tryRun(this.opts.runner, this.kindBinary, ['delete', 'cluster', '--name', this.name, '--kubeconfig', this.kubeconfigPath], { timeoutMs: 3 * 60_000 });
    return existsSync(dir) ? dir : undefined;
  }

  private async clusterNames(): Promise<string[]> {
    const r = await tryRun(this.opts.runner, this.kindBinary, ['get', 'clusters']);
    if (r instanceof ExecError) throw new AppError('KIND_UNAVAILABLE', /not found/.test(r.output) ? 'kind is not installed (or not on PATH)' : r.output.trim());
    if (r.exitCode !== 0) throw new AppError('KIND_UNAVAILABLE', r.stderr.trim() || `kind get clusters exited ${r.exitCode}`);
    return parseKindClusters(r.stdout);
  }
}

const short = (id: string) => id.replace(/^sha256:/, '').slice(0, 12);

/** kind hands HTTP(S)_PROXY and NO_PROXY from its environment to the node (and adds the cluster's own ranges to NO_PROXY). */
function proxyEnv(s: ClusterSettings): RunOptions['env'] {
  const env: Record<string, string> = {};
  if (s.httpProxy) env.HTTP_PROXY = s.httpProxy;
  if (s.httpsProxy) env.HTTPS_PROXY = s.httpsProxy;
  if (s.noProxy) env.NO_PROXY = s.noProxy;
  return env;
}

async function probeApi(kubeconfig: string, node: string): Promise<ApiProbe> {
  const rest = await connectKubeFromText(kubeconfig);
  const v = await rest.request<{ gitVersion: string }>('GET', '/version', { timeoutMs: 5000 });
  const n = await rest.request<{ status?: { conditions?: Array<{ type: string; status: string }> } }>('GET', `/api/v1/nodes/${node}`, { timeoutMs: 5000 });
  return { version: v.gitVersion, nodeReady: n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false };
}
