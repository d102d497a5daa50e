// SPDX-License-Identifier: Apache-2.0
// A run's owner survives PID reuse: the same PID with another start time is not the owner.
import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { currentOwner, ownerAlive, startIdentity } from '../../../src-main/core/util/process-identity';

const host = hostname();

describe('run owners', () => {
  it('names this process by pid, host and (on Linux) boot id and start time', () => {
    expect(currentOwner()).toMatch(new RegExp(`^${process.pid}@${host}#[0-9a-f-]{36}:\\d+$`));
  });

  it('takes a live process that is still the one that wrote the owner for alive', () => {
    expect(ownerAlive(`${process.ppid}@${host}#${startIdentity(process.ppid)}`)).toBe(true);
    expect(ownerAlive(`${process.ppid}@${host}`)).toBe(true);
  });

  it('takes a reused PID (same pid, another start time) for dead', () => {
    const [boot] = startIdentity(process.ppid)!.split(':');
    expect(ownerAlive(`${process.ppid}@${host}#${boot}:1`)).toBe(false);
  });

  it('takes a PID after a reboot (another boot id) for dead, and one on another host or past pid_max too', () => {
    const ticks = startIdentity(process.ppid)!.split(':')[1];
    expect(ownerAlive(`${process.ppid}@${host}#00000000-0000-0000-0000-000000000000:${ticks}`)).toBe(false);
    expect(ownerAlive(`${process.ppid}@another-host`)).toBe(false);
    expect(ownerAlive(`${2 ** 22 + 1}@${host}`)).toBe(false);
  });
});
