// SPDX-License-Identifier: Apache-2.0
// What the manifests (as the learner may have edited them) tell the timeline to expect of each pod:
// its containers' probes and their timing, the preStop hook's length, the grace period. Read from the
// YAML with the API's defaults, so the timeline can draw predicted probe ticks, the initialDelaySeconds
// span and the stop sequence beside what the kubelet did.
import { parseAllDocuments } from 'yaml';

export type ProbeKind = 'startup' | 'liveness' | 'readiness';

export interface ProbePlan {
  initialDelaySeconds: number;
  periodSeconds: number;
  timeoutSeconds: number;
  failureThreshold: number;
  successThreshold: number;
  /** the probe's own terminationGracePeriodSeconds (liveness/startup kills), when set */
  terminationGracePeriodSeconds?: number;
}

export interface ContainerPlan {
  probes: Partial<Record<ProbeKind, ProbePlan>>;
  /** seconds a preStop hook takes when it is a plain sleep; undefined when there is none, NaN when its length cannot be read */
  preStopSeconds?: number;
}

export interface PodPlan {
  /** spec.terminationGracePeriodSeconds, 30 when absent */
  graceSeconds: number;
  /** spec.restartPolicy, Always when absent */
  restartPolicy: 'Always' | 'OnFailure' | 'Never';
  containers: Record<string, ContainerPlan>;
}

export type PodPlans = Record<string, PodPlan>;

const PROBE_FIELDS: Record<ProbeKind, string> = { startup: 'startupProbe', liveness: 'livenessProbe', readiness: 'readinessProbe' };

/** Pods of the manifests by name; a manifest that is not valid YAML, or not a Pod, adds nothing. */
export function podPlans(manifests: Record<string, string>): PodPlans {
  const plans: PodPlans = {};
  for (const text of Object.values(manifests)) {
    let docs;
    try {
      docs = parseAllDocuments(text);
    } catch {
      continue;
    }
    for (const doc of Array.isArray(docs) ? docs : [docs]) {
      const obj = safeJs(doc);
      if (obj?.kind !== 'Pod' || typeof obj.metadata?.name !== 'string') continue;
      plans[obj.metadata.name] = podPlan(obj.spec ?? {});
    }
  }
  return plans;
}

interface PodJs {
  kind?: string;
  metadata?: { name?: unknown };
  spec?: Record<string, unknown>;
}

function safeJs(doc: { toJS(): unknown }): PodJs | undefined {
  try {
    const v = doc.toJS();
    return v && typeof v === 'object' ? (v as PodJs) : undefined;
  } catch {
    return undefined;
  }
}

function podPlan(spec: Record<string, unknown>): PodPlan {
  const containers: Record<string, ContainerPlan> = {};
  for (const c of [...list(spec.initContainers), ...list(spec.containers)]) {
    if (typeof c.name !== 'string') continue;
    const probes: ContainerPlan['probes'] = {};
    for (const [kind, field] of Object.entries(PROBE_FIELDS) as Array<[ProbeKind, string]>) {
      const p = c[field];
      if (p && typeof p === 'object') probes[kind] = probePlan(p as Record<string, unknown>);
    }
    const preStop = (c.lifecycle as Record<string, unknown> | undefined)?.preStop;
    containers[c.name] = { probes, ...(preStop && typeof preStop === 'object' ? { preStopSeconds: hookSeconds(preStop as Record<string, unknown>) } : {}) };
  }
  const policy = spec.restartPolicy === 'OnFailure' || spec.restartPolicy === 'Never' ? spec.restartPolicy : 'Always';
  return { graceSeconds: whole(spec.terminationGracePeriodSeconds, 30), restartPolicy: policy, containers };
}

/** core/v1 defaults (SetDefaults_Probe): period 10, timeout 1, thresholds 3 and 1, no initial delay. */
function probePlan(p: Record<string, unknown>): ProbePlan {
  return {
    initialDelaySeconds: whole(p.initialDelaySeconds, 0),
    periodSeconds: whole(p.periodSeconds, 10),
    timeoutSeconds: whole(p.timeoutSeconds, 1),
    failureThreshold: whole(p.failureThreshold, 3),
    successThreshold: whole(p.successThreshold, 1),
    ...(typeof p.terminationGracePeriodSeconds === 'number' ? { terminationGracePeriodSeconds: whole(p.terminationGracePeriodSeconds, 30) } : {}),
  };
}

/** The length of a `sleep` handler or an exec whose command ends in `sleep N`; NaN for any other hook. */
function hookSeconds(hook: Record<string, unknown>): number {
  const sleep = (hook.sleep as { seconds?: unknown } | undefined)?.seconds;
  if (typeof sleep === 'number') return sleep;
  const command = (hook.exec as { command?: unknown } | undefined)?.command;
  const text = Array.isArray(command) ? command.join(' ') : '';
  const m = /\bsleep\s+(\d+(?:\.\d+)?)\s*;?\s*$/.exec(text) ?? /\bsleep\s+(\d+(?:\.\d+)?)/.exec(text);
  return m ? Number(m[1]) : NaN;
}

function list(v: unknown): Array<Record<string, unknown>> {
  return Array.isArray(v) ? v.filter((x): x is Record<string, unknown> => !!x && typeof x === 'object') : [];
}

function whole(v: unknown, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : fallback;
}
