// SPDX-License-Identifier: Apache-2.0
// What the app in a container does, as far as its probes and SIGTERM see it. A lesson says it with
// params read from the manifest (appReadyAfter: the `sleep N` before the server starts; breakAfter:
// the moment its health check starts failing); anything it does not say is assumed, and said so.
import type { I18nText } from '@contract/scenario';
import type { ContainerSpec } from './pod-spec';

export interface AppModel {
  /** probes pass from this many seconds after each start of the container */
  answersFrom: number;
  /** and fail again from this many seconds after each start (Infinity: never) */
  breaksAt: number;
  /** whether PID 1 ends on SIGTERM at this moment of the container's life (else SIGKILL at the end of the grace period) */
  exitsOnTerm(t: number): boolean;
  /** what was assumed because the lesson does not say it */
  assumptions: I18nText[];
}

/** A lesson's params that describe the app, by name, with the container they belong to. */
export interface AppParam {
  name: string;
  value: number;
  file: string;
  /** the container named in the param's path (`containers[name=web]`), when there is one */
  container?: string;
}

const SHELLS = /(^|\/)(sh|bash|ash|dash)$/;

export function appModel(file: string, c: ContainerSpec, params: AppParam[]): AppModel {
  const mine = params.filter((p) => p.file === file && (p.container === undefined || p.container === c.name));
  const ready = mine.find((p) => p.name === 'appReadyAfter')?.value;
  const breaks = mine.find((p) => p.name === 'breakAfter')?.value;
  const assumptions: I18nText[] = [];
  if (ready === undefined && breaks === undefined) {
    assumptions.push({ en: `${c.name}: assumed to answer its probes from the start (the lesson gives no start delay)`, zh: `${c.name}：假定从启动起就能通过探测（课程没有给出启动延迟）` });
  }
  return { answersFrom: ready ?? 0, breaksAt: breaks ?? Infinity, exitsOnTerm: termRule(c, ready ?? 0, assumptions), assumptions };
}

/**
 * A shell as PID 1 has no SIGTERM handler, and the kernel drops a signal PID 1 does not handle, so
 * the kill waits the whole grace period (ground truth §2.4) — until the script `exec`s the server,
 * which then handles SIGTERM itself. Any other PID 1 is taken to exit on SIGTERM.
 */
function termRule(c: ContainerSpec, execAt: number, assumptions: I18nText[]): (t: number) => boolean {
  const [first, second] = c.argv;
  if (!first || !SHELLS.test(first) || second !== '-c') return () => true;
  const script = c.argv.slice(2).join('\n');
  if (/\bexec\s/.test(script)) {
    assumptions.push({ en: `${c.name}: the shell (PID 1) ignores SIGTERM until it execs the server at ${execAt} s`, zh: `${c.name}：shell（PID 1）在 ${execAt} 秒 exec 服务器之前忽略 SIGTERM` });
    return (t) => t >= execAt;
  }
  assumptions.push({ en: `${c.name}: the shell (PID 1) ignores SIGTERM, so a kill waits the whole grace period`, zh: `${c.name}：shell（PID 1）忽略 SIGTERM，所以杀死要等满整个宽限期` });
  return () => false;
}
