// SPDX-License-Identifier: Apache-2.0
// Before a run creates anything: can this cluster show what the lesson teaches? Its images on the
// node (and the ones it needs absent, not), the node's allocatable resources, and for a lesson about
// failed pulls no registry mirror that would make them succeed. The checks are pure; assertRunnable gathers the facts.
import type { NodeAllocatable, ScenarioDocument } from '@contract/scenario';
import { imageRegistry } from '../cluster/image-ref';
import type { ClusterProvider, NodeImageList } from '../cluster/provider';
import { KubeApiError, type KubeApi } from '../kube/kube-api';
import { readNodes, type NodeFacts } from '../kube/nodes';
import { formatBytes, parseQuantity } from '../kube/quantity';
import { AppError, errorMessage } from '../util/errors';
import { noopLogger, type Logger } from '../util/log';
import { absentImages, containerImages, lessonImagesToLoad } from './images';

export interface RunnableScenario {
  id: string;
  doc: ScenarioDocument;
  /** the manifests as they will be applied: the lesson's, or a "what if" edit of them */
  manifests: Record<string, string>;
}

export interface RunPreflightFacts {
  provider: 'kind' | 'existing';
  /** undefined where the nodes could not be read (a kubeconfig without the right to list them) */
  nodes?: NodeFacts[];
  /** from the provider where it can ask the runtime; otherwise the kubelet's lists in `nodes` are used */
  nodeImages?: NodeImageList[];
  /** cluster.registryMirrors; only the kind cluster's node reads them */
  registryMirrors: Record<string, string>;
  /** the kind node's container, for the commands the messages suggest */
  kindNode?: string;
}

/** Every reason this scenario cannot run as it should on this cluster, each with what to do about it. */
export function runPreflightProblems(scenario: RunnableScenario, facts: RunPreflightFacts): string[] {
  const problems: string[] = [];
  const nodes = facts.nodes ? candidateNodes(facts.nodes) : undefined;
  if (nodes) {
    const names = new Set(nodes.map((n) => n.name));
    const provided = facts.nodeImages?.filter((l) => names.has(l.node));
    const lists = provided?.length ? provided : nodes.map((n) => n.images);
    problems.push(...imageProblems(scenario, lists, facts));
    const required = scenario.doc.spec.requires?.nodeAllocatable;
    if (required) problems.push(...allocatableProblems(required, nodes, facts.nodes!.length));
  }
  if (scenario.doc.spec.images?.failedPulls && facts.provider === 'kind') problems.push(...mirrorProblems(scenario, facts.registryMirrors));
  return problems;
}

export function runPreflightError(scenarioId: string, problems: string[]): AppError {
  return new AppError('RUN_PREFLIGHT_FAILED', `${scenarioId} cannot run on this cluster:\n${problems.map((p) => `  - ${p}`).join('\n')}`, { details: { problems } });
}

/** One node: that node. Several: the Ready, schedulable ones, where the lesson's pods can land. */
function candidateNodes(nodes: NodeFacts[]): NodeFacts[] {
  return nodes.length <= 1 ? nodes : nodes.filter((n) => n.ready && n.schedulable);
}

/** The images a run needs on the node: the lesson's, less those only Always containers run (the kubelet pulls those whatever the node has). */
function neededImages(scenario: RunnableScenario): string[] {
  const uses = Object.values(scenario.manifests).flatMap(containerImages);
  const onlyAlways = (image: string) => {
    const policies = uses.filter((u) => u.image === image).map((u) => u.pullPolicy);
    return policies.length > 0 && policies.every((p) => p === 'Always');
  };
  return lessonImagesToLoad(scenario).filter((i) => !onlyAlways(i));
}

function imageProblems(scenario: RunnableScenario, lists: NodeImageList[], facts: RunPreflightFacts): string[] {
  const problems: string[] = [];
  const several = lists.length > 1;
  const where = (l: NodeImageList) => (several ? `on node ${l.node}` : 'on the node');
  for (const l of lists) {
    // a cut-short list that lacks an image says nothing about it
    const missing = l.complete ? neededImages(scenario).filter((i) => !l.images.has(i)) : [];
    if (missing.length) {
      problems.push(`${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} not ${where(l)}, and this lesson runs ${missing.length > 1 ? 'them' : 'it'}: the kubelet would try a pull, which an offline lab cannot do and which changes what the lesson shows. ${missingFix(facts)}`);
    }
  }
  const named = new Set(Object.values(scenario.manifests).flatMap((m) => containerImages(m).map((c) => c.image)));
  for (const image of absentImages(scenario)) {
    if (!named.has(image)) continue; // a "what if" edit swapped it out: whether the node has it no longer matters
    for (const l of lists) {
      if (!l.images.has(image)) continue;
      problems.push(`${image} is ${where(l)}, but this lesson is about it being absent: the kubelet would find it and the lesson would show the wrong thing. Remove it from the node: ${removeCommand(facts, image)}.`);
    }
  }
  return problems;
}

function missingFix(facts: RunPreflightFacts): string {
  return facts.provider === 'kind'
    ? 'Import the lab pack (podlab pack import FILE), or run `podlab cluster up` to load the lessons\' images from your Docker (docker pull them first where you reach a registry).'
    : 'Put the images on the node: `crictl pull IMAGE` on the node where it reaches a registry, or `ctr -n k8s.io images import FILE` with the images of a lab pack.';
}

function removeCommand(facts: RunPreflightFacts, image: string): string {
  return facts.provider === 'kind' ? `docker exec ${facts.kindNode ?? 'podlab-control-plane'} crictl rmi ${image}` : `crictl rmi ${image} (on the node)`;
}

function allocatableProblems(required: NodeAllocatable, nodes: NodeFacts[], total: number): string[] {
  const wanted = Object.entries(required) as Array<[string, string]>;
  const fits = (n: NodeFacts) => wanted.every(([r, q]) => (parseQuantity(n.allocatable[r] ?? '0') ?? 0) >= parseQuantity(q)!);
  if (nodes.some(fits)) return [];
  const needs = wanted.map(([r, q]) => `${r} ${q}`).join(', ');
  if (!nodes.length) return [`This lesson needs a node with allocatable ${needs}, and none of the ${total} nodes is Ready and schedulable.`];
  const has = nodes.map((n) => `${nodes.length > 1 || total > 1 ? `node ${n.name} has ` : 'the node has '}${wanted.map(([r]) => `${r} ${describe(r, n.allocatable[r])}`).join(', ')}`);
  return [`This lesson needs a node with allocatable ${needs}; ${has.join('; ')} (kubectl describe node: Allocatable). Give the node more (on kind: more CPUs or memory for Docker), or use a larger cluster.`];
}

function describe(resource: string, value: string | undefined): string {
  if (value === undefined) return 'none';
  const v = parseQuantity(value);
  return (resource === 'memory' || resource === 'ephemeral-storage') && v !== undefined && !/^\d+(Mi|Gi)$/.test(value) ? `${value} (${formatBytes(v)})` : value;
}

function mirrorProblems(scenario: RunnableScenario, mirrors: Record<string, string>): string[] {
  const images = [...new Set(Object.values(scenario.manifests).flatMap((m) => containerImages(m).map((c) => c.image)))];
  const registries = [...new Set(images.map(imageRegistry))].filter((r) => mirrors[r] !== undefined);
  return registries.map(
    (r) =>
      `This lesson teaches pulls that fail, but cluster.registryMirrors sends ${r} to ${mirrors[r]}, so the node would pull ${images.filter((i) => imageRegistry(i) === r).join(', ')} from there and the pull would succeed. Remove the ${r} entry (\`podlab settings unset cluster.registryMirrors\`, or set it again without ${r}), then \`podlab cluster up\` so the node forgets the mirror.`,
  );
}

export interface RunPreflightEnv {
  provider: Pick<ClusterProvider, 'kind' | 'nodeImages'> & { nodeName?: string };
  rest: KubeApi;
  registryMirrors: Record<string, string>;
  log?: Logger;
}

/** Gathers the facts and throws RUN_PREFLIGHT_FAILED with every problem; a fact it cannot read is not a reason to refuse. */
export async function assertRunnable(scenario: RunnableScenario, env: RunPreflightEnv): Promise<void> {
  const log = env.log ?? noopLogger;
  const nodes = await readNodes(env.rest).catch((e: unknown) => {
    // a learner's kubeconfig may create namespaces without the right to list nodes
    if (e instanceof KubeApiError && e.status === 403) {
      log.warn(`run preflight: cannot list nodes (${errorMessage(e)}); not checking images or allocatable`);
      return undefined;
    }
    throw e;
  });
  const nodeImages = env.provider.nodeImages
    ? await env.provider.nodeImages().catch((e: unknown) => {
        log.warn(`run preflight: the provider could not list the node's images (${errorMessage(e)}); using the kubelet's list`);
        return undefined;
      })
    : undefined;
  const problems = runPreflightProblems(scenario, {
    provider: env.provider.kind,
    ...(nodes ? { nodes } : {}),
    ...(nodeImages ? { nodeImages } : {}),
    registryMirrors: env.registryMirrors,
    ...(env.provider.nodeName ? { kindNode: env.provider.nodeName } : {}),
  });
  if (problems.length) throw runPreflightError(scenario.id, problems);
}
