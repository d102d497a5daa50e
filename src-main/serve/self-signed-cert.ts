// SPDX-License-Identifier: Apache-2.0
// A self-signed certificate for browser mode beyond loopback: ECDSA P-256, SHA-256, valid for the names
// and addresses podlab serves on. Built with node:crypto alone, so it works offline on any learner's
// machine (no openssl binary, no package that may be missing).
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { isIP } from 'node:net';
import { bitString, boolean, explicit, implicit, octetString, oid, sequence, set, time, unsignedInteger, utf8String } from './der';

export interface SelfSignedCert {
  /** PEM */
  cert: string;
  /** PEM, PKCS#8 */
  key: string;
}

const ECDSA_WITH_SHA256 = sequence(oid('1.2.840.10045.4.3.2'));
const COMMON_NAME = '2.5.4.3';
const BASIC_CONSTRAINTS = '2.5.29.19';
const KEY_USAGE = '2.5.29.15';
const EXT_KEY_USAGE = '2.5.29.37';
const SUBJECT_ALT_NAME = '2.5.29.17';
const SERVER_AUTH = '1.3.6.1.5.5.7.3.1';

/** names: host names and IP addresses (v4 or v6) the certificate is for */
export function createSelfSignedCert(names: readonly string[], opts: { days?: number; now?: Date; commonName?: string } = {}): SelfSignedCert {
  const now = opts.now ?? new Date();
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const serial = randomBytes(16);
  serial[0] = (serial[0]! & 0x7f) | 0x40; // positive, and never shortened: always 16 bytes
  const name = sequence(set(sequence(oid(COMMON_NAME), utf8String(opts.commonName ?? 'podlab serve'))));
  // A minute back, so a clock a little behind the browser's does not make it "not yet valid".
  const notBefore = new Date(now.getTime() - 60_000);
  const notAfter = new Date(now.getTime() + (opts.days ?? 365) * 86_400_000);
  const tbs = sequence(
    explicit(0, unsignedInteger(Buffer.from([2]))), // v3
    unsignedInteger(serial),
    ECDSA_WITH_SHA256,
    name,
    sequence(time(notBefore), time(notAfter)),
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
    explicit(3, sequence(...extensions(names))),
  );
  const signature = sign('sha256', tbs, { key: privateKey, dsaEncoding: 'der' });
  const der = sequence(tbs, ECDSA_WITH_SHA256, bitString(signature));
  return { cert: pem('CERTIFICATE', der), key: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string };
}

function extensions(names: readonly string[]): Buffer[] {
  const ext = (id: string, critical: boolean, value: Buffer) => sequence(oid(id), ...(critical ? [boolean(true)] : []), octetString(value));
  const altNames = names.map((n) => (isIP(n) ? implicit(7, ipBytes(n)) : implicit(2, Buffer.from(n, 'ascii'))));
  return [
    ext(BASIC_CONSTRAINTS, true, sequence()), // not a CA
    ext(KEY_USAGE, true, bitString(Buffer.from([0x80]), 7)), // digitalSignature only
    ext(EXT_KEY_USAGE, false, sequence(oid(SERVER_AUTH))),
    ext(SUBJECT_ALT_NAME, false, sequence(...altNames)),
  ];
}

function ipBytes(ip: string): Buffer {
  if (isIP(ip) === 4) return Buffer.from(ip.split('.').map(Number));
  // An IPv4 tail (::ffff:192.0.2.1) is two groups written the other way.
  const v6 = ip.replace(/(\d+)\.(\d+)\.(\d+)\.(\d+)$/, (_m, a: string, b: string, c: string, d: string) => `${((+a << 8) | +b).toString(16)}:${((+c << 8) | +d).toString(16)}`);
  const [head = '', tail = ''] = v6.split('::');
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = v6.includes('::') ? [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t] : h;
  return Buffer.from(groups.flatMap((g) => [parseInt(g, 16) >> 8, parseInt(g, 16) & 0xff]));
}

function pem(label: string, der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}
