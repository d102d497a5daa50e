// SPDX-License-Identifier: Apache-2.0
// What the kubelet reads from a Pod manifest to run its probes and kills, with the API's defaults
// (pkg/apis/core/v1/defaults.go: periodSeconds 10, timeoutSeconds 1, thresholds 1 and 3, grace 30).

export type ProbeKind = 'startup' | 'liveness' | 'readiness';

export interface ProbeSpec {
  initialDelaySeconds: number;
  periodSeconds: number;
  timeoutSeconds: number;
  successThreshold: number;
  failureThreshold: number;
  /** probe-level terminationGracePeriodSeconds (liveness/startup kills only), when set */
  graceSeconds?: number;
  /** an exec probe that is a plain `sleep N`: it takes N s, so it times out when N ≥ timeoutSeconds */
  execSleepSeconds?: number;
}

export interface ContainerSpec {
  name: string;
  probes: Partial<Record<ProbeKind, ProbeSpec>>;
  /** command then args, as the runtime starts PID 1 */
  argv: string[];
  /** seconds a preStop hook takes when it is a sleep (action or exec); 0 when there is none */
  preStopSeconds: number;
}

export interface PodSpec {
  name: string;
  file: string;
  restartPolicy: 'Always' | 'OnFailure' | 'Never';
  graceSeconds: number;
  containers: ContainerSpec[];
}

const PROBE_FIELDS: Record<ProbeKind, string> = { startup: 'startupProbe', liveness: 'livenessProbe', readiness: 'readinessProbe' };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown, fallback: number): number => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

/** The Pods among a manifest's objects; other kinds (Services, …) add nothing. */
export function podSpecsOf(file: string, objects: unknown[]): PodSpec[] {
  const pods: PodSpec[] = [];
  for (const o of objects) {
    if (!isObj(o) || o.kind !== 'Pod' || !isObj(o.spec)) continue;
    const spec = o.spec;
    const meta = isObj(o.metadata) ? o.metadata : {};
    const policy = spec.restartPolicy === 'Never' || spec.restartPolicy === 'OnFailure' ? spec.restartPolicy : 'Always';
    pods.push({
      name: typeof meta.name === 'string' ? meta.name : file,
      file,
      restartPolicy: policy,
      graceSeconds: num(spec.terminationGracePeriodSeconds, 30),
      containers: (Array.isArray(spec.containers) ? spec.containers : []).filter(isObj).map(containerSpec),
    });
  }
  return pods;
}

function containerSpec(c: Obj): ContainerSpec {
  const probes: ContainerSpec['probes'] = {};
  for (const [kind, field] of Object.entries(PROBE_FIELDS) as [ProbeKind, string][]) {
    const p = c[field];
    if (isObj(p)) probes[kind] = probeSpec(p);
  }
  return { name: String(c.name ?? ''), probes, argv: [...strings(c.command), ...strings(c.args)], preStopSeconds: preStopSeconds(c.lifecycle) };
}

function probeSpec(p: Obj): ProbeSpec {
  const spec: ProbeSpec = {
    initialDelaySeconds: num(p.initialDelaySeconds, 0),
    periodSeconds: num(p.periodSeconds, 10),
    timeoutSeconds: num(p.timeoutSeconds, 1),
    successThreshold: num(p.successThreshold, 1),
    failureThreshold: num(p.failureThreshold, 3),
  };
  if (typeof p.terminationGracePeriodSeconds === 'number') spec.graceSeconds = p.terminationGracePeriodSeconds;
  const sleep = isObj(p.exec) ? sleepSeconds(strings(p.exec.command)) : undefined;
  if (sleep !== undefined) spec.execSleepSeconds = sleep;
  return spec;
}

/** `sleep N`, or `sh -c "sleep N"`: how long the command takes; undefined for anything else. */
function sleepSeconds(argv: string[]): number | undefined {
  const text = argv.join(' ');
  const m = /^(?:\S*sh -c )?["']?sleep (\d+)["']?$/.exec(text.trim());
  return m ? Number(m[1]) : undefined;
}

function preStopSeconds(lifecycle: unknown): number {
  if (!isObj(lifecycle) || !isObj(lifecycle.preStop)) return 0;
  const h = lifecycle.preStop;
  if (isObj(h.sleep)) return num(h.sleep.seconds, 0);
  if (isObj(h.exec)) {
    const m = /sleep (\d+)/.exec(strings(h.exec.command).join(' '));
    return m ? Number(m[1]) : 0;
  }
  return 0;
}
