// SPDX-License-Identifier: Apache-2.0
// ResourceWatch against a fake of the list/watch semantics: a drop resumes from the last version
// (no relist, nothing lost), a 410 relists and diffs with a gap, a replay is not seen twice.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ResourceWatch, type WatchGap } from '../../../src-main/core/kube/resource-watch';
import { FakeWatchApi, type FakeObject } from './fake-watch-api';

interface Seen {
  log: string[];
  gaps: WatchGap[];
  states: string[];
}

let watch: ResourceWatch<FakeObject> | undefined;
afterEach(() => watch?.stop());

async function watching(api: FakeWatchApi, now: () => number = Date.now): Promise<Seen> {
  const seen: Seen = { log: [], gaps: [], states: [] };
  watch = new ResourceWatch<FakeObject>(
    api,
    '/things',
    {
      upsert: (o) => seen.log.push(`upsert ${o.metadata.name}@${o.metadata.resourceVersion}`),
      remove: (o) => seen.log.push(`remove ${o.metadata.name}`),
      state: (s) => seen.states.push(s),
      gap: (g) => seen.gaps.push(g),
    },
    { retryMs: 1, maxRetryMs: 4, now },
  );
  await watch.start();
  return seen;
}

const reconnected = (api: FakeWatchApi) => vi.waitFor(() => expect(api.openStreams).toBe(1));

describe('ResourceWatch', () => {
  it('lists, then hands on each change once', async () => {
    const api = new FakeWatchApi();
    api.create('a');
    const seen = await watching(api);
    api.update('a');
    api.delete('a');
    expect(seen.log).toEqual(['upsert a@101', 'upsert a@102', 'remove a']);
    expect(seen.states).toEqual(['online']);
  });

  it('resumes a dropped watch from the last version: what came and went meanwhile arrives, without a relist', async () => {
    const api = new FakeWatchApi();
    const seen = await watching(api);
    api.dropAll();
    api.down = true;
    api.create('ghost');
    api.update('ghost');
    api.delete('ghost');
    expect(seen.log).toEqual([]);
    api.down = false;
    await reconnected(api);
    expect(seen.log).toEqual(['upsert ghost@101', 'upsert ghost@102', 'remove ghost']);
    expect(api.lists).toBe(1);
    expect(api.watches).toEqual(expect.arrayContaining(['100']));
    expect(seen.gaps).toEqual([]);
    expect(seen.states).toEqual(['online', 'offline', 'online']);
  });

  it('after a 410 relists, records the gap with its bounds, then what the list shows changed or gone', async () => {
    const api = new FakeWatchApi();
    api.create('stays');
    api.create('changes');
    api.create('leaves');
    let clock = 1_000;
    const seen = await watching(api, () => clock);
    api.dropAll();
    clock = 5_000;
    api.update('changes');
    api.delete('leaves');
    api.create('ghost');
    api.delete('ghost');
    api.create('arrives');
    api.compact();
    await vi.waitFor(() => expect(seen.gaps).toHaveLength(1));
    await reconnected(api);
    expect(seen.gaps[0]).toMatchObject({ since: 1_000, sinceResourceVersion: '103', resourceVersion: '108' });
    expect(seen.gaps[0]!.reason).toMatch(/too old resource version/);
    expect(seen.log.slice(3)).toEqual(['remove leaves', 'upsert changes@104', 'upsert arrives@108']);
    expect(api.lists).toBe(2);
  });

  it('after a 410 whose relist shows nothing changed: no gap, no outage, and the watch goes on from the relist', async () => {
    const api = new FakeWatchApi();
    api.create('a');
    const seen = await watching(api);
    api.endAll();
    api.bookmark(); // the cluster moved on (no stream open to hear it), nothing of ours did
    api.compact();
    await vi.waitFor(() => expect(api.watches).toEqual(['101', '101', '102']));
    await reconnected(api);
    expect(api.lists).toBe(2);
    api.update('a');
    expect(seen.gaps).toEqual([]);
    expect(seen.states).toEqual(['online']);
    expect(seen.log).toEqual(['upsert a@101', 'upsert a@103']);
  });

  it('relists on an HTTP 410 answer too', async () => {
    const api = new FakeWatchApi();
    api.expireAsHttpStatus = true;
    const seen = await watching(api);
    api.dropAll();
    api.create('later');
    api.compact();
    await vi.waitFor(() => expect(seen.gaps).toHaveLength(1));
    await vi.waitFor(() => expect(seen.log).toEqual(['upsert later@101']));
  });

  it('drops events delivered again (a resume from an older version)', async () => {
    const api = new FakeWatchApi();
    const seen = await watching(api);
    api.create('a');
    api.update('a');
    api.create('b');
    api.delete('b');
    const before = [...seen.log];
    api.replayNextFrom = '100';
    api.dropAll();
    await reconnected(api);
    api.update('a');
    expect(api.watches.at(-1)).toBe('100');
    expect(seen.log).toEqual([...before, 'upsert a@105']);
  });

  it('keeps its place through bookmarks, so a resume after a quiet spell is not expired', async () => {
    const api = new FakeWatchApi();
    const seen = await watching(api);
    api.bookmark();
    api.compact();
    api.dropAll();
    await reconnected(api);
    expect(api.watches.at(-1)).toBe('101');
    expect(seen.gaps).toEqual([]);
    expect(api.lists).toBe(1);
  });

  it('records a deletion of an object it never saw as the object, then its going', async () => {
    const seen: string[] = [];
    const x = { metadata: { uid: 'u-x', name: 'x', resourceVersion: '7' } };
    const api = {
      list: async () => ({ resourceVersion: '5', items: [] }),
      watch: async (_p: string, _rv: string, onEvent: (type: string, obj: unknown) => void) => {
        onEvent('DELETED', x);
        onEvent('DELETED', x);
        return { stop: () => {} };
      },
    };
    watch = new ResourceWatch<FakeObject>(api as never, '/things', {
      upsert: (o) => seen.push(`upsert ${o.metadata.name}`),
      remove: (o) => seen.push(`remove ${o.metadata.name}`),
      state: () => {},
      gap: () => {},
    });
    await watch.start();
    expect(seen).toEqual(['upsert x', 'remove x']);
  });

  it('keeps retrying while the API server is away, says offline once, and relists if its version expired meanwhile', async () => {
    const api = new FakeWatchApi();
    const seen = await watching(api);
    api.dropAll();
    api.create('meanwhile');
    api.compact();
    api.down = true;
    await new Promise((r) => setTimeout(r, 30));
    expect(seen.states).toEqual(['online', 'offline']);
    api.down = false;
    await reconnected(api);
    expect(seen.gaps).toHaveLength(1);
    expect(seen.log).toEqual(['upsert meanwhile@101']);
    expect(seen.states).toEqual(['online', 'offline', 'online']);
  });
});
