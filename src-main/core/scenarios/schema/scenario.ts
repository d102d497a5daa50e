// SPDX-License-Identifier: Apache-2.0
// Schema for a whole scenario document (apiVersion podlab.dev/v1alpha1, kind Scenario).
import { SCENARIO_API_VERSION, type ScenarioDocument } from '@contract/scenario';
import { z } from 'zod';
import { IMAGE_REF } from '../../cluster/image-ref';
import { parseQuantity } from '../../kube/quantity';
import { expectationSchema } from './expectation';
import { dnsName, i18n } from './keyed';
import { stepSchema } from './step';

const paramSource = z.strictObject({
  file: z.string().min(1),
  path: z.string().min(1),
  match: z.string().optional(),
  default: z.number().optional(),
});

/** A Kubernetes quantity, written as a string ("256Mi") or, where YAML reads it so, a number (1). */
const quantity = z
  .union([z.string(), z.number()])
  .transform(String)
  .pipe(
    z.string().superRefine((q, ctx) => {
      const v = parseQuantity(q);
      if (v === undefined) ctx.addIssue({ code: 'custom', message: `"${q}" is not a Kubernetes quantity (e.g. 500m, 2, 1.5, 256Mi, 1Gi, 1G, 1e3)` });
      else if (v <= 0) ctx.addIssue({ code: 'custom', message: `"${q}" must be more than 0` });
    }),
  );

const imagesSchema = z.strictObject({
  failedPulls: z.boolean().optional(),
  absent: z.array(z.string().regex(IMAGE_REF, 'an image reference such as docker.io/library/mysql:8.0.16')).min(1).optional(),
});

const requiresSchema = z.strictObject({
  nodeAllocatable: z
    .strictObject({ cpu: quantity.optional(), memory: quantity.optional(), 'ephemeral-storage': quantity.optional(), pods: quantity.optional() })
    .optional(),
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
          id: dnsName.optional(),
          title: i18n,
          change: z.strictObject({ file: z.string().min(1), path: z.string().min(1), value: z.union([z.string(), z.number(), z.boolean()]) }),
          effect: i18n,
          expect: z
            .strictObject({
              replace: z.array(expectationSchema).min(1).optional(),
              drop: z.array(z.string().min(1)).min(1).optional(),
              add: z.array(expectationSchema).min(1).optional(),
            })
            .optional(),
          steps: z.array(stepSchema).min(1).optional(),
          timeoutSeconds: z.number().int().positive().max(3600).optional(),
        }),
      )
      .optional(),
    timeoutSeconds: z.number().int().positive().max(3600),
    images: imagesSchema.optional(),
    requires: requiresSchema.optional(),
    question: z
      .strictObject({ text: i18n, about: z.string().min(1), unit: z.enum(['seconds', 'count']) })
      .optional(),
  }),
});
