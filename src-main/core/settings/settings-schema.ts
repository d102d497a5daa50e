// SPDX-License-Identifier: Apache-2.0
// What a setting may hold. Every value crosses this schema on the way in, from the CLI, the UI or
// the database, so a hand-edited or older database cannot put a malformed image ref into a kind config.
import type { AppSettings, SettingKey } from '@contract/settings';
import { z } from 'zod';
import { KIND_NODE_IMAGE } from '../cluster/kind-config';
import { IMAGE_REF } from '../cluster/image-ref';

const REGISTRY_HOST = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?(:\d{1,5})?$/;
const mirrorUrl = z
  .string()
  .max(500)
  .regex(/^https?:\/\/[^\s"'\\]+$/, 'an http:// or https:// URL without spaces or quotes');
const proxyUrl = z.union([z.literal(''), mirrorUrl]);
const noProxy = z
  .string()
  .max(2000)
  .regex(/^[^\s"'\\]*$/, 'a comma-separated list without spaces or quotes');

export const SETTING_SCHEMAS: { [K in SettingKey]: z.ZodType } = {
  'cluster.nodeImage': z.string().regex(IMAGE_REF, 'an image reference such as kindest/node:v1.34.0 (optionally @sha256:…)'),
  'cluster.registryMirrors': z
    .record(z.string(), mirrorUrl)
    .refine((m) => Object.keys(m).length <= 20, 'at most 20 mirrors')
    .superRefine((m, ctx) => {
      for (const host of Object.keys(m)) {
        if (!REGISTRY_HOST.test(host)) ctx.addIssue({ code: 'custom', message: `"${host}" is not a registry host such as docker.io or registry.example.com:5000` });
      }
    }),
  'cluster.httpProxy': proxyUrl,
  'cluster.httpsProxy': proxyUrl,
  'cluster.noProxy': noProxy,
};

export const SETTING_KEYS = Object.keys(SETTING_SCHEMAS) as SettingKey[];

export function defaultSettings(): AppSettings {
  return { cluster: { nodeImage: KIND_NODE_IMAGE, registryMirrors: {}, httpProxy: '', httpsProxy: '', noProxy: '' } };
}

export function isSettingKey(key: string): key is SettingKey {
  return (SETTING_KEYS as string[]).includes(key);
}
