// SPDX-License-Identifier: Apache-2.0
// Reading a kubeconfig for podlab's own client: which context, server, TLS material and
// credentials it yields, when it hands over to client-node, and what a broken one says.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { readKubeconfig, type KubeTarget } from '../../../src-main/core/kube/kubeconfig';

const CA = Buffer.from('the CA').toString('base64');

function config(user: string, extra = ''): string {
  return `apiVersion: v1
kind: Config
current-context: dev
clusters:
- name: dev-cluster
  cluster: {server: "https://10.0.0.1:6443/", certificate-authority-data: ${CA}, tls-server-name: api.dev}
- name: lab-cluster
  cluster: {server: "https://lab:6443", insecure-skip-tls-verify: true${extra}}
users:
- name: dev-user
  user: ${user}
contexts:
- name: dev
  context: {cluster: dev-cluster, user: dev-user}
- name: lab
  context: {cluster: lab-cluster, user: dev-user}
`;
}

function target(text: string, options: Parameters<typeof readKubeconfig>[2] = {}): KubeTarget {
  const read = readKubeconfig(text, 'kc.yaml', options);
  if (!('target' in read)) throw new Error(`expected podlab's own client, got: ${read.clientNodeNeededFor}`);
  return read.target;
}

it('takes the current context, its server, CA and server name, and a bearer token', () => {
  const t = target(config('{token: abc}'));
  expect(t.context).toBe('dev');
  expect(t.server.href).toBe('https://10.0.0.1:6443/');
  expect(t.tls).toEqual({ ca: Buffer.from('the CA'), cert: undefined, key: undefined, rejectUnauthorized: true, servername: 'api.dev' });
  expect(t.authHeaders()).toEqual({ Authorization: 'Bearer abc' });
});

it('takes a context by name, with insecure-skip-tls-verify', () => {
  const t = target(config('{token: abc}'), { context: 'lab' });
  expect(t.context).toBe('lab');
  expect(t.server.host).toBe('lab:6443');
  expect(t.tls.rejectUnauthorized).toBe(false);
});

it('reads certificate files relative to the kubeconfig folder, and -data over a file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'podlab-kc-'));
  writeFileSync(join(dir, 'client.crt'), 'CERT');
  writeFileSync(join(dir, 'client.key'), 'KEY');
  const t = target(config(`{client-certificate: client.crt, client-key: ${join(dir, 'client.key')}}`), { baseDir: dir });
  expect(t.tls.cert?.toString()).toBe('CERT');
  expect(t.tls.key?.toString()).toBe('KEY');
  const both = target(config(`{client-certificate: missing.crt, client-certificate-data: ${Buffer.from('INLINE').toString('base64')}}`), { baseDir: dir });
  expect(both.tls.cert?.toString()).toBe('INLINE');
});

it('reads a token file again on each call, as a rotated token must be picked up', () => {
  const dir = mkdtempSync(join(tmpdir(), 'podlab-kc-'));
  writeFileSync(join(dir, 'token'), 'first\n');
  const t = target(config('{tokenFile: token}'), { baseDir: dir });
  expect(t.authHeaders()).toEqual({ Authorization: 'Bearer first' });
  writeFileSync(join(dir, 'token'), 'second');
  expect(t.authHeaders()).toEqual({ Authorization: 'Bearer second' });
});

it('sends basic auth and impersonation headers', () => {
  const t = target(config('{username: ann, password: pw, as: bob, as-groups: [a, b], as-uid: "7"}'));
  expect(t.authHeaders()).toEqual({
    Authorization: `Basic ${Buffer.from('ann:pw').toString('base64')}`,
    'Impersonate-User': 'bob',
    'Impersonate-Uid': '7',
    'Impersonate-Group': ['a', 'b'],
  });
});

it('hands exec plugins, auth providers and a proxy-url over to client-node, saying why', () => {
  expect(readKubeconfig(config('{exec: {command: aws, apiVersion: client.authentication.k8s.io/v1}}'), 'kc.yaml')).toEqual({ clientNodeNeededFor: 'user "dev-user" authenticates with exec' });
  expect(readKubeconfig(config('{auth-provider: {name: oidc}}'), 'kc.yaml')).toEqual({ clientNodeNeededFor: 'user "dev-user" authenticates with auth-provider' });
  expect(readKubeconfig(config('{}', ', proxy-url: "socks5://p:1080"'), 'kc.yaml', { context: 'lab' })).toEqual({ clientNodeNeededFor: 'cluster "lab-cluster" is reached through proxy-url' });
});

it('says what is wrong with a kubeconfig that cannot be used, naming the file', () => {
  const bad = (text: string, options?: Parameters<typeof readKubeconfig>[2]) => {
    try {
      readKubeconfig(text, 'kc.yaml', options);
    } catch (e) {
      return `${(e as { code: string }).code}: ${(e as Error).message}`;
    }
    return 'accepted';
  };
  expect(bad('clusters: [\n  {name: x\n')).toMatch(/^KUBECONFIG_INVALID: kc\.yaml:\d+:\d+: /);
  expect(bad('- just\n- a list\n')).toBe('KUBECONFIG_INVALID: kc.yaml: not a kubeconfig (expected a mapping with clusters, users and contexts)');
  expect(bad(config('{}'), { context: 'prod' })).toBe('KUBE_CONTEXT_UNKNOWN: no context "prod" in kc.yaml (has: dev, lab)');
  expect(bad(config('{}').replace('current-context: dev', ''))).toBe('KUBE_NO_CLUSTER: kc.yaml has no current-context, and no context was given');
  expect(bad(config('{}').replace('cluster: dev-cluster', 'cluster: gone'))).toBe('KUBE_NO_CLUSTER: kc.yaml: context "dev" names no cluster with a server');
  expect(bad(config('{}').replace('https://10.0.0.1:6443/', 'not a url'))).toBe('KUBECONFIG_INVALID: kc.yaml: cluster "dev-cluster" has a server that is not a URL: not a url');
  expect(bad(config('{client-key: /nonexistent/key}'))).toMatch(/^KUBECONFIG_FILE: kc\.yaml: cannot read client-key \/nonexistent\/key: ENOENT/);
});
