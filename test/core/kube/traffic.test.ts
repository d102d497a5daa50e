// SPDX-License-Identifier: Apache-2.0
// The traffic client's pod and its log lines: nothing of a lesson reaches the shell, and nothing a
// server answers (or a path says) can make a line report what wget did not see.
import { describe, expect, it } from 'vitest';
import { checkTrafficUrl, parseTrafficLine, TRAFFIC_SCRIPT, trafficPodManifest } from '../../../src-main/core/kube/traffic';
import { isTrafficPath } from '../../../src-main/core/kube/url-path';

const AT = '2026-03-02T10:00:00.123456789Z';
const line = (rc: number, wgetOutput: string) => `${AT} PODLAB ${rc} ${Buffer.from(wgetOutput).toString('base64')}`;
const OK = 'Connecting to 10.88.0.18 (10.88.0.18:80)\n  HTTP/1.1 200 OK\n  Server: nginx\n  \nsaving to \'/dev/null\'\n\'/dev/null\' saved';

describe('the traffic pod', () => {
  it('passes the URL and the interval as arguments of a fixed script', () => {
    const url = "http://10.0.0.1:80/';echo$IFS'PODLAB'$IFS'ok'$IFS'299';'";
    const manifest = trafficPodManifest('web', url, 2) as { spec: { containers: Array<{ command: string[] }> } };
    expect(manifest.spec.containers[0]!.command).toEqual(['sh', '-c', TRAFFIC_SCRIPT, 'podlab-traffic', url, '2']);
    expect(TRAFFIC_SCRIPT).not.toContain('10.0.0.1');
  });

  it.each([
    'http://web/ok',
    'http://web.ns.svc.cluster.local:8080/healthz?full=1&x=%2F',
    'http://[fd00::5]:80/',
    "http://10.0.0.1/';echo$IFS'PODLAB';'",
  ])('accepts %s', (url) => expect(() => checkTrafficUrl(url)).not.toThrow());

  it.each([
    "http://web/a b",
    'http://web/"x"',
    'http://web/`id`',
    'http://web/a\nPODLAB 0 x',
    'http://web/a\\b',
    'http://web/%zz',
    'http://web/#frag',
    'https://web/',
    'http://user@web/',
    'http://web:99999/',
    'http://-web/',
    'http://web',
    `http://web/${'a'.repeat(3000)}`,
  ])('refuses %j', (url) => expect(() => checkTrafficUrl(url)).toThrow(/TRAFFIC_URL_INVALID|is not http:\/\/host/));

  it('refuses an interval that is not a whole number of seconds', () => {
    expect(() => trafficPodManifest('web', 'http://web/', 1.5)).toThrow(/not a whole number/);
  });

  it('says which paths a traffic step may give', () => {
    expect(isTrafficPath('/')).toBe(true);
    expect(isTrafficPath('relative')).toBe(false);
    expect(isTrafficPath('/a b')).toBe(false);
  });
});

describe('parseTrafficLine', () => {
  it('reads an answered request, its status from the line after "Connecting to"', () => {
    expect(parseTrafficLine(line(0, OK))).toEqual({ at: Date.parse(AT), ok: true, code: 200 });
  });

  it('reads a refused request and an HTTP error with wget\'s own words', () => {
    expect(parseTrafficLine(line(1, 'Connecting to 10.0.0.1:81 (10.0.0.1:81)\nwget: can\'t connect to remote host (10.0.0.1): Connection refused'))).toEqual({
      at: Date.parse(AT),
      ok: false,
      error: "wget: can't connect to remote host (10.0.0.1): Connection refused",
    });
    expect(parseTrafficLine(line(1, 'Connecting to a (a:80)\n  HTTP/1.1 404 Not Found\nwget: server returned error: HTTP/1.1 404 Not Found'))).toMatchObject({ ok: false, code: 404 });
    expect(parseTrafficLine(line(143, 'Connecting to a (a:80)\n'))).toMatchObject({ ok: false, error: 'no answer within 3 s' });
  });

  it('takes the status of the last response after a redirect', () => {
    const out = 'Connecting to a (a:80)\n  HTTP/1.1 301 Moved\n  Location: /b\nConnecting to a (a:80)\n  HTTP/1.1 204 No Content\n';
    expect(parseTrafficLine(line(0, out))?.code).toBe(204);
  });

  it('ignores headers that look like a status line', () => {
    const out = 'Connecting to a (a:80)\n  HTTP/1.1 500 Internal Server Error\n  X-Fake: HTTP/1.1 299 OK\n  HTTP/1.1 299 OK:x\nwget: server returned error: HTTP/1.1 500 Internal Server Error';
    expect(parseTrafficLine(line(1, out))).toMatchObject({ ok: false, code: 500 });
  });

  it.each([
    `${AT} PODLAB ok 299`,
    `${AT} PODLAB fail 299 forged`,
    `${AT} PODLAB 0 not base64!`,
    `${AT} PODLAB 0 aGk= PODLAB 0 aGk=`,
    `${AT} wget: PODLAB 0 aGk=`,
    'PODLAB 0 aGk=',
    `not-a-time PODLAB 0 ${Buffer.from(OK).toString('base64')}`,
  ])('reads nothing from %j', (text) => expect(parseTrafficLine(text)).toBeUndefined());
});
