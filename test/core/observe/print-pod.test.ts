// SPDX-License-Identifier: Apache-2.0
// printPod against every pod fixture: the columns the real API server prints for that object; and
// print-pod's table and JSON output, written row by row.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { PodColumns } from '@contract/observation';
import type { PodJson } from '../../../src-main/core/observe/pod-json';
import { printPod, printPodWide, type PodWideColumns } from '../../../src-main/core/observe/print-pod';
import { PodJsonArray, PodTable } from '../../../src-main/core/observe/print/pod-rows-out';

interface PodFixture {
  file: string;
  now: string;
  expect: Omit<PodColumns, 'name'>;
  expectWide?: Omit<PodWideColumns, keyof PodColumns>;
  pod: PodJson;
}

const FIXTURE_DIR = fileURLToPath(new URL('../../fixtures/pods/', import.meta.url));
const fixtures: PodFixture[] = readdirSync(FIXTURE_DIR)
  .filter((file) => file.endsWith('.yaml'))
  .sort()
  .map((file) => ({ file, ...(parse(readFileSync(FIXTURE_DIR + file, 'utf8')) as Omit<PodFixture, 'file'>) }));

// The metav1.Time fields of a Pod; @kubernetes/client-node hands some of them over as Date objects.
const TIMESTAMP_KEYS = new Set([
  'creationTimestamp',
  'deletionTimestamp',
  'lastProbeTime',
  'lastTransitionTime',
  'startTime',
  'startedAt',
  'finishedAt',
]);

function withDates(value: unknown, key = ''): unknown {
  if (typeof value === 'string' && TIMESTAMP_KEYS.has(key)) return new Date(value);
  if (Array.isArray(value)) return value.map((item) => withDates(item));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withDates(v, k)]));
  }
  return value;
}

describe('printPod', () => {
  it('has a fixture for at least 40 pod states', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(40);
  });

  it.each(fixtures)('$file', ({ now, expect: want, pod }) => {
    expect(printPod(pod, new Date(now))).toEqual({ name: pod.metadata?.name, ...want });
  });

  it.each(fixtures)('$file, with timestamps as Date objects', ({ now, expect: want, pod }) => {
    expect(printPod(withDates(pod) as PodJson, new Date(now))).toEqual({ name: pod.metadata?.name, ...want });
  });

  it('prints <unknown> for a pod without creationTimestamp, like translateTimestampSince', () => {
    const pod: PodJson = { metadata: { name: 'bare' }, status: { phase: 'Pending' } };
    expect(printPod(pod, new Date())).toEqual({
      name: 'bare',
      ready: '0/0',
      status: 'Pending',
      restarts: '0',
      age: '<unknown>',
    });
  });

  it('leaves "(… ago)" off when no lastState has a finish time', () => {
    const pod: PodJson = {
      metadata: { name: 'r', creationTimestamp: '2026-03-02T09:00:00Z' },
      spec: { containers: [{ name: 'app' }] },
      status: {
        phase: 'Running',
        containerStatuses: [{ name: 'app', restartCount: 3, ready: true, state: { running: {} }, lastState: {} }],
      },
    };
    expect(printPod(pod, new Date('2026-03-02T10:00:00Z')).restarts).toBe('3');
  });
});

describe('printPodWide', () => {
  const wideFixtures = fixtures.filter((fixture) => fixture.expectWide);

  it.each(wideFixtures)('$file', ({ now, expect: want, expectWide, pod }) => {
    expect(printPodWide(pod, new Date(now))).toEqual({ name: pod.metadata?.name, ...want, ...expectWide });
  });

  it('takes the IP from podIPs when podIP is empty', () => {
    const pod: PodJson = { metadata: { name: 'p' }, status: { podIPs: [{ ip: 'fd00::5' }] } };
    expect(printPodWide(pod, new Date()).ip).toBe('fd00::5');
  });
});

describe('print-pod output', () => {
  const rows = fixtures.map(({ now, pod }) => printPod(pod, new Date(now)));

  it.each([0, 1, 3, rows.length])('writes %i rows as JSON exactly like JSON.stringify(rows, null, 2)', (n) => {
    const out: string[] = [];
    const array = new PodJsonArray((text) => out.push(text));
    rows.slice(0, n).forEach((row) => array.add(row));
    array.end();
    expect(out.join('\n')).toBe(JSON.stringify(rows.slice(0, n), null, 2));
  });

  it('leaves the JSON array open when the input fails before its end', () => {
    const out: string[] = [];
    const array = new PodJsonArray((text) => out.push(text));
    rows.slice(0, 2).forEach((row) => array.add(row));
    expect(() => JSON.parse(out.join('\n'))).toThrow();
  });

  it('aligns the table like kubectl: 3 spaces after the widest cell, the last column unpadded', () => {
    const table = new PodTable();
    table.add({ name: 'a', ready: '1/1', status: 'Running', restarts: '0', age: '5m' });
    table.add({ name: 'long-name-\u{1F600}', ready: '0/1', status: 'CrashLoopBackOff', restarts: '4 (69s ago)', age: '20m' });
    expect([...table.lines()]).toEqual([
      'NAME          READY   STATUS             RESTARTS      AGE',
      'a             1/1     Running            0             5m',
      'long-name-\u{1F600}   0/1     CrashLoopBackOff   4 (69s ago)   20m',
    ]);
  });
});
