// SPDX-License-Identifier: Apache-2.0
// What a parsed document holds: pods in a List or an array, one Pod, or a problem with its path.
import { describeValue, isRecord } from './pod-check';
import type { FieldPath } from './value-positions';

export type DocumentShape =
  /** a List's items (listPath ["items"]) or an array of pods (listPath []) */
  | { kind: 'pods'; listPath: FieldPath; items: unknown[] }
  | { kind: 'pod' }
  | { kind: 'problem'; path: FieldPath; message: string };

const LIST_KINDS = ['List', 'PodList'];

/**
 * An object with `items` is a List whatever comes first in it (kubectl writes items before
 * kind), so its kind must say so; an object without items is a Pod unless its kind is a list kind.
 */
export function shapeOf(value: unknown): DocumentShape {
  if (Array.isArray(value)) return { kind: 'pods', listPath: [], items: value };
  if (!isRecord(value)) return { kind: 'problem', path: [], message: `expected a Pod, a List or an array of Pods, got ${describeValue(value)}` };
  const kind = value.kind;
  if (value.items !== undefined) {
    if (typeof kind !== 'string' || !LIST_KINDS.includes(kind)) {
      return { kind: 'problem', path: ['kind'], message: `expected "List" or "PodList" (the object has items), got ${describeValue(kind)}` };
    }
    if (value.items === null) return { kind: 'pods', listPath: ['items'], items: [] };
    if (!Array.isArray(value.items)) return { kind: 'problem', path: ['items'], message: `expected a list, got ${describeValue(value.items)}` };
    return { kind: 'pods', listPath: ['items'], items: value.items };
  }
  if (typeof kind === 'string' && kind.endsWith('List')) {
    if (LIST_KINDS.includes(kind)) return { kind: 'pods', listPath: ['items'], items: [] };
    return { kind: 'problem', path: ['kind'], message: `expected "Pod", "List" or "PodList", got ${describeValue(kind)}` };
  }
  return { kind: 'pod' };
}
