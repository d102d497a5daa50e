// SPDX-License-Identifier: Apache-2.0
// NamespaceObserver on a RecordedKube: what a run's timeline gets from pods, events and
// EndpointSlices, and what it gets when a watch is closed, refused or expired. setTimeout is faked
// (the watches' reconnect delays) so each outage lasts exactly as long as the test says; the
// observer's clock is a plain variable, so every `t` below is a number the test chose.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Observation } from '@contract/observation';
import { NamespaceObserver, ROLE_LABEL } from '../../../src-main/core/observe/namespace-observer';
import { RecordedKube } from '../../fakes/recorded-kube';

const RUN_START = Date.UTC(2026, 11, 1, 9, 0, 0);
const NS = '/api/v1/namespaces/lab';
const PODS = `${NS}/pods`;
const EVENTS = `${NS}/events`;
const SLICES = '/apis/discovery.k8s.io/v1/namespaces/lab/endpointslices';
/** ResourceWatch's first reconnect delay */
const RETRY_MS = 250;

let now = RUN_START;
/** Moves the observer's clock to `ms` after the run's start. */
const runTime = (ms: number) => (now = RUN_START + ms);
/** Lets reconnect timers due within `ms` fire, and what they start settle. */
const elapse = (ms: number) => vi.advanceTimersByTimeAsync(ms);

let observer: NamespaceObserver | undefined;

beforeEach(() => {
  now = RUN_START;
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});
afterEach(() => {
  observer?.stop();
  observer = undefined;
  vi.useRealTimers();
});

function observe(kube: RecordedKube): { seen: Observation[]; started: Promise<void> } {
  const seen: Observation[] = [];
  observer = new NamespaceObserver({ kube, namespace: 'lab', runStartedAt: RUN_START, emit: (o) => seen.push(o), now: () => now });
  return { seen, started: observer.start() };
}

async function observing(kube: RecordedKube): Promise<Observation[]> {
  const { seen, started } = observe(kube);
  await started;
  return seen;
}

/** One line per observation, enough to read a timeline at a glance. */
function line(o: Observation): string {
  switch (o.kind) {
    case 'pod':
      return `${o.t} pod ${o.pod} ${o.snapshot.phase}`;
    case 'pod-gone':
      return `${o.t} pod-gone ${o.pod}`;
    case 'event':
      return `${o.t} event ${o.objectKind}/${o.object} ${o.reason} x${o.count}`;
    case 'endpoint':
      return `${o.t} endpoint ${o.service} ${o.address} ${o.pod ?? '-'} ${o.present ? (o.ready ? 'ready' : 'unready') : 'absent'}`;
    case 'watch':
      return `${o.t} watch ${o.resource} ${o.state}`;
    case 'gap':
      return `${o.t} gap ${o.resource}`;
    default:
      return `${o.t} ${o.kind}`;
  }
}
const lines = (seen: Observation[], kinds?: Array<Observation['kind']>) => seen.filter((o) => !kinds || kinds.includes(o.kind)).map(line);
const podLines = (seen: Observation[]) => lines(seen, ['pod', 'pod-gone']);

const podBody = (name: string, labels: Record<string, string> = {}) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'lab', labels, creationTimestamp: '2026-12-01T09:00:01Z' },
  spec: { containers: [{ name: 'app', image: 'docker.io/library/busybox:1.36' }] },
  status: { phase: 'Pending' },
});

const createPod = (kube: RecordedKube, name: string, labels?: Record<string, string>) => kube.request('POST', PODS, { body: podBody(name, labels) });

/** What the kubelet writes once the container has started and passed its readiness probe. */
function running(p: Record<string, unknown>): void {
  (p.spec as Record<string, unknown>).nodeName = 'lab-control-plane';
  p.status = {
    phase: 'Running',
    podIP: '10.244.0.7',
    conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: '2026-12-01T09:00:03Z' }],
    containerStatuses: [{ name: 'app', ready: true, started: true, restartCount: 0, containerID: 'containerd://abc', state: { running: { startedAt: '2026-12-01T09:00:03Z' } } }],
  };
}

const lists = (kube: RecordedKube, path: string) => kube.calls.filter((c) => c.method === 'GET' && c.path === path).length;

describe('NamespaceObserver: what it reports', () => {
  it('turns a pod listed at the start, and one created, changed and deleted, into pod / pod-gone observations in run time', async () => {
    const kube = new RecordedKube();
    await createPod(kube, 'db');
    runTime(300);
    const seen = await observing(kube);
    runTime(1200);
    await createPod(kube, 'web');
    runTime(3400);
    kube.update(`${PODS}/web`, running);
    runTime(5000);
    await kube.request('DELETE', `${PODS}/web`);
    expect(podLines(seen)).toEqual(['300 pod db Pending', '1200 pod web Pending', '3400 pod web Running', '5000 pod-gone web']);
    const [, created, ready] = seen.flatMap((o) => (o.kind === 'pod' ? [o.snapshot] : []));
    expect(created).toMatchObject({ name: 'web', phase: 'Pending', containers: [{ name: 'app', kind: 'app', state: 'waiting', ready: false, restartCount: 0 }], columns: { ready: '0/1', status: 'Pending', restarts: '0' } });
    expect(ready).toMatchObject({
      name: 'web',
      phase: 'Running',
      nodeName: 'lab-control-plane',
      podIP: '10.244.0.7',
      creationTimestamp: '2026-12-01T09:00:01Z',
      conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: '2026-12-01T09:00:03Z' }],
      containers: [{ name: 'app', kind: 'app', state: 'running', ready: true, started: true, restartCount: 0, containerID: 'containerd://abc', startedAt: '2026-12-01T09:00:03Z' }],
      // age is measured at the observer's clock: 09:00:03.4 − 09:00:01
      columns: { name: 'web', ready: '1/1', status: 'Running', restarts: '0', age: '2s' },
    });
    // Each snapshot is of the object as the API server had it at that version.
    expect(ready?.uid).toBe(created?.uid);
    expect(ready?.uid).toMatch(/^uid-/);
    expect(Number(ready?.resourceVersion)).toBeGreaterThan(Number(created?.resourceVersion));
  });

  it("never reports podlab's own traffic pods: not when listed, created, changed or deleted", async () => {
    const kube = new RecordedKube();
    const traffic = { [ROLE_LABEL]: 'traffic' };
    await createPod(kube, 'traffic-listed', traffic);
    const seen = await observing(kube);
    await createPod(kube, 'traffic-web', traffic);
    await createPod(kube, 'web');
    kube.update(`${PODS}/traffic-web`, running);
    await kube.request('DELETE', `${PODS}/traffic-web`);
    await kube.request('DELETE', `${PODS}/traffic-listed`);
    await kube.request('DELETE', `${PODS}/web`);
    // 'web' shows the watch saw everything the traffic pods did in between.
    expect(podLines(seen)).toEqual(['0 pod web Pending', '0 pod-gone web']);
  });

  it('reports each event, again when its count grows (a series counts over count), and nothing when it expires', async () => {
    const kube = new RecordedKube();
    const seen = await observing(kube);
    runTime(2000);
    await kube.request('POST', EVENTS, {
      body: { metadata: { name: 'web.1' }, involvedObject: { kind: 'Pod', name: 'web', fieldPath: 'spec.containers{app}' }, type: 'Warning', reason: 'Unhealthy', message: 'Liveness probe failed', count: 1, source: { component: 'kubelet' } },
    });
    runTime(4000);
    kube.update(`${EVENTS}/web.1`, (e) => (e.count = 2));
    await kube.request('POST', EVENTS, { body: { metadata: { name: 'web.2' }, involvedObject: { kind: 'Pod', name: 'web' }, reason: 'BackOff', message: 'Back-off restarting', count: 1, series: { count: 7 }, reportingComponent: 'kubelet' } });
    await kube.request('DELETE', `${EVENTS}/web.1`);
    expect(lines(seen, ['event'])).toEqual(['2000 event Pod/web Unhealthy x1', '4000 event Pod/web Unhealthy x2', '4000 event Pod/web BackOff x7']);
    expect(seen.find((o) => o.kind === 'event')).toEqual({ kind: 'event', t: 2000, object: 'web', objectKind: 'Pod', fieldPath: 'spec.containers{app}', type: 'Warning', reason: 'Unhealthy', message: 'Liveness probe failed', count: 1, source: 'kubelet' });
    // no type means Normal; the newer events API names its reporter in reportingComponent
    expect(seen.at(-1)).toMatchObject({ reason: 'BackOff', type: 'Normal', source: 'kubelet' });
    expect(seen.at(-1)).not.toHaveProperty('fieldPath');
  });

  it("reports an EndpointSlice's endpoints one by one, only when their conditions change, and absent when they leave", async () => {
    const kube = new RecordedKube();
    const seen = await observing(kube);
    const slice = `${SLICES}/web-abc`;
    const ep = (address: string, pod: string, conditions: Record<string, boolean>) => ({ addresses: [address], conditions, targetRef: { kind: 'Pod', name: pod } });
    runTime(1000);
    await kube.request('POST', SLICES, {
      body: { metadata: { name: 'web-abc', labels: { 'kubernetes.io/service-name': 'web' } }, endpoints: [ep('10.0.0.1', 'web-1', {}), ep('10.0.0.2', 'web-2', { ready: false, serving: false })] },
    });
    runTime(2000);
    kube.update(slice, (s) => (s.endpoints = [ep('10.0.0.1', 'web-1', {}), ep('10.0.0.2', 'web-2', { ready: true })]));
    runTime(3000);
    kube.update(slice, (s) => (s.endpoints = [ep('10.0.0.1', 'web-1', { ready: false, serving: true, terminating: true }), ep('10.0.0.2', 'web-2', { ready: true })]));
    runTime(4000);
    kube.update(slice, (s) => (s.endpoints = [ep('10.0.0.2', 'web-2', { ready: true })]));
    runTime(5000);
    await kube.request('DELETE', slice);
    expect(lines(seen, ['endpoint'])).toEqual([
      '1000 endpoint web 10.0.0.1 web-1 ready', // ready unset means ready
      '1000 endpoint web 10.0.0.2 web-2 unready',
      '2000 endpoint web 10.0.0.2 web-2 ready', // web-1 did not change: not repeated
      '3000 endpoint web 10.0.0.1 web-1 unready',
      '4000 endpoint web 10.0.0.1 web-1 absent',
      '5000 endpoint web 10.0.0.2 web-2 absent',
    ]);
    const endpoints = seen.filter((o) => o.kind === 'endpoint');
    expect(endpoints[3]).toEqual({ kind: 'endpoint', t: 3000, service: 'web', pod: 'web-1', address: '10.0.0.1', ready: false, serving: true, terminating: true, present: true });
    expect(endpoints[4]).toEqual({ kind: 'endpoint', t: 4000, service: 'web', pod: 'web-1', address: '10.0.0.1', ready: false, serving: false, terminating: true, present: false });
  });

  it("names an endpoint's service after its slice when the slice has no service-name label, and leaves out a target that is no pod", async () => {
    const kube = new RecordedKube();
    const seen = await observing(kube);
    await kube.request('POST', SLICES, { body: { metadata: { name: 'external' }, endpoints: [{ addresses: ['192.0.2.9'], targetRef: { kind: 'Node', name: 'n1' } }] } });
    expect(seen.filter((o) => o.kind === 'endpoint')).toEqual([{ kind: 'endpoint', t: 0, service: 'external', address: '192.0.2.9', ready: true, serving: true, terminating: false, present: true }]);
  });
});

describe('NamespaceObserver: when a watch ends, fails or expires', () => {
  it('reports all three watches online once, when they open', async () => {
    const kube = new RecordedKube();
    runTime(40);
    const seen = await observing(kube);
    expect(lines(seen).sort()).toEqual(['40 watch endpointslices online', '40 watch events online', '40 watch pods online']);
    expect(kube.openWatches().sort()).toEqual([SLICES, EVENTS, PODS].sort());
  });

  it('resumes a watch the server closed from the last version it saw: no offline, no relist, what happened meanwhile arrives once', async () => {
    const kube = new RecordedKube();
    const seen = await observing(kube);
    await createPod(kube, 'web');
    const lastSeen = kube.get(`${PODS}/web`)!.metadata.resourceVersion;
    kube.endWatches(); // kube-apiserver closes every watch after its timeout (5-10 min)
    runTime(100);
    kube.update(`${PODS}/web`, running);
    await createPod(kube, 'db');
    await kube.request('DELETE', `${PODS}/db`);
    expect(podLines(seen)).toEqual(['0 pod web Pending']); // closed: nothing streams
    runTime(RETRY_MS);
    await elapse(RETRY_MS);
    expect(podLines(seen)).toEqual(['0 pod web Pending', `${RETRY_MS} pod web Running`, `${RETRY_MS} pod db Pending`, `${RETRY_MS} pod-gone db`]);
    expect(kube.watchCalls.filter((w) => w.path === PODS).map((w) => w.resourceVersion)).toEqual(['100', lastSeen]);
    expect(lists(kube, PODS)).toBe(1);
    // a routine close is no outage
    expect(lines(seen, ['watch', 'gap'])).toHaveLength(3);
    expect(kube.openWatches()).toHaveLength(3);
  });

  it('goes offline when the reopening is refused, tries again with backoff, and once back online delivers the outage once, without a gap', async () => {
    const kube = new RecordedKube();
    let apiServerDown = false;
    kube.on('WATCH', /./, () => {
      if (apiServerDown) throw new Error('connect ECONNREFUSED 127.0.0.1:6443');
    });
    const seen = await observing(kube);
    await createPod(kube, 'web');
    apiServerDown = true;
    kube.endWatches();
    runTime(RETRY_MS);
    await elapse(RETRY_MS); // first reopening: refused
    expect(lines(seen, ['watch']).slice(3)).toEqual([`${RETRY_MS} watch pods offline`, `${RETRY_MS} watch events offline`, `${RETRY_MS} watch endpointslices offline`]);
    expect(seen.find((o) => o.kind === 'watch' && o.state === 'offline')).toMatchObject({ reason: 'connect ECONNREFUSED 127.0.0.1:6443' });
    runTime(600);
    kube.update(`${PODS}/web`, running);
    await kube.request('DELETE', `${PODS}/web`);
    await elapse(2 * RETRY_MS); // second: refused, and no second offline
    expect(lines(seen, ['watch'])).toHaveLength(6);
    apiServerDown = false;
    runTime(2000);
    await elapse(4 * RETRY_MS); // third: open
    expect(kube.watchCalls.filter((w) => w.path === PODS)).toHaveLength(4);
    expect(lines(seen, ['watch']).slice(6).sort()).toEqual(['2000 watch endpointslices online', '2000 watch events online', '2000 watch pods online']);
    expect(podLines(seen)).toEqual(['0 pod web Pending', '2000 pod web Running', '2000 pod-gone web']);
    expect(seen.filter((o) => o.kind === 'gap')).toEqual([]);
    expect(lists(kube, PODS)).toBe(1);
  });

  it('after a 410 relists: a gap with its bounds, the changes the list shows (not what came and went), and no outage', async () => {
    const kube = new RecordedKube();
    await createPod(kube, 'stays');
    await createPod(kube, 'changes');
    await createPod(kube, 'leaves');
    runTime(500);
    const seen = await observing(kube);
    runTime(2000);
    await createPod(kube, 'last-seen');
    const sinceVersion = kube.get(`${PODS}/last-seen`)!.metadata.resourceVersion;
    kube.endWatches();
    runTime(3000);
    kube.update(`${PODS}/changes`, running);
    await kube.request('DELETE', `${PODS}/leaves`);
    await createPod(kube, 'ghost');
    await kube.request('DELETE', `${PODS}/ghost`);
    await createPod(kube, 'arrives');
    const relistVersion = kube.get(`${PODS}/arrives`)!.metadata.resourceVersion;
    kube.compact(); // the history the resume needs is gone
    runTime(9000);
    await elapse(RETRY_MS); // the resume is answered 410 …
    await elapse(2 * RETRY_MS); // … and the relist follows after the next delay
    const aboutPods = (o: Observation) => ('resource' in o ? o.resource === 'pods' : o.kind === 'pod' || o.kind === 'pod-gone');
    const before = ['500 pod stays Pending', '500 pod changes Pending', '500 pod leaves Pending', '500 watch pods online', '2000 pod last-seen Pending'];
    const pods = seen.filter(aboutPods);
    // The API server answered all along: an expiry is no outage, only the gap says what is unknown.
    expect(pods.map(line)).toEqual([...before, '9000 gap pods', '9000 pod-gone leaves', '9000 pod changes Running', '9000 pod arrives Pending']);
    // from: the run time of the last thing the watch saw; the versions bound what it missed
    expect(pods[5]).toEqual({ kind: 'gap', t: 9000, resource: 'pods', from: 2000, fromResourceVersion: sinceVersion, toResourceVersion: relistVersion, reason: expect.stringMatching(/too old resource version/) });
    expect(lists(kube, PODS)).toBe(2);
    // and from the relist on, each change once
    await kube.request('DELETE', `${PODS}/stays`);
    expect(podLines(seen).slice(-1)).toEqual(['9000 pod-gone stays']);
    expect(podLines(seen).filter((l) => l.endsWith('pod-gone stays'))).toHaveLength(1);
  });

  it('a relist the API server refuses is tried again: offline until it answers, still one gap, nothing lost', async () => {
    const kube = new RecordedKube();
    let listsRefused = false;
    kube.on('GET', /\/pods$/, (call) => {
      if (listsRefused) throw new Error(`GET ${call.path}: 503 etcdserver: leader changed`);
    });
    const seen = await observing(kube);
    kube.endWatches();
    await createPod(kube, 'meanwhile');
    kube.compact();
    listsRefused = true;
    runTime(RETRY_MS);
    await elapse(RETRY_MS); // the resume is answered 410
    await elapse(2 * RETRY_MS); // the relist is refused (only the pods' lists are)
    // Events and slices expired too, but their relists show nothing changed: no gap for them.
    expect(lines(seen, ['gap'])).toEqual([]);
    expect(lists(kube, PODS)).toBe(2);
    listsRefused = false;
    runTime(1500);
    await elapse(4 * RETRY_MS);
    expect(lines(seen, ['gap', 'pod', 'pod-gone'])).toEqual(['1500 gap pods', '1500 pod meanwhile Pending']);
    expect(lines(seen, ['watch']).filter((l) => l.includes(' pods '))).toEqual(['0 watch pods online', `${RETRY_MS} watch pods offline`, '1500 watch pods online']);
  });

  // A fresh API server's watch cache can answer 410 to a watch from the list it has just served
  // (seen on the test cluster: "too old resource version: 449 (482)", 1.8 s into a run). Nothing
  // the run watches changed, so nothing is unknown: the run must go on, not end "could not be judged".
  it('a 410 whose relist shows nothing changed is neither a gap nor an outage; later changes arrive once', async () => {
    const kube = new RecordedKube();
    const seen = await observing(kube);
    await createPod(kube, 'web'); // moves the cluster's resourceVersion past the slices' list
    kube.compact();
    kube.endWatches();
    runTime(1800);
    await elapse(RETRY_MS); // events and slices resume from their list: 410
    await elapse(2 * RETRY_MS); // their relists, identical
    expect(kube.watchCalls.filter((w) => w.path === SLICES)).toHaveLength(3);
    expect(lists(kube, SLICES)).toBe(2);
    expect(lines(seen, ['gap'])).toEqual([]);
    expect(lines(seen, ['watch'])).toEqual(expect.arrayContaining(['0 watch pods online', '0 watch events online', '0 watch endpointslices online']));
    expect(lines(seen, ['watch'])).toHaveLength(3);
    expect(kube.openWatches().sort()).toEqual([SLICES, EVENTS, PODS].sort());
    runTime(2500);
    kube.update(`${PODS}/web`, running);
    expect(podLines(seen)).toEqual(['0 pod web Pending', '2500 pod web Running']);
  });

  // A watch whose very first opening fails must say 'offline': otherwise OutageLog records no
  // outage, and a failed verdict inside it is trusted although the observer could not see the pods.
  it('reports a watch refused at its first opening as offline, then online once it opens', async () => {
    const kube = new RecordedKube();
    let refused = true;
    kube.on('WATCH', /\/pods$/, () => {
      if (refused) throw new Error('connect ECONNREFUSED 127.0.0.1:6443');
    });
    const seen = await observing(kube);
    refused = false;
    runTime(RETRY_MS);
    await elapse(RETRY_MS);
    expect(kube.openWatches()).toContain(PODS); // it did come online
    expect(lines(seen, ['watch']).filter((l) => l.includes(' pods '))).toEqual(['0 watch pods offline', `${RETRY_MS} watch pods online`]);
  });
});

describe('NamespaceObserver: stop()', () => {
  it('closes every watch, reports nothing after, and reopens none', async () => {
    const kube = new RecordedKube();
    const seen = await observing(kube);
    kube.endWatches(); // a resume is due in RETRY_MS …
    await createPod(kube, 'before-stop');
    observer!.stop(); // … and is cancelled
    await createPod(kube, 'after-stop');
    await elapse(10 * RETRY_MS);
    expect(kube.openWatches()).toEqual([]);
    expect(kube.watchCalls).toHaveLength(3);
    expect(lines(seen)).toHaveLength(3); // the three 'online', nothing else
  });

  it('closes open watches itself (not only those the server ended)', async () => {
    const kube = new RecordedKube();
    const seen = await observing(kube);
    expect(kube.openWatches()).toHaveLength(3);
    observer!.stop();
    expect(kube.openWatches()).toEqual([]);
    await createPod(kube, 'late');
    expect(lines(seen, ['pod', 'watch'])).toHaveLength(3); // our own stop is no outage either
  });

  it('when start() fails (one list refused) and the caller stops, no watch is left open', async () => {
    const kube = new RecordedKube();
    kube.on('GET', /\/events$/, (call) => {
      throw new Error(`GET ${call.path}: 403 events is forbidden`);
    });
    const { seen, started } = observe(kube);
    await expect(started).rejects.toThrow(/403 events is forbidden/);
    observer!.stop(); // what run-scenario.ts's finally does
    await elapse(10 * RETRY_MS);
    await createPod(kube, 'late');
    expect(kube.openWatches()).toEqual([]);
    expect(lines(seen, ['pod'])).toEqual([]);
  });

  // Reached when one of start()'s three lists fails while another watch is opening: start()
  // rejects, run-scenario.ts's finally calls stop(), and the watch that opens afterwards must not
  // stay open, its events reaching a run that has ended.
  it('stopped while a watch is still opening (start() failed meanwhile), closes it when it opens and reports nothing from it', async () => {
    const kube = new RecordedKube();
    let answerPodsWatch!: () => void;
    const podsWatchHeaders = new Promise<void>((resolve) => (answerPodsWatch = resolve));
    kube.on('WATCH', /\/pods$/, () => podsWatchHeaders);
    let eventsList!: (e: Error) => void;
    kube.on('GET', /\/events$/, () => new Promise((_, reject) => (eventsList = reject)));
    const { seen, started } = observe(kube);
    await elapse(0);
    expect(kube.watchCalls.map((w) => w.path)).toContain(PODS); // the pods watch is opening …
    eventsList(new Error(`GET ${EVENTS}: 504 etcdserver: request timed out`)); // … when the events list fails
    await expect(started).rejects.toThrow(/504/);
    observer!.stop();
    answerPodsWatch();
    await elapse(0);
    await createPod(kube, 'late');
    expect(lines(seen, ['pod', 'watch']).filter((l) => l.includes(' pods ') || l.includes('late'))).toEqual([]);
    expect(kube.openWatches()).toEqual([]);
  });
});
