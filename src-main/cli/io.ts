// SPDX-License-Identifier: Apache-2.0
// The CLI's streams, injectable so commands can be tested without a terminal.

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  readStdin(): Promise<string>;
}

/**
 * A reader that went away (`podlab run X | head -1`) makes the next write fail with EPIPE. Unhandled,
 * that killed the process mid-run with the run left "running" and its namespace Active; here it
 * marks the output closed (later lines are dropped) and tells whoever listens, so the run can end.
 */
let outputClosed = false;
const closedListeners = new Set<() => void>();
let watching = false;

function watchPipes(): void {
  if (watching) return;
  watching = true;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE' && e.code !== 'ERR_STREAM_DESTROYED') throw e;
      if (outputClosed) return;
      outputClosed = true;
      for (const l of closedListeners) l();
    });
  }
}

/** Calls `listener` once when standard output or error has been closed by its reader. */
export function onOutputClosed(listener: () => void): () => void {
  watchPipes();
  closedListeners.add(listener);
  return () => closedListeners.delete(listener);
}

function write(stream: NodeJS.WriteStream, line: string): void {
  watchPipes();
  if (!outputClosed) stream.write(`${line}\n`);
}

export const processIo: CliIo = {
  out: (line) => write(process.stdout, line),
  err: (line) => write(process.stderr, line),
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
};

/** A plain text table with aligned columns (widths by a loop: a spread of 125,000 rows overflows the stack). */
export function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h) => h.length);
  for (const r of rows) r.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('   ');
  return [line(header), ...rows.map(line)];
}
