// SPDX-License-Identifier: Apache-2.0
// `podlab print-pod <file|->`: kubectl's columns for Pod objects, as the API server prints them.
import { readFile } from 'node:fs/promises';
import { parsePodsInput } from '../../core/observe/pod-input';
import { printPod } from '../../core/observe/print-pod';
import type { CliIo } from '../io';
import { table } from '../io';

export async function printPodCommand(io: CliIo, file: string, nowArg: string | undefined, json: boolean): Promise<number> {
  const now = nowArg === undefined ? new Date() : new Date(nowArg);
  if (Number.isNaN(now.getTime()) || (nowArg !== undefined && !/^\d{4}-\d\d-\d\dT/.test(nowArg))) {
    io.err(`--now: "${nowArg}" is not an ISO-8601 time (e.g. 2026-01-02T03:04:05Z)`);
    return 2;
  }
  const source = file === '-' ? '<stdin>' : file;
  let text: string;
  try {
    text = file === '-' ? await io.readStdin() : await readFile(file, 'utf8');
  } catch (e) {
    io.err(`${source}: ${(e as Error).message}`);
    return 2;
  }
  let rows;
  try {
    rows = parsePodsInput(text, source).map((p) => printPod(p, now));
  } catch (e) {
    io.err((e as Error).message);
    return 1;
  }
  if (json) io.out(JSON.stringify(rows, null, 2));
  else for (const l of table(['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'], rows.map((r) => [r.name, r.ready, r.status, r.restarts, r.age]))) io.out(l);
  return 0;
}
