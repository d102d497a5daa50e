// SPDX-License-Identifier: Apache-2.0
// A KubeApi from a kubeconfig: podlab's own HTTPS client (https-kube.ts) wherever the kubeconfig's
// auth allows, so no command loads client-node (~80 MB of RSS); client-node, loaded only then, for
// the auth podlab does not implement (exec plugins, auth providers, a proxy-url).
import { readFile } from 'node:fs/promises';
import { AppError, errorMessage } from '../util/errors';
import { HttpsKube } from './https-kube';
import type { KubeApi } from './kube-api';
import { kubeconfigDir, readKubeconfig, type KubeconfigRead } from './kubeconfig';

/** Opens a kubeconfig file (its current context, or `context`) as a KubeApi. */
export type KubeConnector = (kubeconfigPath: string, context?: string) => Promise<KubeApi>;

export const connectKube: KubeConnector = async (kubeconfigPath, context) => {
  const text = await readKubeconfigFile(kubeconfigPath);
  return connectTo(readKubeconfig(text, kubeconfigPath, { context, baseDir: kubeconfigDir(kubeconfigPath) }), async () => (await import('./client-node-kube')).ClientNodeKube.fromFile(kubeconfigPath, context));
};

/** A kubeconfig held in memory (what `kind get kubeconfig` prints). */
export async function connectKubeFromText(kubeconfig: string): Promise<KubeApi> {
  return connectTo(readKubeconfig(kubeconfig, 'the kubeconfig'), async () => (await import('./client-node-kube')).ClientNodeKube.fromText(kubeconfig));
}

/** podlab's own client where the kubeconfig's auth allows it; client-node, loaded only then, where it does not. */
async function connectTo(read: KubeconfigRead, viaClientNode: () => Promise<KubeApi>): Promise<KubeApi> {
  return 'target' in read ? new HttpsKube(read.target) : viaClientNode();
}

async function readKubeconfigFile(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    throw new AppError('KUBECONFIG_FILE', `cannot read the kubeconfig ${path}: ${errorMessage(e)}`, { cause: e });
  }
}
