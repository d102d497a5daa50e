// SPDX-License-Identifier: Apache-2.0
// Schema for Predicate: a state of the world at one moment.
import type { Predicate } from '@contract/scenario';
import { z } from 'zod';
import { dnsName, regexSource, variantByKey } from './keyed';

const pod = dnsName.optional();
const conditionStatus = z.enum(['True', 'False', 'Unknown']);

export const predicateSchema: z.ZodType<Predicate> = z.lazy(() =>
  // Order matters: the first variant whose key is present decides, so distinctive keys come first.
  variantByKey('a predicate', [
    ['all', z.strictObject({ all: z.array(predicateSchema).min(1) })],
    ['any', z.strictObject({ any: z.array(predicateSchema).min(1) })],
    ['not', z.strictObject({ not: predicateSchema })],
    ['phase', z.strictObject({ pod, phase: z.enum(['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown']) })],
    ['condition', z.strictObject({ pod, condition: z.string().min(1), status: conditionStatus, reason: z.string().optional() })],
    [
      'container',
      z.strictObject({
        pod,
        container: dnsName,
        state: z.enum(['waiting', 'running', 'terminated']).optional(),
        reason: regexSource.optional(),
        lastReason: regexSource.optional(),
        exitCode: z.number().int().optional(),
        ready: z.boolean().optional(),
        started: z.boolean().optional(),
        restartsAtLeast: z.number().int().nonnegative().optional(),
      }),
    ],
    [
      'column',
      z
        .strictObject({
          pod,
          column: z.enum(['ready', 'status', 'restarts']),
          equals: z.string().optional(),
          matches: regexSource.optional(),
        })
        .refine((p) => (p.equals === undefined) !== (p.matches === undefined), 'a column predicate needs exactly one of equals, matches'),
    ],
    [
      'endpoint',
      z.strictObject({
        endpoint: z.strictObject({ service: dnsName, pod }),
        ready: z.boolean().optional(),
        serving: z.boolean().optional(),
        terminating: z.boolean().optional(),
        present: z.boolean().optional(),
      }),
    ],
    ['traffic', z.strictObject({ traffic: dnsName, ok: z.boolean() })],
    // Last: these keys also appear inside the endpoint variant above.
    ['exists', z.strictObject({ pod, exists: z.boolean() })],
    ['terminating', z.strictObject({ pod, terminating: z.boolean() })],
    [
      'event',
      z.strictObject({
        event: z.strictObject({
          reason: z.string().min(1),
          message: regexSource.optional(),
          object: dnsName.optional(),
          type: z.enum(['Normal', 'Warning']).optional(),
        }),
      }),
    ],
    ['stepDone', z.strictObject({ stepDone: z.string().min(1) })],
    ['execResult', z.strictObject({ execResult: z.string().min(1), exitCode: z.number().int().optional(), output: regexSource.optional() })],
  ]),
);
