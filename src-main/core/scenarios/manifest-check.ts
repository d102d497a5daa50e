// SPDX-License-Identifier: Apache-2.0
// Local checks of a scenario's manifests; the API server's dry-run does the rest before anything is created.
import { join } from 'node:path';
import { podSecurityFindings } from './pod-security';
import type { ScenarioProblem } from './scenario-error';
import { parseYamlStream, problemAt } from './yaml-source';

/** Cluster-scoped kinds would escape the run's namespace, so scenarios may not create them. */
const CLUSTER_SCOPED = new Set([
  'Namespace', 'Node', 'PersistentVolume', 'ClusterRole', 'ClusterRoleBinding', 'StorageClass',
  'CustomResourceDefinition', 'PriorityClass', 'RuntimeClass', 'ValidatingWebhookConfiguration',
  'MutatingWebhookConfiguration', 'APIService', 'CSIDriver', 'IngressClass',
]);

/** Namespaced, but they hand out API permissions (a RoleBinding may bind cluster-admin inside the namespace). */
const GRANTS_PERMISSIONS = new Set(['Role', 'RoleBinding']);

export interface ManifestCheckOptions {
  /** podlab's own Pod Security check; only the attack tests turn it off, to prove the namespace label holds alone */
  podSecurity?: boolean;
}

export interface ManifestObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; [k: string]: unknown };
  [k: string]: unknown;
}

export function parseManifest(file: string, text: string, options: ManifestCheckOptions = {}): { objects: ManifestObject[]; problems: ScenarioProblem[] } {
  const { docs, problems } = parseYamlStream(file, text);
  const objects: ManifestObject[] = [];
  if (problems.length) return { objects, problems };
  for (const source of docs) {
    const obj = source.doc.toJS() as unknown;
    if (obj === null || obj === undefined) continue; // an empty document between ---
    if (typeof obj !== 'object' || Array.isArray(obj)) {
      problems.push(problemAt(source, [], 'a manifest document must be a Kubernetes object (a mapping)'));
      continue;
    }
    const o = obj as Record<string, unknown>;
    const meta = o.metadata as Record<string, unknown> | undefined;
    if (typeof o.apiVersion !== 'string') problems.push(problemAt(source, ['apiVersion'], 'apiVersion is required'));
    if (typeof o.kind !== 'string') problems.push(problemAt(source, ['kind'], 'kind is required'));
    else if (CLUSTER_SCOPED.has(o.kind)) {
      problems.push(problemAt(source, ['kind'], `${o.kind} is cluster-scoped; a scenario may only create objects in its run's namespace`));
    }
    else if (GRANTS_PERMISSIONS.has(o.kind)) {
      problems.push(problemAt(source, ['kind'], `a lesson may not create a ${o.kind}: it would grant API permissions to the pods in the run's namespace`));
    }
    if (o.kind === 'Service' && Array.isArray((o.spec as Record<string, unknown> | undefined)?.externalIPs)) {
      problems.push(problemAt(source, ['spec', 'externalIPs'], 'a Service may not claim externalIPs: it would capture traffic to those addresses on the node (CVE-2020-8554)'));
    }
    if (options.podSecurity !== false) {
      const found = podSecurityFindings(o).map((f) => problemAt(source, f.path, f.message));
      problems.push(...found.sort((a, b) => a.line - b.line || a.column - b.column));
    }
    if (!meta || typeof meta.name !== 'string' || !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(meta.name)) {
      problems.push(problemAt(source, ['metadata', 'name'], 'metadata.name is required and must be a lowercase DNS name'));
    }
    if (meta && 'namespace' in meta) {
      problems.push(problemAt(source, ['metadata', 'namespace'], 'leave metadata.namespace out: every run gets its own namespace'));
    }
    if (!problems.length) objects.push(o as ManifestObject);
  }
  return { objects, problems };
}

export function checkManifests(dir: string, manifests: Record<string, string>): ScenarioProblem[] {
  const problems: ScenarioProblem[] = [];
  for (const [name, text] of Object.entries(manifests)) {
    const r = parseManifest(join(dir, name), text);
    problems.push(...r.problems);
    if (!r.problems.length && r.objects.length === 0) {
      problems.push({ file: join(dir, name), line: 1, column: 1, path: '', message: 'the manifest holds no objects' });
    }
  }
  return problems;
}
