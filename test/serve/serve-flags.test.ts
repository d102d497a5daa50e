// SPDX-License-Identifier: Apache-2.0
// `podlab serve`'s flags, checked before anything opens: each mistake says what is wrong and what to give.
import { describe, expect, it } from 'vitest';
import { parseServeFlags } from '../../src-main/cli/commands/serve';

describe('parseServeFlags', () => {
  it.each([
    [{}, { insecure: false, newToken: false }],
    [{ port: '0' }, { port: 0, insecure: false, newToken: false }],
    [{ port: '65535', host: '0.0.0.0', insecure: true }, { port: 65535, host: '0.0.0.0', insecure: true, newToken: false }],
    [{ host: '[::1]' }, { host: '::1', insecure: false, newToken: false }],
    [{ host: 'fd00::2' }, { host: 'fd00::2', insecure: false, newToken: false }],
    [{ host: 'lab-pc.local' }, { host: 'lab-pc.local', insecure: false, newToken: false }],
    [{ newToken: true }, { insecure: false, newToken: true }],
  ])('accepts %j', (v, flags) => {
    expect(parseServeFlags(v)).toEqual({ ok: true, flags });
  });

  it.each([
    [{ port: 'abc' }, '--port: "abc" is not a port number (0 to 65535; 0 takes any free one)'],
    [{ port: '65536' }, '--port: "65536" is not a port number (0 to 65535; 0 takes any free one)'],
    [{ port: '-1' }, '--port: "-1" is not a port number (0 to 65535; 0 takes any free one)'],
    [{ port: '' }, '--port: "" is not a port number (0 to 65535; 0 takes any free one)'],
    [{ port: '0x50' }, '--port: "0x50" is not a port number (0 to 65535; 0 takes any free one)'],
    [{ port: '1e3' }, '--port: "1e3" is not a port number (0 to 65535; 0 takes any free one)'],
    [{ host: '' }, '--host: empty; give an address such as 127.0.0.1, or 0.0.0.0 for every address of this machine'],
    [{ host: 'http://0.0.0.0' }, '--host: "http://0.0.0.0" is a URL; give only the address (the port goes in --port)'],
    [{ host: '0.0.0.0:8080' }, '--host: "0.0.0.0:8080" has a port; give the address alone and the port with --port'],
    [{ host: 'lab pc' }, '--host: "lab pc" is neither an IP address nor a host name'],
    [{ host: '-oProxy' }, '--host: "-oProxy" is neither an IP address nor a host name'],
  ])('refuses %j', (v, message) => {
    expect(parseServeFlags(v)).toEqual({ ok: false, message });
  });
});
