// SPDX-License-Identifier: Apache-2.0
// What a relist tells us against what the watch had seen: the objects that changed or appeared,
// and those that disappeared meanwhile. Pure.

export interface ListedObject {
  metadata: { uid: string; resourceVersion?: string };
}

export interface RelistDiff<T> {
  /** new since the last event seen, or at a different resourceVersion */
  changed: T[];
  /** seen before, absent from the list: deleted while the watch could not tell us */
  gone: T[];
}

export function diffRelist<T extends ListedObject>(known: ReadonlyMap<string, T>, listed: readonly T[]): RelistDiff<T> {
  const listedUids = new Set<string>();
  const changed: T[] = [];
  for (const item of listed) {
    listedUids.add(item.metadata.uid);
    const before = known.get(item.metadata.uid);
    if (!before || before.metadata.resourceVersion !== item.metadata.resourceVersion) changed.push(item);
  }
  const gone = [...known.values()].filter((obj) => !listedUids.has(obj.metadata.uid));
  return { changed, gone };
}
