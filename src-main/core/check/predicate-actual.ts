// SPDX-License-Identifier: Apache-2.0
// What the world actually showed when a predicate did not hold, for "first divergence" details.

import type { ContainerSnapshot } from '@contract/observation';
import type { Predicate } from '@contract/scenario';
import { pick, type Lang } from '../util/bilingual';
import { describeEvent, describePredicate, evaluatePredicate, eventMatches, findContainer, hasNoStatusYet, previousEnd, shownExitCode } from './predicate';
import type { TimelineState } from './timeline-state';

/** e.g. `Ready was True`, `web was waiting (CrashLoopBackOff), not ready, 2 restarts`, `pod was gone`; in `l`. */
export function describeActual(p: Predicate, state: TimelineState, subject: string, l: Lang = 'en'): string {
  const t = (en: string, zh: string): string => pick(l, en, zh);
  if ('all' in p) {
    const failing = p.all.filter((q) => !evaluatePredicate(q, state, subject));
    return (failing.length ? failing : p.all).map((q) => describeActual(q, state, subject, l)).join(t('; ', '；'));
  }
  if ('any' in p) return p.any.map((q) => describeActual(q, state, subject, l)).join(t('; ', '；'));
  if ('not' in p) {
    return evaluatePredicate(p.not, state, subject) ? t(`${describePredicate(p.not)} held`, `${describePredicate(p.not, l)} 成立`) : describeActual(p.not, state, subject, l);
  }
  if ('endpoint' in p) {
    const { service } = p.endpoint;
    const e = state.endpoint(service, p.endpoint.pod ?? subject);
    if (!e || !e.present) return t(`no endpoint in ${service}`, `${service} 中没有端点`);
    const flags = `ready=${e.ready}, serving=${e.serving}, terminating=${e.terminating}`;
    return t(`endpoint in ${service} was ${flags}`, `${service} 中的端点为 ${flags}`);
  }
  if ('traffic' in p) {
    const last = state.latestTraffic(p.traffic);
    if (!last) return t(`no request from "${p.traffic}" yet`, `"${p.traffic}" 还没有发出请求`);
    const outcome = last.code !== undefined ? `HTTP ${last.code}` : (last.error ?? '');
    const why = outcome ? t(` (${outcome})`, `（${outcome}）`) : '';
    return t(`latest request from "${p.traffic}" ${last.ok ? 'succeeded' : 'failed'}${why}`, `"${p.traffic}" 最近一次请求${last.ok ? '成功' : '失败'}${why}`);
  }
  if ('event' in p) {
    const seen = [...state.events()].filter((e) => eventMatches(p.event, e, subject));
    const n = seen.reduce((sum, e) => sum + e.occurrences, 0);
    const what = describeEvent(p.event, l);
    if (n) return t(`event ${what} seen ${n}×`, `事件 ${what} 出现了 ${n} 次`);
    return t(`no event ${what} yet`, `还没有事件 ${what}`);
  }
  if ('stepDone' in p) return t(`step "${p.stepDone}" not done`, `步骤 "${p.stepDone}" 未完成`);
  if ('execResult' in p) {
    const r = state.execResult(p.execResult);
    if (!r) return t(`exec "${p.execResult}" has not run`, `exec "${p.execResult}" 还没有运行`);
    const output = JSON.stringify(r.output.slice(0, 200));
    return t(`exec "${p.execResult}" exited ${r.exitCode} with output ${output}`, `exec "${p.execResult}" 退出码 ${r.exitCode}，输出 ${output}`);
  }
  const name = p.pod ?? subject;
  const pod = state.pod(name);
  if (!pod) return state.isGone(name) ? t(`pod ${name} was gone`, `Pod ${name} 已消失`) : t(`pod ${name} not seen yet`, `还没有看到 Pod ${name}`);
  if ('exists' in p) return t(`pod ${name} existed`, `Pod ${name} 存在`);
  if ('phase' in p) return t(`phase was ${pod.phase}`, `phase 为 ${pod.phase}`);
  if ('terminating' in p) return pod.deletionTimestamp ? t(`${name} was terminating`, `${name} 正在终止`) : t(`${name} was not terminating`, `${name} 未在终止`);
  if ('condition' in p) {
    const c = pod.conditions.find((x) => x.type === p.condition);
    if (!c) return t(`no ${p.condition} condition`, `没有 ${p.condition} 条件`);
    return t(`${p.condition} was ${c.status}${c.reason ? ` (${c.reason})` : ''}`, `${p.condition} 为 ${c.status}${c.reason ? `（${c.reason}）` : ''}`);
  }
  if ('column' in p) return t(`${p.column.toUpperCase()} was "${pod.columns[p.column]}"`, `${p.column.toUpperCase()} 为 "${pod.columns[p.column]}"`);
  const c = findContainer(pod, p.container);
  return c ? describeContainerState(c, previousEnd(c, state, name), l) : t(`no container ${p.container}`, `没有容器 ${p.container}`);
}

export function describeContainerState(c: ContainerSnapshot, previous = previousEnd(c), l: Lang = 'en'): string {
  const t = (en: string, zh: string): string => pick(l, en, zh);
  if (hasNoStatusYet(c)) return t(`${c.name} had no status yet`, `${c.name} 还没有状态`);
  const exit = shownExitCode(c, previous);
  const reason = c.reason ? t(` (${c.reason})`, `（${c.reason}）`) : '';
  const parts = [
    t(`${c.name} was ${c.state}${reason}`, `${c.name} 处于 ${c.state}${reason}`),
    exit !== undefined ? t(`exit code ${exit}`, `退出码 ${exit}`) : '',
    c.ready ? t('ready', '就绪') : t('not ready', '未就绪'),
    t(`${c.restartCount} restart${c.restartCount === 1 ? '' : 's'}`, `重启 ${c.restartCount} 次`),
  ];
  return parts.filter(Boolean).join(t(', ', '，'));
}
