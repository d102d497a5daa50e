// SPDX-License-Identifier: Apache-2.0
// The words the engine ends a run with, and the same in Chinese. A run's error is stored as the
// engine's English (runs stored before this keep theirs), so the UI translates it from here: the
// engine's own sentences in full, the cluster's or the API's words kept as they are, inside a
// Chinese frame. One file holds both sides, so a new sentence cannot lose its translation.

export const RUN_STOPPED = 'the run was stopped';
export const PODLAB_SHUT_DOWN = 'podlab shut down while this run was in progress (the app was closed or `podlab serve` stopped)';
export const PODLAB_STOPPED = 'podlab stopped while this run was in progress';

export function outOfSight(from: string, to: string, expectationId: string): string {
  return `the cluster was out of sight from ${from} s to ${to} s (watch offline), which overlaps "${expectationId}": run it again`;
}

export function notJudged(expectationId: string, detail: string): string {
  return `"${expectationId}" could not be judged: ${detail}; run it again`;
}

/** One piece of a run's error: the text and whether it is the engine's own sentence (else the cluster's words, shown as they are). */
export interface RunErrorPart {
  text: string;
  translated: boolean;
}

const FIXED: Record<string, string> = {
  [RUN_STOPPED]: '运行已被停止',
  [PODLAB_SHUT_DOWN]: '运行进行中 podlab 关闭了（应用被关闭，或 `podlab serve` 被停止）',
  [PODLAB_STOPPED]: '运行进行中 podlab 停止了',
};

const PATTERNS: Array<[RegExp, (...m: string[]) => string]> = [
  [/^the cluster was out of sight from (\S+) s to (\S+) s \(watch offline\), which overlaps "([^"]+)": run it again$/, (from, to, id) => `从 ${from} 秒到 ${to} 秒看不到集群（watch 断开），与“${id}”重叠：请再运行一次`],
];

/**
 * A run's error in Chinese, piece by piece: the engine joins its own ending and a clean-up problem
 * with "; ". "could not be judged" keeps its detail (a verdict's English) as the cluster's words.
 */
export function runErrorZh(error: string): RunErrorPart[] {
  const judged = /^"([^"]+)" could not be judged: (.*); run it again$/s.exec(error);
  if (judged) return [{ text: `“${judged[1]}”无法判定：`, translated: true }, { text: judged[2]!, translated: false }, { text: '；请再运行一次', translated: true }];
  const parts: RunErrorPart[] = [];
  for (const [i, piece] of error.split('; ').entries()) {
    if (i > 0) parts.push({ text: '；', translated: true });
    parts.push(pieceZh(piece));
  }
  return parts;
}

/** The same as one line, where nothing can be marked untranslated (a verdict's detail, the report). */
export function runErrorZhLine(error: string): string {
  return runErrorZh(error).map((p) => p.text).join('');
}

function pieceZh(piece: string): RunErrorPart {
  const fixed = FIXED[piece];
  if (fixed) return { text: fixed, translated: true };
  for (const [re, say] of PATTERNS) {
    const m = re.exec(piece);
    if (m) return { text: say(...m.slice(1)), translated: true };
  }
  return { text: piece, translated: false };
}
