// SPDX-License-Identifier: Apache-2.0
// A fake Kubernetes API server on 127.0.0.1: /version, one node with the given images, an empty
// namespace list; every write is refused and recorded, so a test can show nothing was created.
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeApi {
  url: string;
  /** "POST /api/v1/namespaces", … */
  writes: string[];
  close(): Promise<void>;
}

/** A node with these images, as GET /api/v1/nodes gives it; every other write is refused and recorded. */
export async function fakeApi(images: string[]): Promise<FakeApi> {
  const writes: string[] = [];
  const node = {
    metadata: { name: 'node-1' },
    spec: {},
    status: { allocatable: { cpu: '2', memory: '4Gi', pods: '110' }, conditions: [{ type: 'Ready', status: 'True' }], images: images.map((i) => ({ names: [i] })) },
  };
  const server = createServer((req, res) => {
    const send = (code: number, body: unknown) => res.writeHead(code, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'GET') {
      writes.push(`${req.method} ${path}`);
      return send(403, { kind: 'Status', message: 'the fake API server creates nothing' });
    }
    if (path === '/version') return send(200, { gitVersion: 'v1.34.4' });
    if (path === '/api/v1/nodes') return send(200, { items: [node] });
    if (path === '/api/v1/namespaces') return send(200, { items: [] });
    return send(404, { kind: 'Status', message: 'not found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    writes,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A kubeconfig for the fake server (plain HTTP, so TLS verification is off). */
export function fakeKubeconfig(file: string, url: string): string {
  writeFileSync(
    file,
    `apiVersion: v1
kind: Config
clusters: [{ name: fake, cluster: { server: "${url}", insecure-skip-tls-verify: true } }]
users: [{ name: fake, user: { token: t } }]
contexts: [{ name: fake, context: { cluster: fake, user: fake } }]
current-context: fake
`,
  );
  return file;
}
