// SPDX-License-Identifier: Apache-2.0
// One readable line per meaningful change on the timeline (pods print only when something visible moved).
import type { Observation, PodSnapshot } from '@contract/observation';
import type { Verdict } from '@contract/verdict';

const secs = (t: number) => `${(t / 1000).toFixed(1).padStart(6)}s`;

function podLine(s: PodSnapshot): string {
  const c = s.columns;
  const conds = s.conditions.map((x) => `${x.type}=${x.status}`).join(' ');
  const term = s.deletionTimestamp ? ` deleting(grace ${s.deletionGracePeriodSeconds ?? '?'}s)` : '';
  return `${c.ready.padEnd(4)} ${c.status.padEnd(22)} ${c.restarts.padEnd(12)} phase=${s.phase}${term}  ${conds}`;
}

export class TimelineFormatter {
  private readonly lastPod = new Map<string, string>();
  private readonly lastTraffic = new Map<string, boolean>();

  format(o: Observation): string | undefined {
    switch (o.kind) {
      case 'pod': {
        const line = podLine(o.snapshot);
        if (this.lastPod.get(o.pod) === line) return undefined;
        this.lastPod.set(o.pod, line);
        return `${secs(o.t)}  pod ${o.pod}  ${line}`;
      }
      case 'pod-gone':
        this.lastPod.delete(o.pod);
        return `${secs(o.t)}  pod ${o.pod}  (gone)`;
      case 'event':
        return `${secs(o.t)}  event ${o.type} ${o.reason} ${o.object}${o.count > 1 ? ` (x${o.count})` : ''}: ${o.message}`;
      case 'endpoint':
        return `${secs(o.t)}  endpoint ${o.service} ${o.address}${o.pod ? ` (${o.pod})` : ''} ${o.present ? `ready=${o.ready} serving=${o.serving} terminating=${o.terminating}` : 'removed'}`;
      case 'traffic': {
        if (this.lastTraffic.get(o.name) === o.ok) return undefined;
        this.lastTraffic.set(o.name, o.ok);
        return `${secs(o.t)}  traffic ${o.name} ${o.ok ? `OK ${o.code ?? ''}` : `FAILED ${o.error ?? ''}`} (${o.url})`;
      }
      case 'step':
        return `${secs(o.t)}  step ${o.index + 1} ${o.id} ${o.action} ${o.phase}${o.detail ? `: ${o.detail}` : ''}`;
      case 'exec':
        return `${secs(o.t)}  exec ${o.pod}/${o.container} ${o.command.join(' ')} → exit ${o.exitCode}${o.output.trim() ? `: ${o.output.trim().split('\n').slice(-2).join(' | ')}` : ''}`;
      case 'watch':
        return o.state === 'offline' ? `${secs(o.t)}  watch ${o.resource} offline: ${o.reason ?? ''}` : undefined;
      case 'gap':
        return `${secs(o.t)}  watch ${o.resource} lost track since ${(o.from / 1000).toFixed(1)}s (${o.reason}): relisted, changes in between unknown`;
    }
  }
}

export function verdictMark(v: Verdict): string {
  return v.state === 'pass' ? '✓' : v.state === 'fail' ? '✗' : '…';
}

export function formatWindow(v: Verdict): string {
  return v.window ? `[${(v.window.lo / 1000).toFixed(1)}, ${(v.window.hi / 1000).toFixed(1)}] s` : '';
}
