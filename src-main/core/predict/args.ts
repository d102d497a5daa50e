// SPDX-License-Identifier: Apache-2.0
// Argument checking shared by every prediction: required, optional with defaults, no strays.

import type { Prediction } from './prediction';

type ArgSpec = Pick<Prediction, 'name' | 'args' | 'optional'>;

/**
 * Returns every argument the prediction knows, defaults filled in. A missing, negative or
 * non-finite value, or a name the prediction does not know (usually a typo in a scenario),
 * throws an Error that names both the prediction and the argument.
 */
export function readArgs(spec: ArgSpec, given: Record<string, number>): Record<string, number> {
  const optional = spec.optional ?? {};
  for (const name of Object.keys(given)) {
    if (!spec.args.includes(name) && !(name in optional)) {
      throw new Error(`prediction ${spec.name}: unknown argument "${name}"`);
    }
  }
  const out: Record<string, number> = {};
  for (const name of spec.args) {
    const value = given[name];
    if (value === undefined) throw new Error(`prediction ${spec.name}: argument "${name}" is required`);
    out[name] = checked(spec.name, name, value);
  }
  for (const [name, fallback] of Object.entries(optional)) {
    out[name] = checked(spec.name, name, given[name] ?? fallback);
  }
  return out;
}

function checked(prediction: string, name: string, value: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new Error(`prediction ${prediction}: argument "${name}" must be a finite number, got ${String(value)}`);
  }
  if (value < 0) throw new Error(`prediction ${prediction}: argument "${name}" must not be negative, got ${value}`);
  return value;
}
