// SPDX-License-Identifier: Apache-2.0
// Predicates: is this state of the world true now, and how to say it in a few words.
// The checker and the runner's waitFor steps both use these; they know nothing of either.

import type { ContainerSnapshot, PodSnapshot } from '@contract/observation';
import type { I18nText, Predicate } from '@contract/scenario';
import { pick, quoteChinese, type Lang } from '../util/bilingual';
import { lastStateInstance, type SeenEvent, type TimelineState } from './timeline-state';

type Of<K extends PropertyKey> = Extract<Predicate, Record<K, unknown>>;
export type ContainerPredicate = Of<'container'>;
export type EndpointPredicate = Of<'endpoint'>;
export type EventMatch = Of<'event'>['event'];

const COMBINED_PREFIX = /^\(combined from similar events\): /;

const COLUMN_TITLES = { ready: 'READY', status: 'STATUS', restarts: 'RESTARTS' } as const;

/** True when `p` holds in `state`; `subject` is the pod meant when a predicate names none. */
export function evaluatePredicate(p: Predicate, state: TimelineState, subject: string): boolean {
  return predicateValue(p, state, subject) === true;
}

/**
 * True, false, or undefined when the timeline cannot tell yet: a pod that has not been seen has
 * no phase, no Ready condition and no containers, and a traffic generator that has sent nothing
 * has no latest result. `all`/`any`/`not` combine these as three-valued logic, so "not Ready"
 * is as unknown as "Ready" before the pod exists. A pod that is gone is known: nothing holds.
 */
export function predicateValue(p: Predicate, state: TimelineState, subject: string): boolean | undefined {
  if ('all' in p) return allOf(p.all.map((q) => predicateValue(q, state, subject)));
  if ('any' in p) return anyOf(p.any.map((q) => predicateValue(q, state, subject)));
  if ('not' in p) {
    const inner = predicateValue(p.not, state, subject);
    return inner === undefined ? undefined : !inner;
  }
  if ('endpoint' in p) return endpointValue(p, state, subject);
  if ('traffic' in p) {
    const last = state.latestTraffic(p.traffic);
    return last ? last.ok === p.ok : undefined;
  }
  if ('event' in p) return [...state.events()].some((e) => eventMatches(p.event, e, subject));
  if ('stepDone' in p) return state.stepDoneAt(p.stepDone) !== undefined;
  if ('execResult' in p) {
    const r = state.execResult(p.execResult);
    if (!r) return undefined;
    return (p.exitCode === undefined || r.exitCode === p.exitCode) && optionalMatch(p.output, r.output, false);
  }
  const name = p.pod ?? subject;
  // a pod that is gone or was never seen exists in no state but "exists: false"
  if ('exists' in p) return (state.pod(name) !== undefined) === p.exists;
  const pod = state.pod(name);
  if (!pod) return state.isGone(name) ? false : undefined;
  if ('phase' in p) return pod.phase === p.phase;
  if ('terminating' in p) return (pod.deletionTimestamp !== undefined) === p.terminating;
  if ('condition' in p) {
    const condition = pod.conditions.find((c) => c.type === p.condition);
    return condition !== undefined && condition.status === p.status && optionalMatch(p.reason, condition.reason, true);
  }
  if ('column' in p) {
    const value = pod.columns[p.column];
    return (p.equals === undefined || value === p.equals) && (p.matches === undefined || regex(p.matches, false).test(value));
  }
  return containerValue(p, pod, state, name);
}

/** A few words for verdict details: `Ready=True`, `web running`, `STATUS = Init:Error`; in `l` (English by default). */
export function describePredicate(p: Predicate, l: Lang = 'en'): string {
  const t = (en: string, zh: string): string => pick(l, en, zh);
  if ('all' in p) return p.all.map((q) => describeNested(q, l)).join(t(' and ', ' 且 '));
  if ('any' in p) return p.any.map((q) => describeNested(q, l)).join(t(' or ', ' 或 '));
  if ('not' in p) return t(`not ${describeNested(p.not, l)}`, `并非 ${describeNested(p.not, l)}`);
  if ('endpoint' in p) return describeEndpoint(p, l);
  if ('traffic' in p) return t(`traffic "${p.traffic}" ${p.ok ? 'ok' : 'failing'}`, `流量 "${p.traffic}" ${p.ok ? '正常' : '失败'}`);
  if ('event' in p) return t(`event ${describeEvent(p.event)}`, `事件 ${describeEvent(p.event, l)}`);
  if ('stepDone' in p) return t(`step "${p.stepDone}" done`, `步骤 "${p.stepDone}" 已完成`);
  if ('execResult' in p) {
    const parts = [p.exitCode !== undefined ? t(`exit ${p.exitCode}`, `退出码 ${p.exitCode}`) : '', p.output !== undefined ? t(`output ~ /${p.output}/`, `输出 ~ /${p.output}/`) : ''];
    return `exec "${p.execResult}" ${parts.filter(Boolean).join(t(' and ', ' 且 ')) || t('ran', '已运行')}`;
  }
  const on = p.pod ? `${p.pod}${t(': ', '：')}` : '';
  if ('exists' in p) return `${t('pod', 'Pod')}${p.pod ? ` ${p.pod}` : ''} ${p.exists ? t('exists', '存在') : t('gone', '已消失')}`;
  if ('phase' in p) return `${on}${t('phase', 'phase 为')} ${p.phase}`;
  if ('terminating' in p) return `${on}${p.terminating ? t('terminating', '正在终止') : t('not terminating', '未在终止')}`;
  if ('condition' in p) return `${on}${p.condition}=${p.status}${p.reason ? t(` (${p.reason})`, `（${p.reason}）`) : ''}`;
  if ('column' in p) {
    const title = COLUMN_TITLES[p.column];
    const parts = [p.equals !== undefined ? `${title} = ${p.equals}` : '', p.matches !== undefined ? `${title} ~ /${p.matches}/` : ''];
    return on + (parts.filter(Boolean).join(t(' and ', ' 且 ')) || t(`${title} shown`, `已显示 ${title}`));
  }
  return on + describeContainer(p, l);
}

/** The predicate as a term in a sentence, in both languages (Chinese set off in 「」 when it holds Chinese words). */
export function describeTerm(p: Predicate): I18nText {
  return { en: describePredicate(p), zh: quoteChinese(describePredicate(p, 'zh')) };
}

/**
 * The event's own text and origin match; `object` defaults to the subject pod. After ten similar
 * events client-go's recorder rewrites the message as "(combined from similar events): …", so the
 * message is matched without that prefix.
 */
export function eventMatches(m: EventMatch, e: SeenEvent, subject: string): boolean {
  return (
    e.object === (m.object ?? subject) &&
    regex(m.reason, true).test(e.reason) &&
    optionalMatch(m.message, e.message.replace(COMBINED_PREFIX, ''), false) &&
    (m.type === undefined || e.type === m.type)
  );
}

export function describeEvent(m: EventMatch, l: Lang = 'en'): string {
  const extras = [m.type, m.message !== undefined ? `/${m.message}/` : undefined];
  const on = m.object ? pick(l, ` on ${m.object}`, `（对象 ${m.object}）`) : '';
  return [m.reason, ...extras.filter(Boolean)].join(' ') + on;
}

export function findContainer(pod: PodSnapshot, name: string): ContainerSnapshot | undefined {
  return pod.containers.find((c) => c.name === name);
}

/** The exit code a container shows: its own while terminated, else its previous instance's. */
export function shownExitCode(c: ContainerSnapshot, previous = previousEnd(c)): number | undefined {
  return c.state === 'terminated' ? c.exitCode : previous?.exitCode;
}

/**
 * How the previous instance ended: the status's lastState, or, when the status has none, the end
 * this timeline saw. The kubelet takes lastState from the runtime's second-newest container, and
 * its container GC counts a container created but not yet started as evictable, keeping one per
 * container name: a GC pass between a restart's create and start removes the previous instance,
 * and the status of the new one then has no lastState although that instance ended as it did.
 */
export function previousEnd(c: ContainerSnapshot, seen?: TimelineState, pod?: string): { exitCode?: number; reason?: string } | undefined {
  if (c.lastTerminated || !seen || pod === undefined) return c.lastTerminated;
  const index = lastStateInstance(c);
  const ended = seen.instances(pod, c.name).find((i) => i.index === index && i.finishedAt !== undefined && i.exitCode !== undefined);
  return ended && { exitCode: ended.exitCode, ...(ended.reason !== undefined ? { reason: ended.reason } : {}) };
}

function containerValue(p: ContainerPredicate, pod: PodSnapshot, state: TimelineState, podName: string): boolean | undefined {
  const c = findContainer(pod, p.container);
  if (!c) return false;
  if (hasNoStatusYet(c)) return undefined;
  const previous = p.lastReason !== undefined || p.exitCode !== undefined ? previousEnd(c, state, podName) : undefined;
  return (
    (p.state === undefined || c.state === p.state) &&
    optionalMatch(p.reason, c.reason, true) &&
    (p.lastReason === undefined || (previous?.reason !== undefined && regex(p.lastReason, true).test(previous.reason))) &&
    (p.exitCode === undefined || shownExitCode(c, previous) === p.exitCode) &&
    (p.ready === undefined || c.ready === p.ready) &&
    (p.started === undefined || (c.started ?? false) === p.started) &&
    (p.restartsAtLeast === undefined || c.restartCount >= p.restartsAtLeast)
  );
}

/**
 * The snapshot lists every container of the spec, and one the kubelet has not reported yet
 * shows as waiting with no reason. The kubelet itself never reports that: a waiting container
 * always says why (ContainerCreating, PodInitializing, CrashLoopBackOff …).
 */
export function hasNoStatusYet(c: ContainerSnapshot): boolean {
  return c.state === 'waiting' && c.reason === undefined && c.containerID === undefined && c.lastTerminated === undefined && c.restartCount === 0 && !c.ready;
}

/**
 * An endpoint that left the slice only satisfies `present: false`; one never seen does too, and
 * is unknown for anything else (the slice may not have caught up with a new pod yet).
 */
function endpointValue(p: EndpointPredicate, state: TimelineState, subject: string): boolean | undefined {
  const e = state.endpoint(p.endpoint.service, p.endpoint.pod ?? subject);
  if (!e && p.present !== false) return undefined;
  if (!e || !e.present) return p.present === false && p.ready !== true && p.serving !== true && p.terminating !== true;
  return (
    p.present !== false &&
    (p.ready === undefined || e.ready === p.ready) &&
    (p.serving === undefined || e.serving === p.serving) &&
    (p.terminating === undefined || e.terminating === p.terminating)
  );
}

function allOf(values: (boolean | undefined)[]): boolean | undefined {
  if (values.includes(false)) return false;
  return values.includes(undefined) ? undefined : true;
}

function anyOf(values: (boolean | undefined)[]): boolean | undefined {
  if (values.includes(true)) return true;
  return values.includes(undefined) ? undefined : false;
}

function describeContainer(p: ContainerPredicate, l: Lang): string {
  const t = (en: string, zh: string): string => pick(l, en, zh);
  const parts = [
    p.state !== undefined ? `${p.state}${p.reason !== undefined ? t(` (${p.reason})`, `（${p.reason}）`) : ''}` : p.reason !== undefined ? t(`(${p.reason})`, `（${p.reason}）`) : undefined,
    p.lastReason !== undefined ? t(`last terminated (${p.lastReason})`, `上次终止（${p.lastReason}）`) : undefined,
    p.exitCode !== undefined ? t(`exit code ${p.exitCode}`, `退出码 ${p.exitCode}`) : undefined,
    p.ready === undefined ? undefined : p.ready ? t('ready', '就绪') : t('not ready', '未就绪'),
    p.started === undefined ? undefined : p.started ? t('started', '已启动') : t('not started', '未启动'),
    p.restartsAtLeast !== undefined ? t(`restarts ≥ ${p.restartsAtLeast}`, `重启 ≥ ${p.restartsAtLeast} 次`) : undefined,
  ].filter(Boolean);
  return l === 'zh' ? `${p.container} ${parts.join('、') || '存在'}` : `${p.container} ${parts.join(' ') || 'present'}`;
}

function describeEndpoint(p: EndpointPredicate, l: Lang): string {
  const { service, pod } = p.endpoint;
  if (p.present === false) return pick(l, `no endpoint${pod ? ` of ${pod}` : ''} in ${service}`, `${service} 中没有${pod ? ` ${pod} 的` : ''}端点`);
  const flags = (['ready', 'serving', 'terminating'] as const).filter((k) => p[k] !== undefined).map((k) => `${k}=${String(p[k])}`);
  const tail = flags.length ? ` ${flags.join(', ')}` : '';
  return pick(l, `endpoint${pod ? ` of ${pod}` : ''} in ${service}${tail}`, `${service} 中${pod ? ` ${pod} 的` : '的'}端点${tail}`);
}

function describeNested(p: Predicate, l: Lang): string {
  return 'all' in p || 'any' in p ? `(${describePredicate(p, l)})` : describePredicate(p, l);
}

function optionalMatch(source: string | undefined, value: string | undefined, whole: boolean): boolean {
  return source === undefined || (value !== undefined && regex(source, whole).test(value));
}

const compiled = new Map<string, RegExp>();

/**
 * Reasons are CamelCase identifiers, so a reason regex must match the whole reason: "BackOff"
 * must not also match "CrashLoopBackOff" or "ImagePullBackOff". Messages and columns are text,
 * searched anywhere.
 */
export function regex(source: string, whole: boolean): RegExp {
  const key = `${whole ? 'w' : 's'}${source}`;
  let re = compiled.get(key);
  if (!re) {
    re = new RegExp(whole ? `^(?:${source})$` : source);
    compiled.set(key, re);
  }
  return re;
}
