// SPDX-License-Identifier: Apache-2.0
// Inside the kind node: the images its containerd has, and the registry
// mirrors containerd reads (hosts.toml files, read again at every pull, so no restart is needed).
import type { Runner } from '../util/exec';
import { dockerExec } from './docker-cli';
import { normalizeImageRef } from './image-ref';
import { CERTS_D, closedDefaultHostsToml, hostsToml, PODLAB_MARKER } from './kind-config';

/** Every tag the node's containerd (the k8s.io namespace, what the kubelet sees) has, normalized. */
export async function nodeImages(runner: Runner, node: string): Promise<Set<string>> {
  const r = await dockerExec(runner, node, ['crictl', 'images', '-o', 'json']);
  const list = (JSON.parse(r.stdout) as { images?: Array<{ repoTags?: string[] | null }> }).images ?? [];
  return new Set(list.flatMap((i) => i.repoTags ?? []).map(normalizeImageRef));
}

/**
 * Writes one hosts.toml per mirror, removes the ones podlab wrote for mirrors no longer set, and
 * closes every other registry (`_default`, see closedDefaultHostsToml).
 * Registry names come through the settings schema: host[:port], nothing a shell would read.
 */
export async function writeRegistryMirrors(runner: Runner, node: string, mirrors: Record<string, string>): Promise<void> {
  const keep = Object.keys(mirrors).join(' ');
  const forget = [
    `mkdir -p ${CERTS_D} && cd ${CERTS_D}`,
    `for f in */hosts.toml; do [ -f "$f" ] || continue; d=\${f%/hosts.toml}`,
    `  case " ${keep} " in *" $d "*) ;; *) grep -qF '${PODLAB_MARKER}' "$f" && rm -rf "$d" ;; esac`,
    'done; true',
  ].join('\n');
  await dockerExec(runner, node, ['sh', '-c', forget]);
  await writeHostsToml(runner, node, '_default', closedDefaultHostsToml());
  for (const [registry, url] of Object.entries(mirrors)) await writeHostsToml(runner, node, registry, hostsToml(registry, url));
}

function writeHostsToml(runner: Runner, node: string, folder: string, text: string): Promise<unknown> {
  return dockerExec(runner, node, ['sh', '-c', `mkdir -p '${CERTS_D}/${folder}' && cat > '${CERTS_D}/${folder}/hosts.toml'`], { input: text });
}
