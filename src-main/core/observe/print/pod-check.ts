// SPDX-License-Identifier: Apache-2.0
// Checks the type of every Pod field printPod reads, so that wrong input is refused with the
// field's path instead of printing as data ("0abc", "Infinity") or failing inside printPod.
import type { FieldPath } from './value-positions';

export interface PodProblem {
  /** from the pod object's root */
  path: FieldPath;
  message: string;
}

// A failing check returns the path from the value it was given; callers add their key on the way
// out, so the common case (no problem) builds no paths at all.
type Failure = { path: Array<string | number>; message: string };
type Check = (value: unknown) => Failure | undefined;

// metav1.Time is RFC 3339 (Go's time.RFC3339 layout, fractions allowed).
const RFC3339 = /^\d{4}-\d\d-\d\d[Tt]\d\d:\d\d:\d\d(?:\.\d+)?(?:[Zz]|[+-]\d\d:\d\d)$/;
const INT32_MAX = 2 ** 31 - 1;

/** The first problem with the fields printPod reads, or undefined when it can print the pod. */
export function checkPod(value: unknown): PodProblem | undefined {
  if (!isRecord(value)) return problem('a Pod (an object)', value);
  return pod(value);
}

/** An RFC 3339 time, as `--now` and every Pod timestamp must be. */
export function isRfc3339(text: string): boolean {
  if (!RFC3339.test(text)) return false;
  // Date.parse rolls the 31st of February over into March; Go's time.Parse refuses it.
  const [year, month, day] = text.slice(0, 10).split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return !Number.isNaN(Date.parse(text)) && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const string: Check = (v) => (typeof v === 'string' ? undefined : problem('a string', v));
const boolean: Check = (v) => (typeof v === 'boolean' ? undefined : problem('true or false', v));

const nonEmptyString: Check = (v) => (typeof v === 'string' && v !== '' ? undefined : problem('a non-empty string', v));

const restartCount: Check = (v) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= INT32_MAX ? undefined : problem('a whole number ≥ 0', v));

const int32: Check = (v) => (typeof v === 'number' && Number.isInteger(v) && Math.abs(v) <= INT32_MAX ? undefined : problem('a whole number', v));

const time: Check = (v) => (typeof v === 'string' && isRfc3339(v) ? undefined : problem('an RFC 3339 time like "2026-01-02T03:04:05Z"', v));

/** Absent and null are both "not set" on the wire; anything else must pass `check`. */
function optional(check: Check): Check {
  return (v) => (v === undefined || v === null ? undefined : check(v));
}

function object(fields: Record<string, Check>): Check {
  const checks = Object.entries(fields);
  return (v) => {
    if (!isRecord(v)) return problem('an object', v);
    for (const [key, check] of checks) {
      const found = check(v[key]);
      if (found) return (found.path.unshift(key), found);
    }
    return undefined;
  };
}

function list(item: Check): Check {
  return (v) => {
    if (!Array.isArray(v)) return problem('a list', v);
    for (let i = 0; i < v.length; i++) {
      const found = item(v[i]);
      if (found) return (found.path.unshift(i), found);
    }
    return undefined;
  };
}

const container = object({ name: optional(string), restartPolicy: optional(string) });
const condition = object({ type: optional(string), status: optional(string), reason: optional(string) });
const containerState = object({
  waiting: optional(object({ reason: optional(string) })),
  running: optional(object({})),
  terminated: optional(object({ exitCode: optional(int32), signal: optional(int32), reason: optional(string), finishedAt: optional(time) })),
});
const containerStatus = object({
  name: optional(string),
  ready: optional(boolean),
  started: optional(boolean),
  restartCount: optional(restartCount),
  state: optional(containerState),
  lastState: optional(containerState),
});

const metadata = object({ name: nonEmptyString, creationTimestamp: optional(time), deletionTimestamp: optional(time) });

const pod = object({
  kind: optional((v) => (v === 'Pod' ? undefined : problem('"Pod"', v))),
  // Every Pod has a name, so a missing metadata is reported as the name it lacks.
  metadata: (v) => (v === undefined || v === null ? { path: ['name'], message: problem('a non-empty string', undefined).message } : metadata(v)),
  spec: optional(object({ containers: optional(list(container)), initContainers: optional(list(container)) })),
  status: optional(
    object({
      phase: optional(string),
      reason: optional(string),
      conditions: optional(list(condition)),
      initContainerStatuses: optional(list(containerStatus)),
      containerStatuses: optional(list(containerStatus)),
    }),
  ),
});

function problem(expected: string, got: unknown): Failure {
  return { path: [], message: `expected ${expected}, got ${describeValue(got)}` };
}

/** A value as a message shows it: short, and never the whole of a huge string. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' && !Number.isFinite(value)) return 'a number too large to read';
  return String(value);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
