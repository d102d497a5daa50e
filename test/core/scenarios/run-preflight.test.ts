// SPDX-License-Identifier: Apache-2.0
// The run preflight: images on the node (and absent ones not), allocatable, mirrors for failed-pull
// lessons; with fake nodes, a fake REST client and a fake provider.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { LoadedScenario } from '../../../src-main/contract/scenario';
import type { NodeImageList } from '../../../src-main/core/cluster/provider';
import type { KubeApi } from '../../../src-main/core/kube/kube-api';
import { KubeApiError } from '../../../src-main/core/kube/kube-api';
import { nodeFacts, type NodeFacts, type NodeJson } from '../../../src-main/core/kube/nodes';
import { applyEdits } from '../../../src-main/core/scenarios/edits';
import { loadScenarioDir } from '../../../src-main/core/scenarios/loader';
import { assertRunnable, runPreflightProblems, type RunPreflightFacts } from '../../../src-main/core/scenarios/run-preflight';

const NGINX = 'docker.io/library/nginx:1.27.5';
const MYSQL = 'docker.io/library/mysql:8.0.16';
const SYSTEM = ['registry.k8s.io/pause:3.10.1', 'registry.k8s.io/coredns/coredns:v1.12.1'];

async function lesson(id: string): Promise<LoadedScenario> {
  const r = await loadScenarioDir(fileURLToPath(new URL(`../../../scenarios/${id}`, import.meta.url)));
  if (!r.scenario) throw new Error(r.problems.map((p) => p.message).join('\n'));
  return r.scenario;
}

function node(name: string, images: string[], o: { cpu?: string; memory?: string; ready?: boolean; unschedulable?: boolean; taint?: string } = {}): NodeJson {
  return {
    metadata: { name },
    spec: { ...(o.unschedulable ? { unschedulable: true } : {}), ...(o.taint ? { taints: [{ key: 'x', effect: o.taint }] } : {}) },
    status: {
      allocatable: { cpu: o.cpu ?? '4', memory: o.memory ?? '16283944Ki', pods: '110' },
      conditions: [{ type: 'Ready', status: o.ready === false ? 'False' : 'True' }],
      // as the kubelet reports them: the digest name and the tag name of each image
      images: images.map((i) => ({ names: [`${i.split(':')[0]}@sha256:${'0'.repeat(64)}`, i] })),
    },
  };
}

function facts(nodes: NodeJson[], o: Partial<RunPreflightFacts> = {}): RunPreflightFacts {
  return { provider: 'existing', nodes: nodes.map(nodeFacts), registryMirrors: {}, ...o };
}

describe('runPreflightProblems', () => {
  it('passes a lesson whose images are all on the node', async () => {
    expect(runPreflightProblems(await lesson('readiness-missing-path'), facts([node('n1', [NGINX, 'docker.io/library/busybox:1.36', ...SYSTEM])]))).toEqual([]);
  });

  it('names the missing images and the fix, per provider', async () => {
    const s = await lesson('readiness-missing-path');
    const [existing] = runPreflightProblems(s, facts([node('n1', [NGINX, ...SYSTEM])]));
    expect(existing).toMatch(/^docker\.io\/library\/busybox:1\.36 is not on the node, and this lesson runs it/);
    expect(existing).toMatch(/crictl pull IMAGE/);
    const [kind] = runPreflightProblems(s, facts([node('podlab-control-plane', SYSTEM)], { provider: 'kind' }));
    expect(kind).toMatch(/^docker\.io\/library\/busybox:1\.36, docker\.io\/library\/nginx:1\.27\.5 are not on the node/);
    expect(kind).toMatch(/podlab pack import FILE.*podlab cluster up/);
  });

  it('prefers the provider\'s list (crictl) to the kubelet\'s', async () => {
    const s = await lesson('pull-ifnotpresent-present');
    const crictl: NodeImageList[] = [{ node: 'podlab-control-plane', images: new Set([NGINX]), complete: true }];
    expect(runPreflightProblems(s, facts([node('podlab-control-plane', [])], { provider: 'kind', nodeImages: crictl }))).toEqual([]);
  });

  it('does not block on a cut-short list: a kubelet listing 50 images may have more', async () => {
    const fifty = Array.from({ length: 50 }, (_, i) => `registry.example.com/big/image-${i}:1`);
    expect(runPreflightProblems(await lesson('pull-ifnotpresent-present'), facts([node('n1', fifty)]))).toEqual([]);
    expect(runPreflightProblems(await lesson('pull-ifnotpresent-present'), facts([node('n1', fifty.slice(1))]))).toHaveLength(1);
  });

  it('refuses a lesson whose absent image is on the node, with the command that removes it', async () => {
    const s = await lesson('pull-never-missing');
    expect(runPreflightProblems(s, facts([node('n1', SYSTEM)]))).toEqual([]);
    const [p] = runPreflightProblems(s, facts([node('podlab-control-plane', [MYSQL])], { provider: 'kind', kindNode: 'podlab-control-plane' }));
    expect(p).toMatch(/^docker\.io\/library\/mysql:8\.0\.16 is on the node, but this lesson is about it being absent/);
    expect(p).toMatch(/docker exec podlab-control-plane crictl rmi docker\.io\/library\/mysql:8\.0\.16\.$/);
  });

  it('checks the edited manifests of a "what if" run: the lesson\'s own variation swaps mysql for nginx', async () => {
    const s = await lesson('pull-never-missing');
    const v = s.doc.spec.variations![0]!;
    const edited = { ...s, manifests: applyEdits(s.manifests, [v.change]) };
    // mysql is no longer run, so its presence does not matter; nginx now must be there
    expect(runPreflightProblems(edited, facts([node('n1', [MYSQL, NGINX])]))).toEqual([]);
    expect(runPreflightProblems(edited, facts([node('n1', [MYSQL])]))[0]).toMatch(/nginx:1\.27\.5 is not on the node/);
  });

  it('does not need an image only Always containers run: the kubelet pulls it whatever the node has', async () => {
    const s = await lesson('pull-always-offline');
    expect(runPreflightProblems(s, facts([node('n1', SYSTEM)]))).toEqual([]);
    // its IfNotPresent variation needs the image on the node
    const ifNotPresent = { ...s, manifests: applyEdits(s.manifests, [s.doc.spec.variations![0]!.change]) };
    expect(runPreflightProblems(ifNotPresent, facts([node('n1', SYSTEM)]))).toHaveLength(1);
    // its :latest variation, without a pull policy line, defaults to Always as well
    const latest = { ...s, manifests: { 'always.yaml': s.manifests['always.yaml']!.replace('image: docker.io/library/nginx:1.27.5', 'image: docker.io/library/nginx:latest').replace(/\n\s+imagePullPolicy: Always/, '') } };
    expect(runPreflightProblems(latest, facts([node('n1', SYSTEM)]))).toEqual([]);
  });

  it('on several nodes, looks at the Ready schedulable ones only', async () => {
    const s = await lesson('pull-ifnotpresent-present');
    const nodes = [node('a', [NGINX]), node('b', [], { ready: false }), node('c', [], { unschedulable: true }), node('d', [], { taint: 'NoSchedule' })];
    expect(runPreflightProblems(s, facts(nodes))).toEqual([]);
    const [p] = runPreflightProblems(s, facts([...nodes, node('e', [])]));
    expect(p).toMatch(/^docker\.io\/library\/nginx:1\.27\.5 is not on node e, and/);
  });

  describe('requires.nodeAllocatable', () => {
    const needs = async (nodeAllocatable: Record<string, string>) => {
      const s = await lesson('pull-ifnotpresent-present');
      return { ...s, doc: { ...s.doc, spec: { ...s.doc.spec, requires: { nodeAllocatable } } } };
    };

    it.each([
      [{ cpu: '1', memory: '256Mi' }, { cpu: '2', memory: '1Gi' }, true],
      [{ cpu: '1', memory: '256Mi' }, { cpu: '1', memory: '256Mi' }, true],
      [{ cpu: '1500m' }, { cpu: '1' }, false],
      [{ memory: '1G' }, { memory: '976562Ki' }, false],
      [{ memory: '1G' }, { memory: '976563Ki' }, true],
      [{ pods: '200' }, {}, false],
    ])('needs %j, node has %j → fits: %s', async (required, has, ok) => {
      const problems = runPreflightProblems(await needs(required), facts([node('n1', [NGINX], has)]));
      expect(problems.length === 0).toBe(ok);
    });

    it('says what the node has', async () => {
      const [p] = runPreflightProblems(await needs({ cpu: '8', memory: '256Mi' }), facts([node('n1', [NGINX], { cpu: '3500m', memory: '2039608Ki' })]));
      expect(p).toBe('This lesson needs a node with allocatable cpu 8, memory 256Mi; the node has cpu 3500m, memory 2039608Ki (1.9 GiB) (kubectl describe node: Allocatable). Give the node more (on kind: more CPUs or memory for Docker), or use a larger cluster.');
    });

    it('on several nodes, one Ready schedulable node must have it all', async () => {
      const s = await needs({ cpu: '4', memory: '8Gi' });
      const big = node('big', [NGINX], { cpu: '8', memory: '32Gi' });
      expect(runPreflightProblems(s, facts([node('small', [NGINX], { cpu: '2' }), big]))).toEqual([]);
      const [p] = runPreflightProblems(s, facts([node('small', [NGINX], { cpu: '2' }), node('big', [NGINX], { cpu: '8', memory: '32Gi', unschedulable: true })]));
      expect(p).toMatch(/node small has cpu 2, memory 16283944Ki \(15\.5 GiB\)/);
      const [none] = runPreflightProblems(s, facts([node('a', [NGINX], { ready: false }), node('b', [NGINX], { ready: false })]));
      expect(none).toMatch(/none of the 2 nodes is Ready and schedulable/);
    });
  });

  describe('images.failedPulls', () => {
    it('refuses a registry mirror for its images on the kind cluster, naming the setting', async () => {
      const s = await lesson('pull-always-offline');
      const mirrors = { 'docker.io': 'https://mirror.example.com', 'quay.io': 'https://q.example.com' };
      const [p, more] = runPreflightProblems(s, facts([node('podlab-control-plane', [NGINX])], { provider: 'kind', registryMirrors: mirrors }));
      expect(p).toMatch(/cluster\.registryMirrors sends docker\.io to https:\/\/mirror\.example\.com, so the node would pull docker\.io\/library\/nginx:1\.27\.5 from there/);
      expect(p).toMatch(/podlab settings unset cluster\.registryMirrors/);
      expect(more).toBeUndefined();
    });

    it.each([
      ['a mirror for another registry', 'kind', { 'quay.io': 'https://q.example.com' }],
      ['an existing cluster (its mirrors are not podlab\'s)', 'existing', { 'docker.io': 'https://mirror.example.com' }],
    ] as const)('lets it run with %s', async (_name, provider, registryMirrors) => {
      expect(runPreflightProblems(await lesson('pull-always-offline'), facts([node('n1', [NGINX])], { provider, registryMirrors }))).toEqual([]);
    });

    it('does not look at mirrors for a lesson without failedPulls', async () => {
      const s = await lesson('pull-ifnotpresent-present');
      expect(runPreflightProblems(s, facts([node('n1', [NGINX])], { provider: 'kind', registryMirrors: { 'docker.io': 'https://m.example.com' } }))).toEqual([]);
    });
  });
});

describe('assertRunnable', () => {
  const rest = (nodes: NodeJson[] | Error): KubeApi => ({ request: async () => (nodes instanceof Error ? Promise.reject(nodes) : { items: nodes }) }) as unknown as KubeApi;

  it('throws RUN_PREFLIGHT_FAILED with every problem, one a line', async () => {
    const s = await lesson('pull-never-missing');
    const env = { provider: { kind: 'existing' as const }, rest: rest([node('n1', [MYSQL])]), registryMirrors: {} };
    await expect(assertRunnable(s, env)).rejects.toMatchObject({
      code: 'RUN_PREFLIGHT_FAILED',
      message: expect.stringMatching(/^pull-never-missing cannot run on this cluster:\n {2}- docker\.io\/library\/mysql:8\.0\.16 is on the node/),
      details: { problems: [expect.stringMatching(/crictl rmi/)] },
    });
  });

  it('asks the provider for the node\'s images, and uses the kubelet\'s list when that fails', async () => {
    const s = await lesson('pull-ifnotpresent-present');
    const seen: string[] = [];
    const crictl = async (): Promise<NodeImageList[]> => {
      seen.push('crictl');
      return [{ node: 'podlab-control-plane', images: new Set(), complete: true }];
    };
    const kindEnv = (nodeImages: () => Promise<NodeImageList[]>) => ({ provider: { kind: 'kind' as const, nodeName: 'podlab-control-plane', nodeImages }, rest: rest([node('podlab-control-plane', [NGINX])]), registryMirrors: {} });
    await expect(assertRunnable(s, kindEnv(crictl))).rejects.toThrow(/nginx:1\.27\.5 is not on the node/);
    expect(seen).toEqual(['crictl']);
    await expect(assertRunnable(s, kindEnv(() => Promise.reject(new Error('docker exec failed'))))).resolves.toBeUndefined();
  });

  it('skips the node checks where the kubeconfig may not list nodes, and fails on other API errors', async () => {
    const s = await lesson('pull-never-missing');
    const forbidden = new KubeApiError(403, 'GET', '/api/v1/nodes', { message: 'nodes is forbidden' });
    await expect(assertRunnable(s, { provider: { kind: 'existing' }, rest: rest(forbidden), registryMirrors: {} })).resolves.toBeUndefined();
    await expect(assertRunnable(s, { provider: { kind: 'existing' }, rest: rest(new Error('ECONNREFUSED')), registryMirrors: {} })).rejects.toThrow(/ECONNREFUSED/);
  });
});

// the kubelet's own list, as nodeFacts reads it
describe('nodeFacts', () => {
  it('normalizes the names, and a list of 50 is not complete', () => {
    const f: NodeFacts = nodeFacts(node('n1', ['nginx:1.27.5']));
    expect([...f.images.images]).toContain(NGINX);
    expect(f.images.complete).toBe(true);
    expect(nodeFacts(node('n1', Array.from({ length: 50 }, (_, i) => `x/y${i}:1`))).images.complete).toBe(false);
  });
});
