// SPDX-License-Identifier: Apache-2.0
// The kind provider: preflight, create or reuse a cluster named podlab, delete it — all through a Runner.
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { errorMessage } from '../util/errors';
import { ExecError, runChecked, type RunResult, type Runner } from '../util/exec';
import {
  compareVersions,
  KIND_API_PORT,
  KIND_CLUSTER_NAME,
  KIND_MIN_VERSION,
  KIND_NODE_IMAGE,
  kindConfigYaml,
  parseKindClusters,
  parseKindVersion,
} from './kind-config';
import type { ClusterConnection, ClusterFailure, ClusterProgress, ClusterProvider, ClusterStatus, PreflightCheck } from './provider';

export interface KindProviderOptions {
  runner: Runner;
  /** the app's data folder; the cluster's kubeconfig lives here, never in ~/.kube/config */
  dataDir: string;
  name?: string;
  apiPort?: number;
  nodeImage?: string;
  /** injectable for tests */
  isPortFree?: (port: number) => Promise<boolean>;
}

/** kind prints these as it goes; each is a step of the progress bar. */
const CREATE_STEPS = ['Ensuring node image', 'Preparing nodes', 'Writing configuration', 'Starting control-plane', 'Installing CNI', 'Installing StorageClass', 'Waiting'];

export class KindProvider implements ClusterProvider {
  readonly kind = 'kind' as const;
  private readonly name: string;
  private readonly apiPort: number;
  private readonly nodeImage: string;
  private failure: ClusterFailure | undefined;

  constructor(private readonly opts: KindProviderOptions) {
    this.name = opts.name ?? KIND_CLUSTER_NAME;
    this.apiPort = opts.apiPort ?? KIND_API_PORT;
    this.nodeImage = opts.nodeImage ?? KIND_NODE_IMAGE;
  }

  get kubeconfigPath(): string {
    return join(this.opts.dataDir, 'kind', `${this.name}.kubeconfig`);
  }

  lastFailure(): ClusterFailure | undefined {
    return this.failure;
  }

  async preflight(): Promise<PreflightCheck[]> {
    const checks: PreflightCheck[] = [];
    const docker = await this.tryRun('docker', ['version', '--format', '{{.Server.Version}}']);
    if (docker instanceof Error || docker.exitCode !== 0) {
      const notInstalled = docker instanceof ExecError && /not found/.test(docker.output);
      checks.push({
        id: 'docker',
        ok: false,
        message: notInstalled ? 'Docker is not installed' : 'Docker is installed but its daemon is not reachable',
        fix: notInstalled
          ? 'Install Docker (Docker Desktop, or the docker.io package on Linux), then start it.'
          : 'Start Docker (Docker Desktop, or `sudo systemctl start docker`), and make sure your user may use it (`docker ps` works).',
      });
    } else {
      checks.push({ id: 'docker', ok: true, message: `Docker ${docker.stdout.trim()} is running` });
    }
    const kind = await this.tryRun('kind', ['version']);
    const version = kind instanceof Error ? undefined : parseKindVersion(kind.stdout + kind.stderr);
    if (!version) {
      checks.push({
        id: 'kind',
        ok: false,
        message: 'kind is not installed (or not on PATH)',
        fix: `Install kind v${KIND_MIN_VERSION} (a lab pack ships it), and put it on PATH.`,
      });
    } else if (compareVersions(version, KIND_MIN_VERSION) < 0) {
      checks.push({
        id: 'kind',
        ok: false,
        message: `kind v${version} is older than v${KIND_MIN_VERSION}, whose node image podlab pins`,
        fix: `Install kind v${KIND_MIN_VERSION} or newer.`,
      });
    } else {
      checks.push({ id: 'kind', ok: true, message: `kind v${version}` });
    }
    const status = version ? await this.status() : undefined;
    if (status?.state === 'running') {
      checks.push({ id: 'port', ok: true, message: `cluster ${this.name} already uses port ${this.apiPort}` });
    } else {
      const free = await (this.opts.isPortFree ?? isPortFree)(this.apiPort);
      checks.push(
        free
          ? { id: 'port', ok: true, message: `port ${this.apiPort} on 127.0.0.1 is free for the API server` }
          : {
              id: 'port',
              ok: false,
              message: `port ${this.apiPort} on 127.0.0.1 is in use, so the cluster's API server cannot listen there`,
              fix: `Stop what uses port ${this.apiPort} (\`ss -ltnp | grep ${this.apiPort}\`), or delete an old kind cluster with \`kind delete cluster --name ${this.name}\`.`,
            },
      );
    }
    return checks;
  }

  async status(): Promise<ClusterStatus> {
    const r = await this.tryRun('kind', ['get', 'clusters']);
    if (r instanceof Error || r.exitCode !== 0) return { state: 'unreachable', detail: r instanceof Error ? errorMessage(r) : r.stderr.trim() };
    if (!parseKindClusters(r.stdout).includes(this.name)) return { state: 'absent', detail: `no kind cluster named ${this.name}` };
    const node = `${this.name}-control-plane`;
    const inspect = await this.opts.runner.run('docker', ['inspect', '-f', '{{.State.Running}}', node]);
    if (inspect.exitCode === 0 && inspect.stdout.trim() === 'true') return { state: 'running', detail: `${node} is running` };
    return { state: 'stopped', detail: `${node} exists but is not running (start it with \`docker start ${node}\`)` };
  }

  async ensure(onProgress?: (p: ClusterProgress) => void): Promise<ClusterConnection> {
    return this.recordFailure(async () => {
      await mkdir(join(this.opts.dataDir, 'kind'), { recursive: true });
      const status = await this.status();
      if (status.state === 'stopped') {
        onProgress?.({ step: `starting ${this.name}-control-plane`, fraction: 0.2 });
        await runChecked(this.opts.runner, 'docker', ['start', `${this.name}-control-plane`]);
      }
      if (status.state === 'running' || status.state === 'stopped') {
        onProgress?.({ step: `reusing kind cluster ${this.name}`, fraction: 0.8 });
        const kc = await runChecked(this.opts.runner, 'kind', ['get', 'kubeconfig', '--name', this.name]);
        await writeFile(this.kubeconfigPath, kc.stdout, { mode: 0o600 });
      } else {
        const configFile = join(this.opts.dataDir, 'kind', `${this.name}.kind-config.yaml`);
        await writeFile(configFile, kindConfigYaml({ name: this.name, apiPort: this.apiPort, image: this.nodeImage }));
        onProgress?.({ step: `creating kind cluster ${this.name}`, fraction: 0 });
        await runChecked(
          this.opts.runner,
          'kind',
          ['create', 'cluster', '--name', this.name, '--config', configFile, '--kubeconfig', this.kubeconfigPath, '--wait', '180s'],
          {
            timeoutMs: 15 * 60_000,
            onLine: (line) => {
              const i = CREATE_STEPS.findIndex((s) => line.includes(s));
              if (i >= 0) onProgress?.({ step: line.trim(), fraction: (i + 1) / (CREATE_STEPS.length + 1) });
            },
          },
        );
      }
      onProgress?.({ step: 'ready', fraction: 1 });
      return { provider: 'kind', name: this.name, kubeconfigPath: this.kubeconfigPath, context: `kind-${this.name}` };
    });
  }

  async delete(onProgress?: (p: ClusterProgress) => void): Promise<void> {
    await this.recordFailure(async () => {
      onProgress?.({ step: `deleting kind cluster ${this.name}`, fraction: 0 });
      await runChecked(this.opts.runner, 'kind', ['delete', 'cluster', '--name', this.name, '--kubeconfig', this.kubeconfigPath]);
      onProgress?.({ step: 'deleted', fraction: 1 });
    });
  }

  /** A command that may fail to start at all (not installed): the error comes back as a value. */
  private tryRun(command: string, args: string[]): Promise<RunResult | Error> {
    return this.opts.runner.run(command, args).catch((e: unknown) => (e instanceof Error ? e : new Error(String(e))));
  }

  private async recordFailure<T>(work: () => Promise<T>): Promise<T> {
    try {
      const result = await work();
      this.failure = undefined;
      return result;
    } catch (e) {
      this.failure = {
        at: new Date().toISOString(),
        message: errorMessage(e),
        ...(e instanceof ExecError ? { argv: e.argv, output: e.output } : {}),
      };
      throw e;
    }
  }
}

function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

export { KIND_NODE_IMAGE };
