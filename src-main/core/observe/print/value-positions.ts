// SPDX-License-Identifier: Apache-2.0
// Where each value of a parsed JSON document started, kept as two numbers per value in document
// order (no object per value), so that a problem found later can still name its line and column.

export interface Position {
  line: number;
  col: number;
}

export type FieldPath = ReadonlyArray<string | number>;

// An integer-like key is enumerated before the others, out of document order.
const ARRAY_INDEX_KEY = /^(?:0|[1-9]\d{0,8})$/;

export class ValuePositions {
  private starts = new Int32Array(256);
  private count = 0;

  reset(): void {
    this.count = 0;
  }

  record(line: number, col: number): void {
    if (this.count * 2 + 2 > this.starts.length) {
      const grown = new Int32Array(this.starts.length * 2);
      grown.set(this.starts);
      this.starts = grown;
    }
    this.starts[this.count * 2] = line;
    this.starts[this.count * 2 + 1] = col;
    this.count++;
  }

  /**
   * The start of the value at `path` inside `root` (the value these positions were recorded for),
   * or of its nearest existing ancestor. Counting values in enumeration order gives the value's
   * ordinal; undefined when an object's key order is not its document order.
   */
  find(root: unknown, path: FieldPath): Position | undefined {
    let ordinal = 0;
    let value = root;
    for (const step of path) {
      if (value === null || typeof value !== 'object') break;
      const entries: Array<[string | number, unknown]> = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
      if (!Array.isArray(value) && entries.some(([k]) => ARRAY_INDEX_KEY.test(String(k)))) return undefined;
      const at = entries.findIndex(([k]) => k === step);
      if (at < 0) break;
      for (let i = 0; i < at; i++) ordinal += countValues(entries[i]![1]);
      ordinal++;
      value = entries[at]![1];
    }
    return this.at(ordinal);
  }

  at(ordinal: number): Position | undefined {
    if (ordinal >= this.count) return undefined;
    return { line: this.starts[ordinal * 2]!, col: this.starts[ordinal * 2 + 1]! };
  }
}

/** The value itself and every value inside it. Depth is bounded by the parser. */
function countValues(value: unknown): number {
  if (value === null || typeof value !== 'object') return 1;
  let n = 1;
  for (const child of Array.isArray(value) ? value : Object.values(value)) n += countValues(child);
  return n;
}
