// SPDX-License-Identifier: Apache-2.0
// Anchors: moments on the run's clock that windows are measured from, resolved as the timeline shows them.

import type { Anchor } from '@contract/scenario';
import { pick, type Lang } from '../util/bilingual';
import { describePredicate, evaluatePredicate } from './predicate';
import type { TimelineState } from './timeline-state';

/** `at`: the moment itself (ms since run start). `knownAt`: when the timeline first showed it. */
export interface AnchorTime {
  at: number;
  knownAt: number;
}

export class AnchorBook {
  private readonly resolved = new Map<string, AnchorTime>();
  private readonly waiting = new Map<string, Anchor>();

  constructor(
    private readonly state: TimelineState,
    private readonly subject: string,
  ) {}

  /** Starts looking out for an anchor; `became` anchors must be watched from the first observation. */
  watch(anchor: Anchor): void {
    const key = anchorKey(anchor);
    if (anchor === 'start') this.resolved.set(key, { at: 0, knownAt: 0 });
    else if (!this.resolved.has(key)) this.waiting.set(key, anchor);
  }

  get(anchor: Anchor): AnchorTime | undefined {
    return this.resolved.get(anchorKey(anchor));
  }

  /** Called after every observation: resolves what the state now shows. */
  update(now: number): void {
    for (const [key, anchor] of this.waiting) {
      const at = this.find(anchor, now);
      if (at === undefined) continue;
      this.resolved.set(key, { at, knownAt: now });
      this.waiting.delete(key);
    }
  }

  private find(anchor: Anchor, now: number): number | undefined {
    if (anchor === 'start') return 0;
    if ('step' in anchor) return this.state.stepStartedAt(anchor.step) ?? this.state.stepDoneAt(anchor.step);
    if ('became' in anchor) return evaluatePredicate(anchor.became, this.state, this.subject) ? now : undefined;
    if ('deletionRequested' in anchor) return this.state.deletionRequestedAt(anchor.deletionRequested.pod ?? this.subject);
    const ref = 'containerStarted' in anchor ? anchor.containerStarted : anchor.containerFinished;
    const instance = this.state
      .instances(ref.pod ?? this.subject, ref.container)
      .find((i) => i.index === (ref.instance ?? 1));
    return 'containerStarted' in anchor ? instance?.startedAt : instance?.finishedAt;
  }
}

export function anchorKey(anchor: Anchor): string {
  return JSON.stringify(anchor);
}

/** Plain words for an anchor: `start of web #2`, `step "break"`, `when Ready=True first held`; in `l`. */
export function describeAnchor(anchor: Anchor, l: Lang = 'en'): string {
  const t = (en: string, zh: string): string => pick(l, en, zh);
  if (anchor === 'start') return t('the run start', '运行开始');
  if ('step' in anchor) return t(`step "${anchor.step}"`, `步骤 "${anchor.step}"`);
  if ('became' in anchor) return t(`when ${describePredicate(anchor.became)} first held`, `${describePredicate(anchor.became, l)} 首次成立时`);
  if ('deletionRequested' in anchor) {
    const pod = anchor.deletionRequested.pod;
    return pod ? t(`the deletion of ${pod}`, `删除 ${pod} 时`) : t('the deletion request', '删除请求');
  }
  const started = 'containerStarted' in anchor;
  const ref = started ? anchor.containerStarted : anchor.containerFinished;
  const who = `${ref.pod ? `${ref.pod}/` : ''}${ref.container} #${ref.instance ?? 1}`;
  return started ? t(`start of ${who}`, `${who} 启动`) : t(`exit of ${who}`, `${who} 退出`);
}
