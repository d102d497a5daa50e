// SPDX-License-Identifier: Apache-2.0
// Schema for expectations: temporal assertions over the observed timeline.
import type { Anchor, Countable, Expectation, TimeRef, Window } from '@contract/scenario';
import { z } from 'zod';
import { dnsName, i18n, keyedUnion, regexSource, seconds, variantByKey } from './keyed';
import { predicateSchema } from './predicate';

const pod = dnsName.optional();
const instance = z.number().int().positive().optional();

export const anchorSchema: z.ZodType<Anchor> = z.union([
  z.literal('start'),
  keyedUnion('an anchor', {
    step: z.string().min(1),
    became: predicateSchema,
    containerStarted: z.strictObject({ container: dnsName, pod, instance }),
    containerFinished: z.strictObject({ container: dnsName, pod, instance }),
    deletionRequested: z.strictObject({ pod }),
  }),
]);

export const timeRefSchema: z.ZodType<TimeRef> = z.union([
  seconds,
  z.literal('end'),
  z.strictObject({ anchor: anchorSchema, plus: z.union([z.number(), z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a param name')]).optional() }),
]);

const numberArg = z.union([z.number(), z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a param name')]);

export const windowSchema: z.ZodType<Window> = variantByKey('a window', [
  ['predict', z.strictObject({ predict: z.string().min(1), anchor: anchorSchema, args: z.record(z.string(), numberArg), anchorSeenLate: z.number().min(0).max(5).optional() })],
  ['from', z.strictObject({ from: timeRefSchema, to: timeRefSchema })],
]);

const eventMatch = z.strictObject({
  reason: z.string().min(1),
  message: regexSource.optional(),
  object: dnsName.optional(),
  type: z.enum(['Normal', 'Warning']).optional(),
});

const countables = keyedUnion('a count', {
  restarts: z.strictObject({ container: dnsName, pod }),
  events: eventMatch,
  traffic: z.strictObject({ name: dnsName, ok: z.boolean() }),
  transitions: predicateSchema,
});
// Checked both ways, as in step.ts: what counts is exactly the contract's Countable.
export const countableSchema: z.ZodType<Countable> = countables;
const contractCountablesAccepted: Countable extends z.output<typeof countables> ? true : never = true;
void contractCountablesAccepted;

const base = {
  id: dnsName,
  explain: i18n,
};

const expectations = variantByKey('an expectation', [
  ['holds', z.strictObject({ ...base, holds: predicateSchema, during: windowSchema })],
  ['becomes', z.strictObject({ ...base, becomes: predicateSchema, within: windowSchema })],
  [
    'count',
    z
      .strictObject({
        ...base,
        count: countableSchema,
        min: z.number().int().nonnegative().optional(),
        max: z.number().int().nonnegative().optional(),
        by: timeRefSchema.optional(),
      })
      .refine((e) => e.min !== undefined || e.max !== undefined, { message: 'a count needs min, max or both', path: ['count'] })
      .refine((e) => e.min === undefined || e.max === undefined || e.min <= e.max, { message: 'min must not exceed max', path: ['min'] }),
  ],
  ['first', z.strictObject({ ...base, first: predicateSchema, then: predicateSchema })],
  ['final', z.strictObject({ ...base, final: predicateSchema })],
]);
// Checked both ways, as in step.ts: every kind the contract has, the schema accepts.
export const expectationSchema: z.ZodType<Expectation> = expectations;
const contractExpectationsAccepted: Expectation extends z.output<typeof expectations> ? true : never = true;
void contractExpectationsAccepted;
