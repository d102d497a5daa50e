// SPDX-License-Identifier: Apache-2.0
// `count`: restarts, events, traffic results or transitions lie in [min, max] at `by`.

import type { BoundTimeRef, Countable, I18nText } from '@contract/scenario';
import { pick, type Lang } from '../../util/bilingual';
import { describeAnchor } from '../anchors';
import { secs } from '../format';
import { describeEvent, describePredicate, eventMatches } from '../predicate';
import { CountTrack, PredicateTrack } from '../predicate-track';
import { resolveTime, timeRefAnchors } from '../windows';
import { Judge, type JudgeContext } from './judge';

export class CountJudge extends Judge {
  readonly needsEnd: boolean;
  private readonly counts = new CountTrack();
  private readonly measure: (now: number) => number;
  private readonly what: I18nText;

  constructor(
    id: string,
    ctx: JudgeContext,
    countable: Countable,
    private readonly min: number | undefined,
    private readonly max: number | undefined,
    private readonly by: BoundTimeRef,
  ) {
    super(id, ctx);
    this.needsEnd = by === 'end';
    [this.measure, this.what] = measureOf(countable, ctx);
  }

  record(now: number): void {
    if (!this.decided) this.counts.record(now, this.measure(now));
  }

  check(now: number, end?: number): void {
    if (this.decided) return;
    const by = resolveTime(this.by, this.ctx.anchors, end);
    if (!by) return;
    const what = this.what;
    const until = (l: Lang) => (by.at === Infinity ? '' : pick(l, ` by ${secs(by.at)}`, `（截至 ${secs(by.at, l)}）`));
    // Counts only grow, so too many before `by` cannot be undone, and enough with no maximum cannot be lost.
    const over = this.max === undefined ? undefined : this.counts.firstWhere((n) => n > (this.max ?? Infinity));
    if (over && over.t <= by.at) {
      this.fail(over.t, (l) => pick(l, `${over.n} ${what.en} at ${secs(over.t)}, more than ${this.max}${until(l)}`, `${secs(over.t, l)}时 ${what.zh} 已有 ${over.n} 次，超过 ${this.max} 次${until(l)}`));
      return;
    }
    const enough = this.min !== undefined && this.max === undefined ? this.counts.firstWhere((n) => n >= (this.min ?? 0)) : undefined;
    if (enough && enough.t <= by.at) {
      this.pass(enough.t, (l) => pick(l, `${enough.n} ${what.en} at ${secs(enough.t)}, at least ${this.min}${until(l)}`, `${secs(enough.t, l)}时 ${what.zh} 已有 ${enough.n} 次，至少 ${this.min} 次${until(l)}`));
    } else if (now > by.at) {
      this.decideAt(by.at);
    } else {
      const n = this.counts.at(now);
      this.pending((l) => pick(l, `${n} ${what.en} so far; expected ${this.range(l)}${until(l)}`, `目前 ${what.zh} ${n} 次；预期 ${this.range(l)}${until(l)}`));
    }
  }

  finish(end: number): void {
    this.check(end, end);
    if (this.decided) return;
    const by = resolveTime(this.by, this.ctx.anchors, end);
    const what = this.what;
    if (!by) {
      const missing = timeRefAnchors(this.by).find((a) => !this.ctx.anchors.get(a));
      const anchor = (l: Lang) => (missing ? describeAnchor(missing, l) : pick(l, 'the moment to count by', '计数截止的时刻'));
      this.fail(end, (l) => pick(l, `never saw ${anchor(l)}, so ${what.en} were not counted`, `始终没有看到${anchor(l)}，所以没有统计 ${what.zh}`));
    } else if (by.at > end) {
      const n = this.counts.at(end);
      this.fail(end, (l) => pick(l, `the run ended at ${secs(end)}, before ${secs(by.at)}, the moment to count by (${n} ${what.en} so far)`, `运行在 ${secs(end, l)} 结束，早于计数截止的时刻 ${secs(by.at, l)}（此前 ${what.zh} ${n} 次）`));
    } else {
      this.decideAt(by.at);
    }
  }

  private decideAt(at: number): void {
    const n = this.counts.at(at);
    const ok = (this.min === undefined || n >= this.min) && (this.max === undefined || n <= this.max);
    const detail = (l: Lang) => pick(l, `${n} ${this.what.en} by ${secs(at)}, expected ${this.range(l)}`, `截至 ${secs(at, l)}，${this.what.zh} ${n} 次，预期 ${this.range(l)}`);
    if (ok) this.pass(at, detail);
    else this.fail(at, detail);
  }

  private range(l: Lang): string {
    const t = (en: string, zh: string): string => pick(l, en, zh);
    if (this.min !== undefined && this.max !== undefined) return this.min === this.max ? t(`exactly ${this.min}`, `恰好 ${this.min} 次`) : t(`${this.min} to ${this.max}`, `${this.min} 到 ${this.max} 次`);
    if (this.min !== undefined) return t(`at least ${this.min}`, `至少 ${this.min} 次`);
    if (this.max !== undefined) return t(`at most ${this.max}`, `最多 ${this.max} 次`);
    return t('any number', '任意次数');
  }
}

/** How to count, and the words for it ("restarts of web", "× event Unhealthy"; "web 的重启"). */
function measureOf(c: Countable, ctx: JudgeContext): [(now: number) => number, I18nText] {
  const { state, subject } = ctx;
  if ('restarts' in c) {
    const { container, pod = subject } = c.restarts;
    const measure = (): number => state.lastSnapshot(pod)?.containers.find((x) => x.name === container)?.restartCount ?? 0;
    const who = `${c.restarts.pod ? `${pod}/` : ''}${container}`;
    return [measure, { en: `restarts of ${who}`, zh: `${who} 的重启` }];
  }
  if ('events' in c) {
    const measure = (): number => {
      let n = 0;
      for (const e of state.events()) if (eventMatches(c.events, e, subject)) n += e.occurrences;
      return n;
    };
    return [measure, { en: `× event ${describeEvent(c.events)}`, zh: `事件 ${describeEvent(c.events, 'zh')}` }];
  }
  if ('traffic' in c) {
    const { name, ok } = c.traffic;
    return [() => state.trafficCount(name, ok), { en: `${ok ? 'successful' : 'failed'} requests from "${name}"`, zh: `"${name}" 的${ok ? '成功' : '失败'}请求` }];
  }
  const track = new PredicateTrack(c.transitions, state, subject);
  const measure = (now: number): number => {
    track.record(now);
    return track.transitionsUntil(now);
  };
  return [measure, { en: `× turned ${describePredicate(c.transitions)}`, zh: `变为 ${describePredicate(c.transitions, 'zh')}` }];
}
