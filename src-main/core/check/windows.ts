// SPDX-License-Identifier: Apache-2.0
// Windows and time references: planned once (params and predictions checked), resolved as anchors appear.

import type { Anchor, BoundTimeRef, I18nText, NumberArg, TimeRef, Window } from '@contract/scenario';
import { findPrediction } from '../predict';
import type { AnchorBook } from './anchors';

/** A window in run time (ms). `since`: when its start anchor was seen; earlier moments are not judged. */
export interface ResolvedWindow {
  lo: number;
  hi: number;
  since: number;
  /** when the window's anchor happened: what its offsets are measured from */
  anchor?: number;
  /** for predicted windows, the prediction's reasoning */
  explain?: I18nText;
}

export type WindowPlan =
  | { kind: 'range'; from: BoundTimeRef; to: BoundTimeRef }
  /** `explain` is the English reasoning (the CLI's and the preview's), `explainZh` the Chinese */
  | { kind: 'predicted'; anchor: Anchor; lo: number; hi: number; name: string; explain: string; explainZh: string };

/**
 * Looks up params and computes the prediction once, up front, so a scenario with a typo fails
 * when the checker is built rather than halfway through a run.
 */
export function planWindow(window: Window, params: Record<string, number>, expectationId: string): WindowPlan {
  if ('from' in window) return { kind: 'range', from: bindTimeRef(window.from, params, expectationId), to: bindTimeRef(window.to, params, expectationId) };
  const args: Record<string, number> = {};
  for (const [name, value] of Object.entries(window.args)) args[name] = readNumberArg(value, params, expectationId, name);
  const predicted = findPrediction(window.predict).window(args);
  const late = window.anchorSeenLate ?? 0;
  const explain = late ? `${predicted.explain.en}; opens ${late} s early: the anchor is seen up to ${late} s after the moment it marks` : predicted.explain.en;
  const explainZh = late ? `${predicted.explain.zh}；提前 ${late} 秒开启：锚点最多在它标记的时刻之后 ${late} 秒才被看到` : predicted.explain.zh;
  return { kind: 'predicted', anchor: window.anchor, lo: predicted.lo - late, hi: predicted.hi, name: window.predict, explain, explainZh };
}

/** Looks up a param named in `plus`, so the time moves when the manifest field does. */
export function bindTimeRef(ref: TimeRef, params: Record<string, number>, expectationId: string): BoundTimeRef {
  if (typeof ref !== 'object' || ref.plus === undefined || typeof ref.plus === 'number') return ref as BoundTimeRef;
  return { anchor: ref.anchor, plus: readNumberArg(ref.plus, params, expectationId, 'plus') };
}

function readNumberArg(value: NumberArg, params: Record<string, number>, expectationId: string, arg: string): number {
  if (typeof value === 'number') return value;
  const found = Object.hasOwn(params, value) ? params[value] : undefined;
  if (found === undefined) {
    const known = Object.keys(params).join(', ') || 'none';
    throw new Error(`expectation "${expectationId}": argument "${arg}" names param "${value}", which is not defined (known: ${known})`);
  }
  return found;
}

/** Every anchor a plan waits for, so the checker can watch them from the first observation. */
export function planAnchors(plan: WindowPlan): Anchor[] {
  return plan.kind === 'predicted' ? [plan.anchor] : [...timeRefAnchors(plan.from), ...timeRefAnchors(plan.to)];
}

export function timeRefAnchors(ref: TimeRef | BoundTimeRef): Anchor[] {
  return typeof ref === 'object' ? [ref.anchor] : [];
}

/**
 * `end` is +∞ until the run ends (`end` given): a window open to the end can still fail early,
 * but can only pass at the end.
 */
export function resolveTime(ref: BoundTimeRef, anchors: AnchorBook, end?: number): { at: number; knownAt: number } | undefined {
  if (typeof ref === 'number') return { at: ref * 1000, knownAt: 0 };
  if (ref === 'end') return end === undefined ? { at: Infinity, knownAt: Infinity } : { at: end, knownAt: end };
  const anchor = anchors.get(ref.anchor);
  return anchor && { at: anchor.at + (ref.plus ?? 0) * 1000, knownAt: anchor.knownAt };
}

export function resolveWindow(plan: WindowPlan, anchors: AnchorBook, end?: number): ResolvedWindow | undefined {
  if (plan.kind === 'predicted') {
    const anchor = anchors.get(plan.anchor);
    if (!anchor) return undefined;
    return { lo: anchor.at + plan.lo * 1000, hi: anchor.at + plan.hi * 1000, since: anchor.knownAt, anchor: anchor.at, explain: { en: `${plan.name}: ${plan.explain}`, zh: `${plan.name}：${plan.explainZh}` } };
  }
  const from = resolveTime(plan.from, anchors, end);
  const to = resolveTime(plan.to, anchors, end);
  if (!from || !to) return undefined;
  return { lo: from.at, hi: to.at, since: from.knownAt, ...(typeof plan.from === 'object' ? { anchor: from.at } : {}) };
}

/** The first anchor of a plan that has not been seen (for "never saw …" details). */
export function missingAnchor(plan: WindowPlan, anchors: AnchorBook): Anchor | undefined {
  return planAnchors(plan).find((a) => !anchors.get(a));
}
