// SPDX-License-Identifier: Apache-2.0
// Ordering resourceVersions, to tell a re-delivered watch event from a new one.
//
// The API server hands out etcd revisions as decimal strings, comparable within one resource
// (KEP-5504 makes that a guarantee in v1.35; apimachinery's CompareResourceVersion accepts only a
// positive integer without leading zeros). A server that sends anything else gets equality only.

const WELL_FORMED = /^[1-9][0-9]*$/;

/** -1, 0 or 1 as `a` is older than, the same as or newer than `b`; undefined when they cannot be ordered. */
export function compareResourceVersions(a: string, b: string): -1 | 0 | 1 | undefined {
  if (a === b) return 0;
  if (!WELL_FORMED.test(a) || !WELL_FORMED.test(b)) return undefined;
  // No leading zeros, so a longer number is a larger one; equal lengths compare as text.
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  return a < b ? -1 : 1;
}

/** True only when `rv` is known to be no newer than `seen`: the event was delivered before. */
export function isAlreadySeen(rv: string, seen: string): boolean {
  const order = compareResourceVersions(rv, seen);
  return order !== undefined && order <= 0;
}
