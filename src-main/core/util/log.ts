// SPDX-License-Identifier: Apache-2.0
// Logger: injected, noop by default, child() per subsystem (kind's NoopLogger, Signal's child).

export interface Logger {
  debug(msg: string, data?: unknown): void;
  info(msg: string, data?: unknown): void;
  warn(msg: string, data?: unknown): void;
  error(msg: string, data?: unknown): void;
  child(scope: string): Logger;
}

export const noopLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child() {
    return noopLogger;
  },
};

type Level = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<Level, number> = { debug: 0, info: 1, warn: 2, error: 3 };

/** Writes one line per entry to a sink (a file stream, stderr). */
export function createLineLogger(write: (line: string) => void, minLevel: Level = 'info', scope = ''): Logger {
  const emit = (level: Level) => (msg: string, data?: unknown) => {
    if (ORDER[level] < ORDER[minLevel]) return;
    const extra = data === undefined ? '' : ` ${JSON.stringify(data).slice(0, 500)}`;
    write(`${new Date().toISOString()} ${level.toUpperCase()} ${scope ? `[${scope}] ` : ''}${msg}${extra}`);
  };
  return {
    debug: emit('debug'),
    info: emit('info'),
    warn: emit('warn'),
    error: emit('error'),
    child: (s) => createLineLogger(write, minLevel, scope ? `${scope}/${s}` : s),
  };
}
