// SPDX-License-Identifier: Apache-2.0
// Server-side apply of manifest objects into one namespace, with a dry run that checks them all first.
import { AppError } from '../util/errors';
import type { ManifestObject } from '../scenarios/manifest-check';
import { KubeApiError, type KubeApi } from './kube-api';
import type { ResourceResolver } from './resources';

export const FIELD_MANAGER = 'podlab';

export interface SourcedObject {
  file: string;
  object: ManifestObject;
}

function label(o: SourcedObject): string {
  return `${o.file}: ${o.object.kind} ${o.object.metadata.name}`;
}

export async function applyObject(rest: KubeApi, resolver: ResourceResolver, namespace: string, o: SourcedObject, dryRun: boolean): Promise<void> {
  const path = await resolver.path(o.object.apiVersion, o.object.kind, namespace, o.object.metadata.name);
  const body = { ...o.object, metadata: { ...o.object.metadata, namespace } };
  await rest.request('PATCH', path, {
    body,
    contentType: 'application/apply-patch+yaml',
    query: { fieldManager: FIELD_MANAGER, force: true, ...(dryRun ? { dryRun: 'All' } : {}) },
  });
}

/**
 * Validates every object with the API server's dry run; throws one error listing every refusal.
 * What the API server refused is said to be its refusal; what failed on podlab's side before a
 * request was made (a kind discovery does not know) is said to be podlab's.
 */
export async function dryRunAll(rest: KubeApi, resolver: ResourceResolver, namespace: string, objects: SourcedObject[]): Promise<void> {
  const byServer: string[] = [];
  const byPodlab: string[] = [];
  for (const o of objects) {
    try {
      await applyObject(rest, resolver, namespace, o, true);
    } catch (e) {
      if (e instanceof KubeApiError) byServer.push(`${label(o)}: ${(e.body as { message?: string })?.message ?? e.message}`);
      else byPodlab.push(`${label(o)}: ${(e as Error).message}`);
    }
  }
  const parts = [
    ...(byServer.length ? [`the API server refused ${byServer.length === 1 ? 'a manifest' : 'manifests'}:\n${byServer.join('\n')}`] : []),
    ...(byPodlab.length ? [`podlab could not send ${byPodlab.length === 1 ? 'a manifest' : 'manifests'}:\n${byPodlab.join('\n')}`] : []),
  ];
  if (parts.length) {
    const [first, ...others] = parts;
    const message = `${first!.replace(/:\n/, ' (nothing was created):\n')}${others.map((p) => `\n${p}`).join('')}`;
    throw new AppError('MANIFEST_REJECTED', message, { details: [...byServer, ...byPodlab] });
  }
}

export async function applyAll(rest: KubeApi, resolver: ResourceResolver, namespace: string, objects: SourcedObject[]): Promise<void> {
  for (const o of objects) {
    try {
      await applyObject(rest, resolver, namespace, o, false);
    } catch (e) {
      throw new AppError('APPLY_FAILED', `apply ${label(o)}`, { cause: e });
    }
  }
}
