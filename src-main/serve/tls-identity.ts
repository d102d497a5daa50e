// SPDX-License-Identifier: Apache-2.0
// Browser mode's certificate beyond loopback: made once and kept in the data folder, so the fingerprint a
// student checked stays the same from one start to the next; made anew only when it expires or does
// not name an address podlab now serves on.
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { createSelfSignedCert, type SelfSignedCert } from './self-signed-cert';

export interface TlsIdentity extends SelfSignedCert {
  certFile: string;
  /** SHA-256, as browsers show it (AB:CD:…) */
  fingerprint: string;
  /** true when this start made it (the fingerprint is new) */
  created: boolean;
}

const RENEW_BEFORE_MS = 86_400_000;

export async function loadOrCreateTlsIdentity(dataDir: string, names: readonly string[], now = new Date()): Promise<TlsIdentity> {
  const dir = join(dataDir, 'serve');
  const certFile = join(dir, 'certificate.pem');
  const keyFile = join(dir, 'private-key.pem');
  const kept = await readKept(certFile, keyFile);
  if (kept && covers(kept.x509, names) && Date.parse(kept.x509.validTo) - now.getTime() > RENEW_BEFORE_MS) {
    return { cert: kept.cert, key: kept.key, certFile, fingerprint: kept.x509.fingerprint256, created: false };
  }
  const made = createSelfSignedCert(names, { now });
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await writeFile(keyFile, made.key, { mode: 0o600 });
  await writeFile(certFile, made.cert);
  return { ...made, certFile, fingerprint: new X509Certificate(made.cert).fingerprint256, created: true };
}

/** The kept pair, if both files are there and belong together; a damaged or foreign pair is made anew. */
async function readKept(certFile: string, keyFile: string): Promise<{ cert: string; key: string; x509: X509Certificate } | undefined> {
  try {
    const [cert, key] = await Promise.all([readFile(certFile, 'utf8'), readFile(keyFile, 'utf8')]);
    const x509 = new X509Certificate(cert);
    return x509.checkPrivateKey(createPrivateKey(key)) ? { cert, key, x509 } : undefined;
  } catch {
    return undefined;
  }
}

function covers(x509: X509Certificate, names: readonly string[]): boolean {
  return names.every((n) => (isIP(n) ? x509.checkIP(n) !== undefined : x509.checkHost(n, { wildcards: false }) !== undefined));
}
