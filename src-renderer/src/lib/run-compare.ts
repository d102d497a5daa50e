// SPDX-License-Identifier: Apache-2.0
// Two runs of a lesson side by side in words: the key moments each run reached and which differ
// ("Ready at 25.4 s vs never", "restarts 0 vs 3"). Times from the subject container's first start,
// so a slower image pull or schedule does not count as a difference.
import type { Observation } from '@contract/observation';
import type { Lang } from './lang';

export interface KeyMoments {
  /** seconds from the first container start to the pod's first Ready=True */
  readyAt?: number;
  /** seconds from the first container start to the first Killing event that is a probe's */
  firstKillAt?: number;
  probeKills: number;
  restarts: number;
  /** kubectl's STATUS at the end */
  finalStatus?: string;
}

export function keyMoments(observations: Observation[], pod: string): KeyMoments {
  let start: number | undefined;
  let readyAt: number | undefined;
  let firstKill: number | undefined;
  let probeKills = 0;
  let restarts = 0;
  let finalStatus: string | undefined;
  for (const o of observations) {
    if (o.kind === 'pod' && o.pod === pod) {
      const s = o.snapshot;
      if (start === undefined && s.containers.some((c) => c.state === 'running')) start = o.t;
      if (readyAt === undefined && s.conditions.some((c) => c.type === 'Ready' && c.status === 'True')) readyAt = o.t;
      restarts = Math.max(restarts, s.containers.reduce((n, c) => n + c.restartCount, 0));
      finalStatus = s.columns.status;
    } else if (o.kind === 'event' && o.object === pod && o.reason === 'Killing' && /failed (startup|liveness) probe/.test(o.message)) {
      probeKills += 1;
      firstKill ??= o.t;
    }
  }
  const since = (t: number | undefined) => (t === undefined || start === undefined ? undefined : Math.round((t - start) / 100) / 10);
  const out: KeyMoments = { probeKills, restarts };
  const r = since(readyAt);
  const k = since(firstKill);
  if (r !== undefined) out.readyAt = r;
  if (k !== undefined) out.firstKillAt = k;
  if (finalStatus !== undefined) out.finalStatus = finalStatus;
  return out;
}

export interface CompareLine {
  key: 'ready' | 'kill' | 'restarts' | 'status';
  text: string;
  differs: boolean;
}

export function compareLines(a: KeyMoments, b: KeyMoments, lang: Lang): CompareLine[] {
  const zh = lang === 'zh';
  const when = (s: number | undefined) => (s === undefined ? (zh ? '从未' : 'never') : zh ? `${s} 秒` : `${s} s`);
  const whenAt = (s: number | undefined) => (s === undefined ? 'never' : `at ${s} s`);
  // a second either way is the ticker's phase and the watch's lag, not a difference the edit made
  const apart = (x?: number, y?: number) => (x === undefined) !== (y === undefined) || (x !== undefined && y !== undefined && Math.abs(x - y) > 1);
  return [
    { key: 'ready', text: zh ? `Ready：${when(a.readyAt)} 对 ${when(b.readyAt)}` : `Ready at ${when(a.readyAt)} vs ${when(b.readyAt)}`, differs: apart(a.readyAt, b.readyAt) },
    {
      key: 'kill',
      text: zh ? `探针杀死：${when(a.firstKillAt)} 对 ${when(b.firstKillAt)}（共 ${a.probeKills} 对 ${b.probeKills} 次）` : `killed by a probe ${whenAt(a.firstKillAt)} vs ${whenAt(b.firstKillAt)} (${a.probeKills} vs ${b.probeKills} kills)`,
      differs: apart(a.firstKillAt, b.firstKillAt) || a.probeKills !== b.probeKills,
    },
    { key: 'restarts', text: zh ? `重启：${a.restarts} 对 ${b.restarts} 次` : `restarts ${a.restarts} vs ${b.restarts}`, differs: a.restarts !== b.restarts },
    { key: 'status', text: zh ? `结束时 STATUS：${a.finalStatus ?? '—'} 对 ${b.finalStatus ?? '—'}` : `ends ${a.finalStatus ?? '—'} vs ${b.finalStatus ?? '—'}`, differs: a.finalStatus !== b.finalStatus },
  ];
}

/** One sentence: what differs, or that nothing does. */
export function compareSentence(lines: CompareLine[], lang: Lang): string {
  const differ = lines.filter((l) => l.differs).map((l) => l.text);
  if (!differ.length) return lang === 'zh' ? '两次运行的关键时刻相同（相差不超过 1 秒）。' : 'The key moments are the same in both runs (within 1 s).';
  return lang === 'zh' ? `不同之处：${differ.join('；')}。` : `What differs: ${differ.join('; ')}.`;
}
