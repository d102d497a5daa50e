// SPDX-License-Identifier: Apache-2.0
// The outcome in words, English and Chinese: what happens and the key predicted times.
import type { I18nText } from '@contract/scenario';
import type { ContainerOutcome, MomentKind } from '@contract/outcome';
import type { Lives, Range } from './lives';
import type { PodSpec } from './pod-spec';

const round = (s: number) => String(Math.round(s * 10) / 10);

/** "20", "19.3–20" or, for a wide range, whole seconds outward ("44–58"): a range, never a false point. */
function span(r: Range): string {
  if (r.hi - r.lo < 0.5) return round(r.lo);
  if (r.hi - r.lo >= 2) return `${Math.floor(r.lo)}–${Math.ceil(r.hi)}`;
  return `${round(r.lo)}–${round(r.hi)}`;
}
export const secondsText = (r: Range) => `~${span(r)} s`;
const zhSeconds = (r: Range) => `约 ${span(r)} 秒`;

const KIND: Record<MomentKind, I18nText> = {
  'first-probe': { en: 'first probe', zh: '第一次探测' },
  started: { en: 'started', zh: '已启动' },
  ready: { en: 'Ready', zh: 'Ready' },
  'not-ready': { en: 'not Ready', zh: '不再 Ready' },
  kill: { en: 'killed', zh: '被杀死' },
  exit: { en: 'exited', zh: '已退出' },
  restart: { en: 'restart', zh: '重启' },
};

export function momentLabel(kind: MomentKind, instance: number): I18nText {
  const k = KIND[kind];
  if (instance === 1) return k;
  return { en: `${k.en} (start ${instance})`, zh: `${k.zh}（第 ${instance} 次启动）` };
}

const PROBE: Record<'startup' | 'liveness', I18nText> = { startup: { en: 'startup', zh: '启动' }, liveness: { en: 'liveness', zh: '存活' } };

export function sentenceOf(o: ContainerOutcome, lives: Lives, policy: PodSpec['restartPolicy']): I18nText {
  const c = o.container;
  const by = o.killedBy ? PROBE[o.killedBy] : PROBE.startup;
  const kill = o.firstKill ?? { lo: 0, hi: 0 };
  switch (o.verdict) {
    case 'ready': {
      const ready = o.readyAt!;
      const later = lives.notReady ? { en: `, not Ready again at ${secondsText(lives.notReady)} (readiness never restarts it)`, zh: `，${zhSeconds(lives.notReady)}又变为未就绪（就绪探针不会重启它）` } : { en: '', zh: '' };
      return { en: `${c}: Ready at ${secondsText(ready)}${later.en}, no restart.`, zh: `${c}：${zhSeconds(ready)} Ready${later.zh}，不会重启。` };
    }
    case 'never-ready':
      return { en: `${c}: never Ready — its readiness probe never passes (readiness does not restart it).`, zh: `${c}：永远不会 Ready——就绪探针从不通过（就绪探针不会重启它）。` };
    case 'may-restart': {
      const pct = Math.max(1, Math.round(o.killChance * 100));
      const ready = o.readyAt ? secondsText(o.readyAt) : undefined;
      return {
        en: `${c}: it depends on the ticker's phase — ${ready ? `Ready at ${ready} in most starts; ` : ''}in about ${pct}% of starts the ${by.en} probe fails just before the app answers and the container is killed at ${secondsText(kill)}, then started again.`,
        zh: `${c}：取决于探测节拍的相位——${ready ? `多数情况下${zhSeconds(o.readyAt!)} Ready；` : ''}约 ${pct}% 的启动中${by.zh}探针恰在应用就绪前失败，容器在${zhSeconds(kill)}被杀死，然后重新启动。`,
      };
    }
    case 'killed':
      return {
        en: `${c}: killed by the ${by.en} probe at ${secondsText(kill)}, not restarted (restartPolicy ${policy}): the pod ends Failed.`,
        zh: `${c}：在${zhSeconds(kill)}被${by.zh}探针杀死，不会重启（restartPolicy ${policy}）：Pod 最终为 Failed。`,
      };
    case 'restart-loop': {
      const next = o.restartsAt.slice(0, 3).map((r) => secondsText(r.start));
      const zhNext = o.restartsAt.slice(0, 3).map((r) => zhSeconds(r.start));
      const waits = o.restartsAt.slice(1, 4).map((r) => `${r.backoff} s`);
      const readyEach = lives.readyCount === lives.tried && o.readyAt;
      const tail = readyEach ? { en: `Ready from ${secondsText(o.readyAt!)} after each start until its kill`, zh: `每次启动后${zhSeconds(o.readyAt!)} Ready，直到被杀死` } : { en: 'never Ready', zh: '永远不会 Ready' };
      const count = o.restarts.lo === o.restarts.hi ? String(o.restarts.lo) : `${o.restarts.lo}–${o.restarts.hi}`;
      return {
        en: `${c}: killed by the ${by.en} probe at ${secondsText(kill)}, in every start — a restart loop: restarts at ${next.join(', ') || '—'}${waits.length ? ` (back-off ${waits.join(', ')} …)` : ''}, ${count} within ${o.horizon} s; ${tail.en}.`,
        zh: `${c}：每次启动都在${zhSeconds(kill)}被${by.zh}探针杀死——陷入重启循环：在${zhNext.join('、') || '—'}重启${waits.length ? `（退避 ${waits.map((w) => w.replace(' s', ' 秒')).join('、')}……）` : ''}，${o.horizon} 秒内共 ${count} 次；${tail.zh}。`,
      };
    }
  }
}
