// SPDX-License-Identifier: Apache-2.0
// Image refs as containerd spells them, kind's node-image tags, the images found in manifests, kind's progress lines.
import { describe, expect, it } from 'vitest';
import { IMAGE_REF, imageRegistry, isDigestPinned, kubernetesVersionOfNodeImage, normalizeImageRef, withoutDigest } from '../../../src-main/core/cluster/image-ref';
import { KIND_NODE_IMAGE } from '../../../src-main/core/cluster/kind-config';
import { parseKindCreateLine } from '../../../src-main/core/cluster/kind-progress';
import { imagesInManifest, imagesInManifests } from '../../../src-main/core/scenarios/images';

describe('image refs', () => {
  it.each([
    ['nginx', 'docker.io/library/nginx:latest'],
    ['nginx:1.27.5', 'docker.io/library/nginx:1.27.5'],
    ['library/nginx:1.27.5', 'docker.io/library/nginx:1.27.5'],
    ['kindest/node:v1.34.0', 'docker.io/kindest/node:v1.34.0'],
    ['registry.k8s.io/pause:3.10.1', 'registry.k8s.io/pause:3.10.1'],
    ['localhost:5000/app', 'localhost:5000/app:latest'],
    ['registry.example.com:5000/team/app:2', 'registry.example.com:5000/team/app:2'],
    [`busybox@sha256:${'a'.repeat(64)}`, `docker.io/library/busybox@sha256:${'a'.repeat(64)}`],
  ])('normalizeImageRef(%j) = %j', (ref, expected) => expect(normalizeImageRef(ref)).toBe(expected));

  it('knows the registry, the node image version and digests', () => {
    expect(imageRegistry('nginx')).toBe('docker.io');
    expect(imageRegistry('quay.io/x/y:1')).toBe('quay.io');
    expect(kubernetesVersionOfNodeImage(KIND_NODE_IMAGE)).toBe('v1.34.0');
    expect(kubernetesVersionOfNodeImage('kindest/node:v1.34.4-podlab')).toBe('v1.34.4');
    expect(kubernetesVersionOfNodeImage('kindest/node:latest')).toBeUndefined();
    expect(isDigestPinned(KIND_NODE_IMAGE)).toBe(true);
    expect(withoutDigest(KIND_NODE_IMAGE)).toBe('kindest/node:v1.34.0');
  });

  it.each(['nginx', KIND_NODE_IMAGE, 'localhost:5000/a/b:c', 'kindest/node:v1.34.4-podlab'])('accepts %s', (r) => expect(IMAGE_REF.test(r)).toBe(true));
  it.each(['', 'Nginx', 'a b', 'nginx:', 'x;y', 'nginx@sha256:short', '../x'])('refuses %j', (r) => expect(IMAGE_REF.test(r)).toBe(false));
});

describe('images in manifests', () => {
  it('finds containers, init and ephemeral containers of pods and of pod templates, each once', () => {
    const text = [
      'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  initContainers: [{name: i, image: busybox:1.36}]\n  containers: [{name: c, image: nginx:1.27.5}, {name: d, image: "docker.io/library/nginx:1.27.5"}]',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    spec:\n      containers: [{name: r, image: redis:7.2}]',
      'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: j}\nspec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers: [{name: j, image: registry.example.com/tool:1}]\n          ephemeralContainers: [{name: e, image: alpine:3.20}]',
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {image: not-a-container}',
    ].join('\n---\n');
    expect(imagesInManifest(text).sort()).toEqual([
      'docker.io/library/alpine:3.20',
      'docker.io/library/busybox:1.36',
      'docker.io/library/nginx:1.27.5',
      'docker.io/library/redis:7.2',
      'registry.example.com/tool:1',
    ]);
  });

  it('merges many manifests with extra images, sorted', () => {
    expect(imagesInManifests(['kind: Pod\nspec: {containers: [{image: nginx:1.27.5}]}', 'broken: [yaml'], ['busybox:1.36'])).toEqual(['docker.io/library/busybox:1.36', 'docker.io/library/nginx:1.27.5']);
  });
});

describe("kind's progress lines", () => {
  it.each([
    [' • Ensuring node image (kindest/node:v1.34.4-podlab) 🖼  ...', { step: 'Ensuring node image (kindest/node:v1.34.4-podlab)', state: 'started' }],
    [' ✓ Preparing nodes 📦', { step: 'Preparing nodes', stepZh: '准备节点', state: 'done' }],
    [' ✗ Starting control-plane 🕹️', { step: 'Starting control-plane', state: 'failed' }],
    [' ✓ Waiting ≤ 3m0s for control-plane = Ready ⏳', { step: 'Waiting ≤ 3m0s for control-plane = Ready', stepZh: '等待控制平面 Ready（最多 3m0s）', state: 'done' }],
    [' • Ensuring node image (kindest/node:v1.34.4-podlab) 🖼', { step: 'Ensuring node image (kindest/node:v1.34.4-podlab)', stepZh: '确认节点镜像 (kindest/node:v1.34.4-podlab)', state: 'started' }],
  ])('%j', (line, expected) => expect(parseKindCreateLine(line)).toMatchObject(expected));

  it('ignores other lines and moves forward through the steps', () => {
    expect(parseKindCreateLine('Creating cluster "podlab" ...')).toBeUndefined();
    expect(parseKindCreateLine(' ✓ Preparing nodes')!.fraction).toBeGreaterThan(parseKindCreateLine(' • Preparing nodes')!.fraction);
    expect(parseKindCreateLine(' ✓ Waiting ≤ 3m0s for control-plane = Ready')!.fraction).toBe(1);
  });
});
