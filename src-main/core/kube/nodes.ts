// SPDX-License-Identifier: Apache-2.0
// The cluster's nodes as a run's preflight sees them: Ready, schedulable, allocatable, and the
// images the kubelet reports (node.status.images: at most 50 a node, the largest first, by default).
import type { NodeImageList } from '../cluster/provider';
import { normalizeImageRef } from '../cluster/image-ref';
import type { KubeApi } from './kube-api';

/** The kubelet's nodeStatusMaxImages default: a node listing this many may have more. */
export const KUBELET_MAX_IMAGES = 50;

export interface NodeFacts {
  name: string;
  ready: boolean;
  /** not cordoned and no NoSchedule/NoExecute taint (the lessons' pods tolerate none) */
  schedulable: boolean;
  /** status.allocatable as the API gives it: { cpu: "4", memory: "16283944Ki", pods: "110" } */
  allocatable: Record<string, string>;
  images: NodeImageList;
}

export interface NodeJson {
  metadata: { name: string };
  spec?: { unschedulable?: boolean; taints?: Array<{ key: string; effect: string }> };
  status?: {
    allocatable?: Record<string, string>;
    conditions?: Array<{ type: string; status: string }>;
    images?: Array<{ names?: string[] | null }>;
  };
}

export function nodeFacts(n: NodeJson): NodeFacts {
  const listed = n.status?.images ?? [];
  const names = listed.flatMap((i) => i.names ?? []).filter((name) => !name.endsWith('@<none>'));
  return {
    name: n.metadata.name,
    ready: n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false,
    schedulable: !n.spec?.unschedulable && !(n.spec?.taints ?? []).some((t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute'),
    allocatable: n.status?.allocatable ?? {},
    images: { node: n.metadata.name, images: new Set(names.map(normalizeImageRef)), complete: listed.length < KUBELET_MAX_IMAGES },
  };
}

export async function readNodes(rest: KubeApi): Promise<NodeFacts[]> {
  const list = await rest.request<{ items: NodeJson[] }>('GET', '/api/v1/nodes', { timeoutMs: 10_000 });
  return list.items.map(nodeFacts);
}
