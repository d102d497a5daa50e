// SPDX-License-Identifier: Apache-2.0
// print-pod's two outputs. The table must wait for its last row, since like kubectl's tabwriter
// every column is as wide as its widest cell; it keeps one short string per row and the widths
// as it goes (no spread over all rows). The JSON array is written row by row as rows come.
import type { PodColumns } from '@contract/observation';

const HEADER = ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'];
// kubectl's tabwriter pads with 3 spaces; its minimum width (6) is below every header's.
const PADDING = 3;
const SEPARATOR = '\u0000';

export class PodTable {
  private readonly rows: string[] = [];
  private readonly widths = HEADER.map((h) => h.length);

  add(row: PodColumns): void {
    const cells = cellsOf(row);
    cells.forEach((cell, i) => {
      const width = displayWidth(cell);
      if (width > this.widths[i]!) this.widths[i] = width;
    });
    this.rows.push(cells.join(SEPARATOR));
  }

  /** The header, then every row, columns aligned; each row's text is dropped once written. */
  *lines(): Generator<string> {
    yield this.line(HEADER);
    for (let i = 0; i < this.rows.length; i++) {
      const cells = this.rows[i]!.split(SEPARATOR);
      this.rows[i] = '';
      yield this.line(cells);
    }
  }

  private line(cells: string[]): string {
    let out = '';
    for (let i = 0; i < cells.length - 1; i++) out += cells[i]! + ' '.repeat(this.widths[i]! + PADDING - displayWidth(cells[i]!));
    return out + cells[cells.length - 1]!;
  }
}

/** Writes exactly what JSON.stringify(rows, null, 2) would, one row at a time. */
export class PodJsonArray {
  private pending: string | undefined;
  private started = false;

  constructor(private readonly out: (text: string) => void) {}

  add(row: PodColumns): void {
    if (!this.started) this.out('[');
    this.started = true;
    if (this.pending !== undefined) this.out(`${this.pending},`);
    this.pending = JSON.stringify(row, null, 2).replace(/^/gm, '  ');
  }

  /** Only after the last row: an input that failed half-way leaves the array open, so no one takes it for whole. */
  end(): void {
    if (!this.started) this.out('[]');
    else this.out(`${this.pending}\n]`);
  }
}

function cellsOf(row: PodColumns): string[] {
  return [row.name, row.ready, row.status, row.restarts, row.age];
}

/** Go's tabwriter counts runes: a character outside the BMP is one, not two UTF-16 units. */
function displayWidth(text: string): number {
  let width = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) width--;
  }
  return width;
}
