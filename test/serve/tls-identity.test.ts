// SPDX-License-Identifier: Apache-2.0
// The self-signed certificate: what it says (read back by node:crypto's X.509 parser), kept from one
// start to the next with a private key only its owner reads, made anew when it no longer fits.
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSelfSignedCert } from '../../src-main/serve/self-signed-cert';
import { loadOrCreateTlsIdentity } from '../../src-main/serve/tls-identity';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'podlab-tls-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('createSelfSignedCert', () => {
  it('is a v3 server certificate for exactly the names given, signed by its own key', () => {
    const now = new Date('2026-03-01T12:00:00Z');
    const made = createSelfSignedCert(['localhost', '127.0.0.1', '::1', 'fd00::2', '192.0.2.2', 'lab-pc.local'], { now, days: 30 });
    const x = new X509Certificate(made.cert);
    expect(x.subjectAltName).toBe('DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1, IP Address:FD00:0:0:0:0:0:0:2, IP Address:192.0.2.2, DNS:lab-pc.local');
    expect(x.subject).toBe('CN=podlab serve');
    expect(x.issuer).toBe(x.subject);
    expect(x.ca).toBe(false);
    expect(x.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1']);
    expect(new Date(x.validFrom).toISOString()).toBe('2026-03-01T11:59:00.000Z');
    expect(new Date(x.validTo).toISOString()).toBe('2026-03-31T12:00:00.000Z');
    expect(x.verify(x.publicKey)).toBe(true);
    expect(x.checkPrivateKey(createPrivateKey(made.key))).toBe(true);
    expect(x.checkIP('192.0.2.3')).toBeUndefined();
    expect(x.checkHost('evil.example')).toBeUndefined();
  });

  it('writes dates after 2049 as GeneralizedTime', () => {
    const x = new X509Certificate(createSelfSignedCert(['localhost'], { now: new Date('2049-12-01T00:00:00Z'), days: 60 }).cert);
    expect(new Date(x.validTo).toISOString()).toBe('2050-01-30T00:00:00.000Z');
  });

  it('gives each certificate its own key and serial', () => {
    const a = new X509Certificate(createSelfSignedCert(['localhost']).cert);
    const b = new X509Certificate(createSelfSignedCert(['localhost']).cert);
    expect(a.serialNumber).not.toBe(b.serialNumber);
    expect(a.fingerprint256).not.toBe(b.fingerprint256);
  });
});

describe('loadOrCreateTlsIdentity', () => {
  const names = ['127.0.0.1', 'localhost', '::1', '192.0.2.2'];

  it('makes one, keeps it (the same fingerprint at the next start), and its key is for its owner only', async () => {
    const first = await loadOrCreateTlsIdentity(dir, names);
    expect(first.created).toBe(true);
    expect(first.certFile).toBe(join(dir, 'serve', 'certificate.pem'));
    expect(statSync(join(dir, 'serve', 'private-key.pem')).mode & 0o777).toBe(0o600);
    const second = await loadOrCreateTlsIdentity(dir, names);
    expect([second.created, second.fingerprint, second.key]).toEqual([false, first.fingerprint, first.key]);
  });

  it('makes a new one when an address is not in it, when it is about to expire, or when the files are damaged', async () => {
    const first = await loadOrCreateTlsIdentity(dir, names);
    const wider = await loadOrCreateTlsIdentity(dir, [...names, '192.0.2.77']);
    expect(wider.created).toBe(true);
    expect(new X509Certificate(wider.cert).checkIP('192.0.2.77')).toBe('192.0.2.77');
    const later = await loadOrCreateTlsIdentity(dir, names, new Date(Date.now() + 365 * 86_400_000));
    expect(later.created).toBe(true);
    writeFileSync(join(dir, 'serve', 'certificate.pem'), 'not a certificate');
    const repaired = await loadOrCreateTlsIdentity(dir, names);
    expect(repaired.created).toBe(true);
    expect(new Set([first.fingerprint, wider.fingerprint, later.fingerprint, repaired.fingerprint]).size).toBe(4);
  });
});
