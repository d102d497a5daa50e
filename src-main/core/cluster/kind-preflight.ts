// SPDX-License-Identifier: Apache-2.0
// Before a kind cluster is created: each thing that would make it fail, found first, with the fix.
import { lookup } from 'node:dns/promises';
import { createServer } from 'node:net';
import { freemem } from 'node:os';
import type { ClusterSettings } from '@contract/settings';
import { ExecError, type Runner } from '../util/exec';
import { localImageId, tryRun } from './docker-cli';
import { imageRegistry, isDigestPinned, withoutDigest } from './image-ref';
import { compareVersions, KIND_MIN_VERSION, parseKindVersion, registryUpstream } from './kind-config';
import type { PreflightCheck } from './provider';

/** `--cgroupns=private`, which kind passes for every node, came with Docker 20.10. */
export const DOCKER_MIN_VERSION = '20.10.0';
/** a single kind node running the lessons: the control plane takes about 1 GiB, the lessons' pods a few hundred MiB */
export const MIN_DOCKER_MEMORY = 2 * 1024 ** 3;
export const MIN_FREE_MEMORY = 1024 ** 3;

export interface PreflightEnv {
  runner: Runner;
  kind: string;
  settings: ClusterSettings;
  apiPort: number;
  clusterName: string;
  /** the cluster podlab would create is already there (so its port is in use by it) */
  clusterExists: () => Promise<boolean>;
  isPortFree?: (port: number) => Promise<boolean>;
  /** resolves a registry host; throws when it cannot (offline) */
  resolveHost?: (host: string) => Promise<void>;
  freeMemory?: () => number;
}

export async function dockerCheck(env: PreflightEnv): Promise<PreflightCheck> {
  const r = await tryRun(env.runner, 'docker', ['version', '--format', '{{.Server.Version}}']);
  if (r instanceof ExecError && /not found/.test(r.output)) {
    return { id: 'docker', ok: false, message: 'Docker is not installed', fix: 'Install Docker (Docker Desktop, or the docker.io package on Linux), then start it.', messageZh: '没有安装 Docker', fixZh: '安装 Docker（Docker Desktop，或 Linux 上的 docker.io 软件包），然后启动它。' };
  }
  if (r instanceof ExecError && /timed out/.test(r.output)) {
    return { id: 'docker', ok: false, message: 'Docker did not answer within 20 s', fix: 'Restart Docker; `docker version` must answer at once.', messageZh: 'Docker 在 20 秒内没有响应', fixZh: '重启 Docker；`docker version` 必须立即响应。' };
  }
  if (r instanceof ExecError || r.exitCode !== 0) {
    return {
      id: 'docker',
      ok: false,
      message: 'Docker is installed but its daemon is not reachable',
      fix: 'Start Docker (Docker Desktop, or `sudo systemctl start docker`), and make sure your user may use it (`docker ps` works).',
      messageZh: '已安装 Docker，但连不上它的守护进程',
      fixZh: '启动 Docker（Docker Desktop，或 `sudo systemctl start docker`），并确认当前用户有权使用它（`docker ps` 能运行）。',
    };
  }
  const version = r.stdout.trim();
  if (compareVersions(version, DOCKER_MIN_VERSION) < 0) {
    return { id: 'docker', ok: false, message: `Docker ${version} is older than ${DOCKER_MIN_VERSION}, which kind's nodes need (--cgroupns)`, fix: `Upgrade Docker to ${DOCKER_MIN_VERSION} or newer.`, messageZh: `Docker ${version} 低于 kind 节点所需的 ${DOCKER_MIN_VERSION}（--cgroupns）`, fixZh: `把 Docker 升级到 ${DOCKER_MIN_VERSION} 或更新版本。` };
  }
  return { id: 'docker', ok: true, message: `Docker ${version} is running`, messageZh: `Docker ${version} 正在运行` };
}

export async function memoryCheck(env: PreflightEnv): Promise<PreflightCheck> {
  const r = await tryRun(env.runner, 'docker', ['info', '--format', '{{.MemTotal}}']);
  const total = r instanceof ExecError || r.exitCode !== 0 ? NaN : Number(r.stdout.trim());
  const gib = (n: number) => `${(n / 1024 ** 3).toFixed(1)} GiB`;
  if (Number.isFinite(total) && total < MIN_DOCKER_MEMORY) {
    return {
      id: 'memory',
      ok: false,
      message: `Docker may use ${gib(total)} of memory; a kind node with the lessons needs ${gib(MIN_DOCKER_MEMORY)}`,
      fix: 'Give Docker more memory (Docker Desktop: Settings → Resources → Memory), then restart it.',
      messageZh: `Docker 最多可用 ${gib(total)} 内存；带着课程的 kind 节点需要 ${gib(MIN_DOCKER_MEMORY)}`,
      fixZh: '给 Docker 分配更多内存（Docker Desktop：Settings → Resources → Memory），然后重启它。',
    };
  }
  const free = (env.freeMemory ?? freemem)();
  if (free < MIN_FREE_MEMORY) {
    return { id: 'memory', ok: false, message: `only ${gib(free)} of memory is free; the cluster needs about ${gib(MIN_FREE_MEMORY)} more`, fix: 'Close other programs, then try again.', messageZh: `只有 ${gib(free)} 空闲内存；集群还需要大约 ${gib(MIN_FREE_MEMORY)}`, fixZh: '关闭其他程序，然后再试。' };
  }
  return {
    id: 'memory',
    ok: true,
    message: `${Number.isFinite(total) ? `Docker may use ${gib(total)}, ` : ''}${gib(free)} free`,
    messageZh: `${Number.isFinite(total) ? `Docker 最多可用 ${gib(total)}，` : ''}空闲 ${gib(free)}`,
  };
}

export async function kindCheck(env: PreflightEnv): Promise<PreflightCheck & { version?: string }> {
  const r = await tryRun(env.runner, env.kind, ['version']);
  const version = r instanceof ExecError ? undefined : parseKindVersion(r.stdout + r.stderr);
  if (!version) {
    return { id: 'kind', ok: false, message: 'kind is not installed (or not on PATH)', fix: `Install kind v${KIND_MIN_VERSION} and put it on PATH, or import a lab pack, which brings it.`, messageZh: '没有安装 kind（或不在 PATH 中）', fixZh: `安装 kind v${KIND_MIN_VERSION} 并放进 PATH，或者导入自带 kind 的实验包。` };
  }
  if (compareVersions(version, KIND_MIN_VERSION) < 0) {
    return { id: 'kind', ok: false, message: `kind v${version} is older than v${KIND_MIN_VERSION}, whose node images podlab uses`, fix: `Install kind v${KIND_MIN_VERSION} or newer.`, messageZh: `kind v${version} 低于 podlab 所用节点镜像需要的 v${KIND_MIN_VERSION}`, fixZh: `安装 kind v${KIND_MIN_VERSION} 或更新版本。`, version };
  }
  return { id: 'kind', ok: true, message: `kind v${version}`, messageZh: `kind v${version}`, version };
}

export async function portCheck(env: PreflightEnv): Promise<PreflightCheck> {
  if (await env.clusterExists()) return { id: 'port', ok: true, message: `cluster ${env.clusterName} already uses port ${env.apiPort}`, messageZh: `集群 ${env.clusterName} 已在使用端口 ${env.apiPort}` };
  const free = await (env.isPortFree ?? isPortFree)(env.apiPort);
  return free
    ? { id: 'port', ok: true, message: `port ${env.apiPort} on 127.0.0.1 is free for the API server`, messageZh: `127.0.0.1 上的端口 ${env.apiPort} 空闲，可供 API 服务器使用` }
    : {
        id: 'port',
        ok: false,
        message: `port ${env.apiPort} on 127.0.0.1 is in use, so the cluster's API server cannot listen there`,
        fix: `Stop what uses port ${env.apiPort} (\`ss -ltnp | grep ${env.apiPort}\`), or delete an old kind cluster with \`kind delete cluster --name ${env.clusterName}\`.`,
        messageZh: `127.0.0.1 上的端口 ${env.apiPort} 已被占用，集群的 API 服务器无法在那里监听`,
        fixZh: `停止占用端口 ${env.apiPort} 的程序（\`ss -ltnp | grep ${env.apiPort}\`），或用 \`kind delete cluster --name ${env.clusterName}\` 删除旧的 kind 集群。`,
      };
}

/** Is the node image here, or can it be pulled? A digest-pinned ref matches only an image pulled by that digest. */
export async function nodeImageCheck(env: PreflightEnv): Promise<PreflightCheck> {
  const ref = env.settings.nodeImage;
  if (await localImageId(env.runner, ref)) return { id: 'node-image', ok: true, message: `node image ${ref} is in Docker`, messageZh: `节点镜像 ${ref} 已在 Docker 中` };
  const loadFix = `Import a lab pack (\`podlab pack import FILE\`); or, on a connected machine, \`docker pull ${ref}\` and \`docker save\` it, then here \`docker load -i FILE\` and \`podlab settings set cluster.nodeImage <its tag>\`.`;
  if (isDigestPinned(ref) && (await localImageId(env.runner, withoutDigest(ref)))) {
    return {
      id: 'node-image',
      ok: false,
      message: `node image ${ref} is pinned by digest, which only a pulled image carries; Docker has ${withoutDigest(ref)} without it (a loaded copy), and kind would try to pull`,
      fix: `Use the local copy: \`podlab settings set cluster.nodeImage ${withoutDigest(ref)}\` (or \`podlab cluster up --node-image ${withoutDigest(ref)}\`).`,
      messageZh: `节点镜像 ${ref} 用摘要固定，只有拉取来的镜像才带有摘要；Docker 中的 ${withoutDigest(ref)} 没有它（是载入的副本），所以 kind 会尝试拉取`,
      fixZh: `使用本地副本：\`podlab settings set cluster.nodeImage ${withoutDigest(ref)}\`（或 \`podlab cluster up --node-image ${withoutDigest(ref)}\`）。`,
    };
  }
  if (env.settings.httpsProxy || (await dockerHasMirrors(env.runner))) {
    return {
      id: 'node-image',
      ok: true,
      message: `node image ${ref} is not in Docker yet; it will be pulled (about 1 GB) through ${env.settings.httpsProxy ? 'the proxy' : "Docker's registry mirror"}`,
      messageZh: `节点镜像 ${ref} 还不在 Docker 中；将通过${env.settings.httpsProxy ? '代理' : ' Docker 的镜像仓库加速'}拉取（约 1 GB）`,
    };
  }
  const host = new URL(registryUpstream(imageRegistry(ref))).hostname;
  try {
    await withDeadline((env.resolveHost ?? resolveHost)(host), 3000, `looking up ${host} took over 3 s`);
    return {
      id: 'node-image',
      ok: true,
      message: `node image ${ref} is not in Docker yet; it will be pulled from ${host} (about 1 GB) when the cluster is created`,
      messageZh: `节点镜像 ${ref} 还不在 Docker 中；创建集群时将从 ${host} 拉取（约 1 GB）`,
    };
  } catch (e) {
    return {
      id: 'node-image',
      ok: false,
      message: `node image ${ref} is not in Docker, and ${host} cannot be reached (${(e as Error).message}), so it cannot be pulled`,
      fix: loadFix,
      messageZh: `节点镜像 ${ref} 不在 Docker 中，而 ${host} 连不上（${(e as Error).message}），所以无法拉取`,
      fixZh: `导入实验包（\`podlab pack import FILE\`）；或在联网的机器上 \`docker pull ${ref}\` 并 \`docker save\`，然后在这里 \`docker load -i FILE\` 并 \`podlab settings set cluster.nodeImage <它的标签>\`。`,
    };
  }
}

async function dockerHasMirrors(runner: Runner): Promise<boolean> {
  const r = await tryRun(runner, 'docker', ['info', '--format', '{{json .RegistryConfig.Mirrors}}']);
  if (r instanceof ExecError || r.exitCode !== 0) return false;
  const mirrors = JSON.parse(r.stdout.trim() || 'null') as unknown;
  return Array.isArray(mirrors) && mirrors.length > 0;
}

async function resolveHost(host: string): Promise<void> {
  await lookup(host);
}

function withDeadline<T>(p: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)));
  return Promise.race([p, deadline]).finally(() => clearTimeout(timer));
}

function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
