// SPDX-License-Identifier: Apache-2.0
// A pretend Docker + kind for unit tests of the kind provider's logic: it answers the commands the
// provider runs from a little state (clusters, node container, images). Never proof that kind works.
import { readFileSync } from 'node:fs';
import { ExecError, type RunOptions, type RunResult } from '../../src-main/core/util/exec';
import { normalizeImageRef } from '../../src-main/core/cluster/image-ref';
import { fail, ok, type Script } from './fake-runner';

export interface KindWorld {
  dockerVersion: string | 'absent' | 'down';
  kindVersion: string | 'absent';
  memTotal: number;
  mirrors: string[];
  /** images in the local Docker, by ref as given */
  dockerImages: Set<string>;
  /** docker pull succeeds for these */
  pullable: Set<string>;
  cluster?: { name: string; running: boolean; image: string; imageId?: string; nodeImages: Set<string> };
  /** kind create fails with this output */
  createFails?: string;
  kindCreateLines: string[];
  /** every command run inside the node */
  nodeExec: Array<{ argv: string[]; input?: string }>;
}

export function newWorld(over: Partial<KindWorld> = {}): KindWorld {
  return {
    dockerVersion: '28.2.2',
    kindVersion: '0.30.0',
    memTotal: 24 * 1024 ** 3,
    mirrors: [],
    dockerImages: new Set(),
    pullable: new Set(),
    kindCreateLines: [' • Ensuring node image (img) 🖼  ...', ' ✓ Ensuring node image (img) 🖼', ' ✓ Preparing nodes 📦', ' ✓ Starting control-plane 🕹️', ' ✓ Waiting ≤ 3m0s for control-plane = Ready ⏳'],
    nodeExec: [],
    ...over,
  };
}

export function kindWorldScript(w: KindWorld): Script {
  return (argv: string[], options?: RunOptions): RunResult | Error => {
    const [cmd, ...args] = argv;
    const line = args.join(' ');
    const kindCmd = cmd!.endsWith('kind');
    if (cmd === 'docker') {
      if (w.dockerVersion === 'absent') return new ExecError(argv, undefined, 'docker: not found');
      if (w.dockerVersion === 'down') return fail(1, 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock');
      if (line.startsWith('version')) return ok(`${w.dockerVersion}\n`);
      if (line === 'info --format {{.MemTotal}}') return ok(`${w.memTotal}\n`);
      if (line.startsWith('info --format {{json .RegistryConfig.Mirrors}}')) return ok(`${JSON.stringify(w.mirrors)}\n`);
      if (line.startsWith('image inspect')) return w.dockerImages.has(args.at(-1)!) || [...w.dockerImages].some((i) => normalizeImageRef(i) === args.at(-1)) ? ok('sha256:abc\n') : fail(1, `Error: No such image: ${args.at(-1)}`);
      if (line.startsWith('pull')) {
        const ref = args[1]!;
        if (!w.pullable.has(ref)) return fail(1, 'Error response from daemon: Get "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io: no such host');
        options?.onLine?.('Pulling from kindest/node', 'stdout');
        w.dockerImages.add(ref);
        return ok();
      }
      if (line.startsWith('inspect --type container')) {
        const c = w.cluster;
        if (!c || args.at(-1) !== `${c.name}-control-plane`) return fail(1, 'Error: No such container');
        return ok(`${c.running} ${JSON.stringify(c.image)} ${JSON.stringify(c.imageId ?? 'sha256:abc')}\n`);
      }
      if (line.startsWith('start ')) {
        if (w.cluster) w.cluster.running = true;
        return ok();
      }
      if (args[0] === 'exec') {
        const rest = args.slice(args[1] === '-i' ? 3 : 2);
        w.nodeExec.push({ argv: rest, ...(options?.input !== undefined ? { input: options.input } : {}) });
        if (rest.join(' ') === 'crictl images -o json') return ok(JSON.stringify({ images: [...(w.cluster?.nodeImages ?? [])].map((t) => ({ repoTags: [t] })) }));
        if (rest.join(' ') === 'cat /kind/version') return ok('v1.34.0\n');
        return ok();
      }
    }
    if (kindCmd) {
      if (w.kindVersion === 'absent') return new ExecError(argv, undefined, `${cmd}: not found`);
      if (line === 'version') return ok(`kind v${w.kindVersion} go1.24.6 linux/amd64\n`);
      if (line === 'get clusters') return w.cluster ? ok(`${w.cluster.name}\n`) : ok('', 'No kind clusters found.\n');
      if (line.startsWith('get kubeconfig')) return w.cluster ? ok('apiVersion: v1\nkind: Config\n') : fail(1, 'ERROR: could not locate any control plane nodes');
      if (line.startsWith('create cluster')) {
        for (const l of w.kindCreateLines) options?.onLine?.(l, 'stderr');
        const name = args[args.indexOf('--name') + 1]!;
        if (w.createFails) {
          w.cluster = { name, running: true, image: 'half-made', nodeImages: new Set() };
          return fail(1, w.createFails);
        }
        const config = readFileSync(args[args.indexOf('--config') + 1]!, 'utf8');
        w.cluster = { name, running: true, image: /image: (\S+)/.exec(config)![1]!, nodeImages: new Set() };
        return ok();
      }
      if (line.startsWith('export logs')) return ok();
      if (line.startsWith('delete cluster')) {
        w.cluster = undefined;
        return ok();
      }
      if (line.startsWith('load docker-image')) {
        w.cluster?.nodeImages.add(normalizeImageRef(args[2]!));
        return ok();
      }
    }
    return fail(127, `unexpected: ${argv.join(' ')}`);
  };
}
