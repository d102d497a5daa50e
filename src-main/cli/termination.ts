// SPDX-License-Identifier: Apache-2.0
// The ways a CLI run is told to stop: Ctrl-C, a SIGTERM (a service manager, `timeout`, `kill`), a
// closed terminal, or a reader that went away. Each ends the runs the way Ctrl-C always did: the
// run marked aborted and its namespace deleted. A second signal is not caught: it quits at once.
import { onOutputClosed } from './io';

export type StopReason = 'SIGINT' | 'SIGTERM' | 'SIGHUP' | 'output closed';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** Calls `stop` at most once, for the first of these; returns what un-registers them. */
export function onTermination(stop: (reason: StopReason) => void): () => void {
  let stopped = false;
  const once = (reason: StopReason) => {
    if (stopped) return;
    stopped = true;
    off();
    stop(reason);
  };
  const handlers = SIGNALS.map((signal) => [signal, () => once(signal)] as const);
  for (const [signal, h] of handlers) process.once(signal, h);
  const offPipe = onOutputClosed(() => once('output closed'));
  function off() {
    for (const [signal, h] of handlers) process.off(signal, h);
    offPipe();
  }
  return off;
}
