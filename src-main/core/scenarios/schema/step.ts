// SPDX-License-Identifier: Apache-2.0
// Schema for steps: what the runner does, in order, each at a time or after a condition.
import type { Step } from '@contract/scenario';
import { z } from 'zod';
import { isTrafficPath, TRAFFIC_PATH_RULE } from '../../kube/url-path';
import { dnsName, keyedUnion, seconds } from './keyed';
import { predicateSchema } from './predicate';

const timing = {
  id: dnsName.optional(),
  at: seconds.optional(),
  after: predicateSchema.optional(),
  timeoutSeconds: z.number().positive().max(3600).optional(),
};

const fileName = z.string().regex(/^[\w.-]+\.ya?ml$/, 'a manifest file name in the scenario folder (name.yaml)');

const steps = keyedUnion(
  'a step',
  {
    apply: fileName,
    delete: z.strictObject({ kind: z.string().min(1), name: dnsName }),
    deletePod: z.strictObject({ name: dnsName.optional(), gracePeriodSeconds: z.number().int().nonnegative().optional() }),
    waitFor: predicateSchema,
    sleep: z.number().positive().max(3600),
    exec: z.strictObject({ pod: dnsName.optional(), container: dnsName.optional(), command: z.array(z.string()).min(1) }),
    patch: z.strictObject({
      kind: z.string().min(1),
      name: dnsName,
      patch: z.record(z.string(), z.unknown()),
      type: z.enum(['merge', 'strategic', 'json']).optional(),
    }),
    setCondition: z.strictObject({ pod: dnsName.optional(), type: z.string().min(1), status: z.enum(['True', 'False']) }),
    traffic: z.strictObject({
      name: dnsName,
      target: z
        .strictObject({
          pod: dnsName.optional(),
          service: dnsName.optional(),
          port: z.number().int().min(1).max(65535),
          // the traffic client's own rule, so a lesson that passes validate is not refused at run time
          path: z.string().refine(isTrafficPath, TRAFFIC_PATH_RULE).optional(),
        })
        .refine((t) => (t.pod === undefined) !== (t.service === undefined), 'a traffic target needs exactly one of pod, service'),
      everySeconds: z.number().int().min(1).max(60).optional(),
    }),
    stopTraffic: dnsName,
  },
  timing,
);

// Checked both ways at compile time: every step the schema accepts is a contract Step, and every
// contract Step is one the schema accepts (a kind in one and not the other does not compile).
export const stepSchema: z.ZodType<Step> = steps;
const contractStepsAccepted: Step extends z.output<typeof steps> ? true : never = true;
void contractStepsAccepted;
