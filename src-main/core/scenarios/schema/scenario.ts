// SPDX-License-Identifier: Apache-2.0
// Schema for a whole scenario document (apiVersion podlab.dev/v1alpha1, kind Scenario).
import { SCENARIO_API_VERSION, type ScenarioDocument } from '@contract/scenario';
import { z } from 'zod';
import { expectationSchema } from './expectation';
import { dnsName, i18n } from './keyed';
import { stepSchema } from './step';

const paramSource = z.strictObject({
  file: z.string().min(1),
  path: z.string().min(1),
  match: z.string().optional(),
  default: z.number().optional(),
});

export const scenarioSchema: z.ZodType<ScenarioDocument> = z.strictObject({
  apiVersion: z.literal(SCENARIO_API_VERSION),
  kind: z.literal('Scenario'),
  metadata: z.strictObject({ id: dnsName }),
  spec: z.strictObject({
    title: i18n,
    summary: i18n,
    explanation: i18n,
    source: z.strictObject({
      note: z.string().regex(/^\d{3}_[0-9a-f]+\.txt$/, 'a note file name from the notes folder, e.g. 001_9ae14472436263dd.txt'),
      section: z.string().min(1),
    }),
    concepts: z.array(z.string().min(1)).min(1),
    subject: dnsName,
    manifests: z.array(z.string().regex(/^[\w.-]+\.ya?ml$/)).min(1),
    params: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a param name'), paramSource).optional(),
    steps: z.array(stepSchema).min(1),
    expectations: z.array(expectationSchema).min(1),
    hints: z.array(i18n),
    kubectl: z.array(z.string()).optional(),
    variations: z
      .array(
        z.strictObject({
          title: i18n,
          change: z.strictObject({ file: z.string().min(1), path: z.string().min(1), value: z.union([z.string(), z.number(), z.boolean()]) }),
          effect: i18n,
        }),
      )
      .optional(),
    timeoutSeconds: z.number().int().positive().max(3600),
    question: z
      .strictObject({ text: i18n, about: z.string().min(1), unit: z.enum(['seconds', 'count']) })
      .optional(),
  }),
});
