// SPDX-License-Identifier: Apache-2.0
// Builds a Prediction from its declaration and a pure function of its (checked) arguments.

import { readArgs } from './args';
import type { PredictedWindow, Prediction } from './prediction';

interface Declaration<Req extends string, Opt extends string> {
  name: string;
  summary: string;
  args: readonly Req[];
  optional?: Record<Opt, number>;
  /** arguments that must be whole numbers in [min, max] (thresholds, periods, instance numbers, flags) */
  integers?: Partial<Record<NoInfer<Req | Opt>, readonly [min: number, max?: number]>>;
}

/** The compute function sees every argument, checked and defaulted, under its own name. */
export function definePrediction<Req extends string, Opt extends string = never>(
  decl: Declaration<Req, Opt>,
  compute: (a: Record<Req | Opt, number>) => PredictedWindow,
): Prediction {
  const spec = { name: decl.name, args: [...decl.args] as string[], optional: decl.optional as Record<string, number> | undefined };
  return {
    name: decl.name,
    summary: decl.summary,
    args: spec.args,
    ...(spec.optional ? { optional: spec.optional } : {}),
    window: (given) => {
      const args = readArgs(spec, given) as Record<Req | Opt, number>;
      for (const [name, range] of Object.entries(decl.integers ?? {}) as [Req | Opt, readonly [number, number?]][]) {
        requireInteger(decl.name, name, args[name], range[0], range[1]);
      }
      return compute(args);
    },
  };
}

/** Rejects an argument that must be a whole number at least `min` (instance numbers, flags). */
export function requireInteger(prediction: string, name: string, value: number, min: number, max = Infinity): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    const range = max === Infinity ? `a whole number ≥ ${min}` : `a whole number in [${min}, ${max}]`;
    throw new Error(`prediction ${prediction}: argument "${name}" must be ${range}, got ${value}`);
  }
}
