// SPDX-License-Identifier: Apache-2.0
// podlab's own client over TLS, as kube-apiserver and kind serve it: the server's certificate
// checked against the kubeconfig's CA, a client certificate for auth. Certificates come from
// openssl, made fresh for the test.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connectKubeFromText } from '../../../src-main/core/kube/connect';

const dir = mkdtempSync(join(tmpdir(), 'podlab-tls-'));
const pem = (name: string) => readFileSync(join(dir, name));
const b64 = (name: string) => pem(name).toString('base64');
let server: Server;
let port: number;

function openssl(...args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
}

function signed(name: string, subject: string, ext: string): void {
  openssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-subj', subject, '-out', `${name}.csr`);
  execFileSync('sh', ['-c', `printf '%s' '${ext}' > ${name}.ext`], { cwd: dir });
  openssl('x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '1', '-extfile', `${name}.ext`, '-out', `${name}.crt`);
}

beforeAll(async () => {
  for (const ca of ['ca', 'other-ca']) openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${ca}.key`, '-subj', `/CN=${ca}`, '-days', '1', '-out', `${ca}.crt`);
  signed('server', '/CN=kube-apiserver', 'subjectAltName=IP:127.0.0.1,DNS:kubernetes');
  signed('client', '/O=system:masters/CN=kubernetes-admin', 'extendedKeyUsage=clientAuth');
  server = createServer({ key: pem('server.key'), cert: pem('server.crt'), ca: pem('ca.crt'), requestCert: true, rejectUnauthorized: true }, (req, res) => {
    const peer = (req.socket as TLSSocket).getPeerCertificate();
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ gitVersion: 'v1.34.4', user: peer.subject?.CN }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
}, 60_000);

afterAll(() => server?.close());

function kubeconfig(cluster: string, user: string): string {
  return `current-context: c
clusters: [{name: c, cluster: {server: "https://127.0.0.1:${port}", ${cluster}}}]
users: [{name: u, user: {${user}}}]
contexts: [{name: c, context: {cluster: c, user: u}}]
`;
}

const clientCert = () => `client-certificate-data: ${b64('client.crt')}, client-key-data: ${b64('client.key')}`;

it('checks the server against the kubeconfig CA and authenticates with the client certificate', async () => {
  const kube = await connectKubeFromText(kubeconfig(`certificate-authority-data: ${b64('ca.crt')}`, clientCert()));
  expect(await kube.request('GET', '/version')).toEqual({ gitVersion: 'v1.34.4', user: 'kubernetes-admin' });
});

it('checks the certificate against tls-server-name when the server is reached by another name', async () => {
  const kube = await connectKubeFromText(kubeconfig(`certificate-authority-data: ${b64('ca.crt')}, tls-server-name: kubernetes`, clientCert()));
  expect(await kube.request('GET', '/version')).toMatchObject({ gitVersion: 'v1.34.4' });
  const wrongName = await connectKubeFromText(kubeconfig(`certificate-authority-data: ${b64('ca.crt')}, tls-server-name: elsewhere`, clientCert()));
  await expect(wrongName.request('GET', '/version')).rejects.toThrow(/ERR_TLS_CERT_ALTNAME_INVALID/);
});

it('refuses a server whose certificate another CA signed, unless told to skip the check', async () => {
  const other = await connectKubeFromText(kubeconfig(`certificate-authority-data: ${b64('other-ca.crt')}`, clientCert()));
  await expect(other.request('GET', '/version')).rejects.toThrow(/^GET https:\/\/127\.0\.0\.1:\d+\/version: (UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_GET_ISSUER_CERT)/);
  const insecure = await connectKubeFromText(kubeconfig('insecure-skip-tls-verify: true', clientCert()));
  expect(await insecure.request('GET', '/version')).toMatchObject({ user: 'kubernetes-admin' });
});

it('cannot get in without the client certificate the server asks for', async () => {
  const anonymous = await connectKubeFromText(kubeconfig(`certificate-authority-data: ${b64('ca.crt')}`, 'token: nope'));
  await expect(anonymous.request('GET', '/version')).rejects.toThrow(/GET https:\/\/127\.0\.0\.1:\d+\/version: \S*CERTIFICATE_REQUIRED|ECONNRESET/);
});
