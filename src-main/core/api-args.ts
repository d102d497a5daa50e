// SPDX-License-Identifier: Apache-2.0
// Argument schemas for every AppApi method: whatever transport carries a call validates it here first.
import type { AppApi } from '@contract/api';
import type { SettingKey } from '@contract/settings';
import { z } from 'zod';
import { SETTING_KEYS } from './settings/settings-schema';

const id = z.string().min(1).max(200).regex(/^[a-z0-9][-a-z0-9]*$/, 'an id of lowercase letters, digits and -');

const edit = z.strictObject({ file: z.string().regex(/^[\w.-]+\.ya?ml$/), path: z.string().min(1).max(300), value: z.union([z.string().max(1000), z.number().finite(), z.boolean()]) });

export const API_ARGS: { [K in keyof AppApi]: z.ZodType<Parameters<AppApi[K]>> } = {
  listScenarios: z.tuple([]),
  getScenario: z.tuple([z.strictObject({ id })]),
  previewScenario: z.tuple([z.strictObject({ id, edits: z.array(edit).max(20) })]),
  startRun: z.tuple([z.strictObject({ scenarioId: id, edits: z.array(edit).max(20).optional() })]),
  stopRun: z.tuple([z.strictObject({ runId: id })]),
  getRun: z.tuple([z.strictObject({ runId: id })]),
  listRuns: z.tuple([z.strictObject({ scenarioId: id })]),
  saveAnswer: z.tuple([z.strictObject({ runId: id, about: z.string().min(1).max(100), answer: z.number().finite(), observed: z.number().finite().optional() })]),
  getAnswer: z.tuple([z.strictObject({ runId: id })]),
  getCluster: z.tuple([]),
  preflight: z.tuple([]),
  ensureCluster: z.tuple([]),
  deleteCluster: z.tuple([]),
  getSettings: z.tuple([]),
  // Values are checked against each setting's own schema in the store; here only their shape.
  updateSettings: z.tuple([
    z.strictObject({
      changes: z
        .array(z.strictObject({ key: z.enum(SETTING_KEYS as [SettingKey, ...SettingKey[]]), value: z.union([z.string().max(2000), z.record(z.string().max(300), z.string().max(500)), z.null()]) }))
        .min(1)
        .max(20),
    }),
  ]),
  // A path on the machine running the engine; the pack reader trusts nothing in the file.
  importPack: z.tuple([z.strictObject({ path: z.string().min(1).max(4096).refine((p) => !p.includes('\0'), 'no NUL in a path') })]),
  getPackStatus: z.tuple([]),
};
