// SPDX-License-Identifier: Apache-2.0
// Settings in a real SQLite file: defaults, validation before any write, all-or-nothing updates.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KIND_NODE_IMAGE } from '../../../src-main/core/cluster/kind-config';
import { Store } from '../../../src-main/core/store/store';

let dir: string;
let store: Store;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'podlab-settings-'));
  store = Store.open(join(dir, 'podlab.db'));
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('settings', () => {
  it('start at the defaults: the pinned official node image, no mirrors, no proxy', () => {
    expect(store.settings.get().cluster).toEqual({ nodeImage: KIND_NODE_IMAGE, registryMirrors: {}, httpProxy: '', httpsProxy: '', noProxy: '' });
  });

  it('keep a change across reopening the database, and go back to the default on null', () => {
    store.settings.update([
      { key: 'cluster.nodeImage', value: 'kindest/node:v1.34.4-podlab' },
      { key: 'cluster.registryMirrors', value: { 'docker.io': 'https://mirror.example.com', 'registry.example.com:5000': 'http://10.0.0.5:5000' } },
    ]);
    store.close();
    store = Store.open(join(dir, 'podlab.db'));
    expect(store.settings.get().cluster.nodeImage).toBe('kindest/node:v1.34.4-podlab');
    expect(store.settings.get().cluster.registryMirrors).toEqual({ 'docker.io': 'https://mirror.example.com', 'registry.example.com:5000': 'http://10.0.0.5:5000' });
    store.settings.update([{ key: 'cluster.nodeImage', value: null }]);
    expect(store.settings.get().cluster.nodeImage).toBe(KIND_NODE_IMAGE);
  });

  it.each([
    ['cluster.nodeImage', 'Kindest/Node:latest', /image reference/],
    ['cluster.nodeImage', 'kindest/node:v1; rm -rf /', /image reference/],
    ['cluster.registryMirrors', { 'docker.io': 'ftp://x' }, /http:\/\/ or https:\/\//],
    ['cluster.registryMirrors', { 'bad host!': 'https://x' }, /registry host/],
    ['cluster.httpsProxy', 'proxy:3128', /http:\/\/ or https:\/\//],
    ['cluster.noProxy', 'a, b', /without spaces/],
  ] as const)('refuse %s = %j with a message', (key, value, message) => {
    expect(() => store.settings.update([{ key, value }])).toThrow(message);
  });

  it('write nothing when one change of several is bad', () => {
    expect(() =>
      store.settings.update([
        { key: 'cluster.httpProxy', value: 'http://proxy.example:3128' },
        { key: 'cluster.nodeImage', value: 'NOT VALID' },
      ]),
    ).toThrow();
    expect(store.settings.get().cluster.httpProxy).toBe('');
  });

  it('ignore a hand-edited row that no longer validates, keeping the default', () => {
    store.db.prepare(`INSERT INTO settings (key, value, updated_at) VALUES ('cluster.nodeImage', '"UPPER CASE"', 'x'), ('cluster.unknown', '1', 'x'), ('cluster.httpProxy', '{not json', 'x')`).run();
    expect(store.settings.get().cluster).toMatchObject({ nodeImage: KIND_NODE_IMAGE, httpProxy: '' });
  });
});
