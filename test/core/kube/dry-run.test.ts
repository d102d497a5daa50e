// SPDX-License-Identifier: Apache-2.0
// A dry run's refusals say whose they are: the API server's, or podlab's own before any request.
import { describe, expect, it } from 'vitest';
import { dryRunAll } from '../../../src-main/core/kube/apply';
import { KubeApiError, type KubeApi } from '../../../src-main/core/kube/kube-api';
import type { ResourceResolver } from '../../../src-main/core/kube/resources';

const object = (kind: string, name: string) => ({ file: 'pod.yaml', object: { apiVersion: 'v1', kind, metadata: { name } } });
const resolver = { path: async (_v: string, kind: string) => (kind === 'Widget' ? Promise.reject(new Error('no kind Widget in v1 (discovery)')) : `/api/v1/namespaces/n/${kind.toLowerCase()}s`) } as unknown as ResourceResolver;
const rest = { request: async (_m: string, path: string) => Promise.reject(new KubeApiError(422, 'PATCH', path, { message: 'spec.containers: Required value' })) } as unknown as KubeApi;

describe('dryRunAll', () => {
  it('names the API server for what it refused and podlab for what never left', async () => {
    await expect(dryRunAll(rest, resolver, 'n', [object('Pod', 'p'), object('Widget', 'w')])).rejects.toMatchObject({
      code: 'MANIFEST_REJECTED',
      message: 'the API server refused a manifest (nothing was created):\npod.yaml: Pod p: spec.containers: Required value\npodlab could not send a manifest:\npod.yaml: Widget w: no kind Widget in v1 (discovery)',
    });
  });

  it("says podlab alone when nothing reached the API server", async () => {
    await expect(dryRunAll(rest, resolver, 'n', [object('Widget', 'w')])).rejects.toMatchObject({
      message: 'podlab could not send a manifest (nothing was created):\npod.yaml: Widget w: no kind Widget in v1 (discovery)',
    });
  });
});
