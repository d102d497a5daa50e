// SPDX-License-Identifier: Apache-2.0
// `podlab print-pod <file|->`: kubectl's columns for Pod objects, as the API server prints them.
import { AppError, fileChunks, isRfc3339, POD_INPUT_LIMITS, PodJsonArray, PodTable, printPod, readPods, stdinChunks } from '../../core';
import { processIo, type CliIo } from '../io';

export async function printPodCommand(io: CliIo, file: string, nowArg: string | undefined, json: boolean): Promise<number> {
  if (nowArg !== undefined && !isRfc3339(nowArg)) {
    io.err(`--now: "${nowArg}" is not an ISO-8601 time (e.g. 2026-01-02T03:04:05Z)`);
    return 2;
  }
  const now = nowArg === undefined ? new Date() : new Date(nowArg);
  const source = file === '-' ? '<stdin>' : file;
  const table = json ? undefined : new PodTable();
  const array = json ? new PodJsonArray((text) => io.out(text)) : undefined;
  try {
    await readPods(inputChunks(io, file), source, (pod) => {
      const row = printPod(pod, now);
      if (array) array.add(row);
      else table!.add(row);
    });
  } catch (e) {
    // Only the reader's own refusals are expected here; anything else is a bug and keeps its stack.
    if (!(e instanceof AppError)) throw e;
    io.err(e.message);
    return 1;
  }
  if (array) array.end();
  else for (const line of table!.lines()) io.out(line);
  return 0;
}

/**
 * Standard input of the real process is streamed; an injected CliIo (tests, the bad-input corpus)
 * hands over its text at once.
 */
async function* inputChunks(io: CliIo, file: string): AsyncGenerator<Buffer | string> {
  if (file !== '-') {
    yield* fileChunks(file, POD_INPUT_LIMITS.maxInputBytes);
  } else if (io.readStdin === processIo.readStdin) {
    yield* stdinChunks();
  } else {
    yield await io.readStdin();
  }
}
