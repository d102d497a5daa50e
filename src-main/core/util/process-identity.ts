// SPDX-License-Identifier: Apache-2.0
// Who owns a run: this process, named so that a later process given the same PID is not taken for it.
// On Linux the kernel's boot id and the process's start time (in clock ticks since boot, field 22
// of /proc/PID/stat) make the PID unique for ever; elsewhere the PID and host are all there is.
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';

/** pid@host, and on Linux #boot-id:start-ticks. */
export function currentOwner(): string {
  const start = startIdentity(process.pid);
  return `${process.pid}@${hostname()}${start ? `#${start}` : ''}`;
}

/** The owner is alive: a process on this host with that PID that is still the one that wrote it. */
export function ownerAlive(owner: string): boolean {
  const [who, start] = owner.split('#');
  const [pid, host] = (who ?? '').split('@');
  if (!pid || host !== hostname() || Number(pid) === process.pid) return false;
  if (!probe(Number(pid))) return false;
  // A PID reused by another process (after a reboot, or a crash and many processes later) is not the owner.
  if (start !== undefined) {
    const now = startIdentity(Number(pid));
    if (now !== undefined && now !== start) return false;
  }
  return true;
}

function probe(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** boot-id:start-ticks of a process, or undefined where /proc has no such thing. */
export function startIdentity(pid: number): string | undefined {
  try {
    const boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // the command name (field 2) is in parentheses and may hold spaces: count fields after its ')'
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = fields[19];
    return boot && ticks ? `${boot}:${ticks}` : undefined;
  } catch {
    return undefined;
  }
}
