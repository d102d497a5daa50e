// SPDX-License-Identifier: Apache-2.0
// The lab pack import as the Cluster panel lists it: steps folded from pack:progressed events, the
// result's skipped steps, a failure's step; the byte figures; the installed pack's status summary.
import type { PackImportView, PackProgressView, PackStatusView } from '@contract/dto';
import { describe, expect, it } from 'vitest';
import { IMPORT_STEPS } from '../../src-main/core/pack/pack-install';
import { applyFailure, applyProgress, applyResult, formatMB, PACK_STEPS, percentOf, startImport, STEP_LABELS, type ImportModel } from '../../src-renderer/src/lib/pack-steps';
import { packHealthy, summarizePackStatus } from '../../src-renderer/src/lib/pack-status';

const ev = (stepIndex: number, step: string, bytes?: [number, number]): PackProgressView => ({ step, stepIndex, stepCount: 7, ...(bytes ? { bytesDone: bytes[0], bytesTotal: bytes[1] } : {}) });
const states = (m: ImportModel) => m.rows.map((r) => r.state).join(' ');
const fold = (events: PackProgressView[]) => events.reduce(applyProgress, startImport());

describe('the step list', () => {
  it("names the engine's steps, in its order, each in both languages", () => {
    expect([...PACK_STEPS]).toEqual([...IMPORT_STEPS]);
    for (const s of PACK_STEPS) expect(STEP_LABELS[s].zh && STEP_LABELS[s].en).toBeTruthy();
  });

  it('starts at the check, with the rest to come', () => {
    expect(states(startImport())).toBe('current todo todo todo todo todo todo');
  });

  it('shows bytes during the check step, and drops them after it', () => {
    const m = fold([ev(0, 'manifest: podlab 0.1.0, Kubernetes v1.34.4, 9 entries', [4096, 1000]), ev(0, 'checking images/node.tar', [500, 1000])]);
    expect(m.bytes).toEqual({ done: 500, total: 1000 });
    expect(m.text).toBe('checking images/node.tar');
    expect(states(m)).toBe('current todo todo todo todo todo todo');
    const after = applyProgress(m, ev(0, 'check the pack: every entry matches its sha256 (pack 0123456789ab)'));
    expect(after.bytes).toBeUndefined();
    expect(states(after)).toBe('done current todo todo todo todo todo');
    expect(after.rows[0]?.detail).toBe('every entry matches its sha256 (pack 0123456789ab)');
  });

  it("marks a step's end by its '<step>: ' prefix, and the next one current", () => {
    const m = fold([ev(0, 'check the pack: ok'), ev(1, 'kind: kind v0.30.0 installed in /d/bin/kind'), ev(2, 'docker load kindest/node:v1.34.4-podlab')]);
    expect(states(m)).toBe('done done current todo todo todo todo');
    expect(m.text).toBe('docker load kindest/node:v1.34.4-podlab');
  });

  it("takes kind's own steps in the cluster step as its text", () => {
    const m = fold([ev(0, 'check the pack: ok'), ev(1, 'kind: ok'), ev(2, 'node image: ok'), ev(3, 'Preparing nodes')]);
    expect(states(m)).toBe('done done done current todo todo todo');
    expect(m.text).toBe('Preparing nodes');
  });

  it("keeps the engine's Chinese: of a step's end as its detail, of a step under way as the text", () => {
    const ended = fold([{ ...ev(0, 'check the pack: every entry matches'), detailZh: '每个条目都相符' }]);
    expect(ended.rows[0]).toMatchObject({ state: 'done', detail: 'every entry matches', detailZh: '每个条目都相符' });
    expect(ended.textZh).toBe('每个条目都相符');
    const now = applyProgress(ended, { ...ev(4, 'docker load 5 workload images'), stepZh: 'docker load 5 个工作负载镜像' });
    expect(now.textZh).toBe('docker load 5 个工作负载镜像');
    // a line the engine has no Chinese for (kind's, Docker's) leaves none behind from before
    expect(applyProgress(now, ev(4, 'Loaded image: x')).textZh).toBeUndefined();
  });

  it('counts a step it saw no end for as done once a later one reports', () => {
    expect(states(fold([ev(4, 'docker load 5 workload images')]))).toBe('done done done done current todo todo');
  });

  it('marks what the result says was skipped', () => {
    const result: PackImportView = {
      pack: {} as PackImportView['pack'],
      steps: PACK_STEPS.map((step) => ({ step, skipped: ['kind', 'node image', 'workload images', 'lessons'].includes(step), detail: `${step} detail`, detailZh: `${step} 详情` })),
    };
    const m = applyResult(fold([ev(6, 'lessons: 30 lessons installed')]), result);
    expect(states(m)).toBe('done skipped skipped done skipped done skipped');
    expect(m.outcome).toBe('imported');
    expect(m.rows[1]?.detail).toBe('kind detail');
    expect(m.rows[1]?.detailZh).toBe('kind 详情');
    // an event that comes after the result changes nothing
    expect(applyProgress(m, ev(2, 'late'))).toBe(m);
  });

  it('fails the step the import was at; a refusal before any event fails the check', () => {
    const refused = applyFailure(startImport());
    expect(states(refused)).toBe('failed todo todo todo todo todo todo');
    expect(refused.failedAt).toBe(0);
    const late = applyFailure(fold([ev(0, 'check the pack: ok'), ev(1, 'kind: ok'), ev(2, 'node image: ok'), ev(3, 'Starting control-plane')]));
    expect(states(late)).toBe('done done done failed todo todo todo');
    expect(late.failedAt).toBe(3);
    expect(late.text).toBe('Starting control-plane');
  });
});

describe('byte figures', () => {
  it.each([
    [0, '0.0 MB'],
    [129_394_278, '123.4 MB'],
    [447_110_758, '426.4 MB'],
  ])('%d bytes read %s, as the CLI prints them', (n, text) => {
    expect(formatMB(n)).toBe(text);
  });

  it('rounds percentages down and never divides by zero', () => {
    expect(percentOf(999, 1000)).toBe(99);
    expect(percentOf(0, 0)).toBe(0);
  });
});

describe("the installed pack's status", () => {
  const status = (over: Partial<PackStatusView> = {}): PackStatusView => ({
    installed: {
      fileSha256: 'ab'.repeat(32),
      podlabVersion: '0.1.0',
      kubernetesVersion: 'v1.34.4',
      platform: 'linux/amd64',
      kindVersion: 'v0.30.0',
      nodeImage: 'kindest/node:v1.34.4-podlab',
      images: ['docker.io/library/nginx:1.27.5', 'docker.io/library/redis:7.2'],
      lessons: ['a', 'b', 'c'],
      unpackedBytes: 1,
      file: '/p.tgz',
      installedAt: '2025-01-01T00:00:00Z',
    },
    kind: { path: '/d/bin/kind', installed: true, matchesPack: true },
    nodeImageInDocker: true,
    clusterState: 'running',
    images: [
      { ref: 'docker.io/library/nginx:1.27.5', inNode: true },
      { ref: 'docker.io/library/redis:7.2', inNode: true },
    ],
    lessons: [
      { id: 'a', from: 'pack', missingImages: [] },
      { id: 'z', from: 'app', missingImages: [] },
    ],
    problems: [],
    ...over,
  });

  it('says nothing when no pack is installed', () => {
    expect(summarizePackStatus({ kind: { path: '/d/bin/kind', installed: false }, clusterState: 'absent', images: [], lessons: [], problems: [] })).toBeUndefined();
    expect(packHealthy(undefined)).toBe(false);
  });

  it('sums up an installed pack with every image in the node', () => {
    expect(summarizePackStatus(status())).toEqual({
      sha: 'abababababab',
      installedAt: '2025-01-01T00:00:00Z',
      versions: 'Kubernetes v1.34.4 · kind v0.30.0 · podlab 0.1.0',
      nodeImage: 'kindest/node:v1.34.4-podlab',
      nodeImageInDocker: true,
      images: { kind: 'all', count: 2 },
      lessonCount: 3,
      newLessons: 1,
      lacking: [],
      kindOk: true,
      problems: [],
    });
    expect(packHealthy(summarizePackStatus(status()))).toBe(true);
  });

  it('names the images the node lacks and the lessons that need them', () => {
    const s = summarizePackStatus(
      status({
        images: [
          { ref: 'docker.io/library/nginx:1.27.5', inNode: true },
          { ref: 'docker.io/library/redis:7.2', inNode: false },
        ],
        lessons: [{ id: 'a', from: 'pack', missingImages: ['docker.io/library/redis:7.2'] }],
      }),
    );
    expect(s?.images).toEqual({ kind: 'missing', count: 2, missing: ['docker.io/library/redis:7.2'] });
    expect(s?.lacking).toEqual([{ id: 'a', images: ['docker.io/library/redis:7.2'] }]);
    expect(packHealthy(s)).toBe(false);
  });

  it("cannot say what is in the node while the cluster is down, and flags a kind that is not the pack's", () => {
    const s = summarizePackStatus(status({ clusterState: 'absent', images: [{ ref: 'x' }, { ref: 'y' }], kind: { path: '/d/bin/kind', installed: true, matchesPack: false } }));
    expect(s?.images).toEqual({ kind: 'unknown', count: 2 });
    expect(s?.kindOk).toBe(false);
    expect(packHealthy(s)).toBe(false);
    expect(packHealthy(summarizePackStatus(status({ clusterState: 'absent', images: [{ ref: 'x' }] })))).toBe(true);
  });
});
