// SPDX-License-Identifier: Apache-2.0
// The screen's words for the engine's states and names, in both languages. Pure (no DOM): the report
// and the unit tests use it too.
import type { ExpectationType, I18nText } from '@contract/scenario';
import type { RunStatus } from '@contract/dto';
import { runErrorZh, runErrorZhLine, type RunErrorPart } from '@contract/run-errors';
import type { Verdict, VerdictState } from '@contract/verdict';
import type { Lang } from './lang';

const RUN_STATUS: Record<RunStatus | 'disconnected', I18nText> = {
  running: { en: 'running', zh: '运行中' },
  passed: { en: 'passed', zh: '通过' },
  failed: { en: 'failed', zh: '未通过' },
  error: { en: 'error', zh: '出错' },
  aborted: { en: 'aborted', zh: '已中止' },
  interrupted: { en: 'interrupted', zh: '被打断' },
  disconnected: { en: 'disconnected', zh: '已断开' },
};

/** A run's status as the screen says it ("passed", "通过"). */
export function runStatusText(s: RunStatus | 'disconnected', lang: Lang): string {
  return RUN_STATUS[s][lang];
}

/** Why a run ended, in pieces: the engine's sentences in the UI's language, the cluster's words as they are (not translated). */
export function runErrorParts(error: string, lang: Lang): RunErrorPart[] {
  return lang === 'zh' ? runErrorZh(error) : [{ text: error, translated: true }];
}

/** The same as one line (the report). */
export function runErrorText(error: string, lang: Lang): string {
  return lang === 'zh' ? runErrorZhLine(error) : error;
}

/** The expectation kinds, each said as what it checks. */
const EXPECTATION_TYPE: Record<ExpectationType, I18nText> = {
  becomes: { en: 'becomes', zh: '变为' },
  holds: { en: 'holds', zh: '保持' },
  count: { en: 'count', zh: '计数' },
  order: { en: 'order', zh: '先后' },
  final: { en: 'final', zh: '最终' },
};

export function expectationTypeText(t: ExpectationType, lang: Lang): string {
  return EXPECTATION_TYPE[t][lang];
}

const VERDICT_STATE: Record<VerdictState, I18nText> = {
  pass: { en: 'passed', zh: '通过' },
  fail: { en: 'failed', zh: '未通过' },
  pending: { en: 'pending', zh: '待定' },
};

export function verdictStateText(s: VerdictState, lang: Lang): string {
  return VERDICT_STATE[s][lang];
}

/** The verdict's detail in the UI's language; a run stored before the engine spoke Chinese has English only. */
export function verdictDetail(v: Verdict, lang: Lang): string {
  return lang === 'zh' ? (v.detailZh ?? v.detail) : v.detail;
}

/** The lessons' concepts (scenario.yaml `concepts:`), as the catalog heads its groups. */
const CONCEPTS: Record<string, I18nText> = {
  'command-args': { en: 'Command and args', zh: '命令与参数' },
  conditions: { en: 'Conditions', zh: 'Pod 状况' },
  'container-state': { en: 'Container state', zh: '容器状态' },
  'crash-backoff': { en: 'Crash back-off', zh: '崩溃回退' },
  'downward-api': { en: 'Downward API', zh: 'Downward API' },
  endpoints: { en: 'Endpoints', zh: '端点' },
  env: { en: 'Environment variables', zh: '环境变量' },
  'grace-period': { en: 'Grace period', zh: '宽限期' },
  'image-pull-policy': { en: 'Image pull policy', zh: '镜像拉取策略' },
  'init-containers': { en: 'Init containers', zh: 'Init 容器' },
  livenessProbe: { en: 'livenessProbe', zh: '存活探针 livenessProbe' },
  'multi-container': { en: 'Several containers', zh: '多容器' },
  oom: { en: 'Out of memory', zh: '内存不足（OOM）' },
  'pod-phase': { en: 'Pod phase', zh: 'Pod 阶段' },
  postStart: { en: 'postStart', zh: 'postStart 钩子' },
  preStop: { en: 'preStop', zh: 'preStop 钩子' },
  'probe-timing': { en: 'Probe timing', zh: '探针时序' },
  readiness: { en: 'Readiness', zh: '就绪' },
  'readiness-gates': { en: 'Readiness gates', zh: '就绪门控' },
  readinessProbe: { en: 'readinessProbe', zh: '就绪探针 readinessProbe' },
  resources: { en: 'Resources', zh: '资源' },
  'restart-policy': { en: 'Restart policy', zh: '重启策略' },
  scheduling: { en: 'Scheduling', zh: '调度' },
  startupProbe: { en: 'startupProbe', zh: '启动探针 startupProbe' },
  termination: { en: 'Termination', zh: '终止' },
  other: { en: 'Other', zh: '其他' },
};

/** A concept's name; one a lab pack brought that this podlab does not know shows as written. */
export function conceptText(concept: string, lang: Lang): string {
  return Object.hasOwn(CONCEPTS, concept) ? CONCEPTS[concept]![lang] : concept;
}
