// SPDX-License-Identifier: Apache-2.0
// A union chosen by which key is present: `{apply: …}` vs `{sleep: …}`. Zod's own union
// reports "invalid input" for every branch; this names the one the author meant.
import { z } from 'zod';

/**
 * What a keyed union parses to: one variant's key with its value, and the common keys. Typed from
 * the schemas themselves, so assigning the result to a contract type (`z.ZodType<Step>`) checks
 * the contract against the schema.
 */
export type KeyedOutput<V extends Record<string, z.ZodType>, C extends z.ZodRawShape> = {
  [K in keyof V]: { [P in K]: z.output<V[K]> } & CommonOutput<C>;
}[keyof V];
// Without common keys, nothing: an empty object schema's output would be a string index signature.
type CommonOutput<C extends z.ZodRawShape> = keyof C extends never ? unknown : z.output<z.ZodObject<C>>;

export function keyedUnion<V extends Record<string, z.ZodType>, C extends z.ZodRawShape = Record<never, never>>(
  what: string,
  variants: V,
  common: C = {} as C,
): z.ZodType<KeyedOutput<V, C>> {
  const names = Object.keys(variants);
  return z.unknown().superRefine((value, ctx) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      ctx.addIssue({ code: 'custom', message: `${what} must be a mapping with one of: ${names.join(', ')}` });
      return;
    }
    const present = names.filter((n) => n in value);
    if (present.length !== 1) {
      const found = present.length ? `found ${present.join(' and ')}` : `found ${Object.keys(value).join(', ') || 'nothing'}`;
      ctx.addIssue({ code: 'custom', message: `${what} needs exactly one of: ${names.join(', ')} (${found})` });
      return;
    }
    const key = present[0]!;
    const schema = z.strictObject({ ...common, [key]: variants[key]! });
    const result = schema.safeParse(value);
    if (!result.success) {
      for (const issue of result.error.issues) ctx.addIssue({ ...issue, code: 'custom', path: issue.path });
    }
  }) as unknown as z.ZodType<KeyedOutput<V, C>>;
}

/**
 * Matches an object whose keys decide its variant, keeping all keys of that variant strict. Typed
 * from the variants' schemas, like keyedUnion, so the contract type it is assigned to is checked.
 */
export function variantByKey<const V extends ReadonlyArray<readonly [string, z.ZodType]>>(what: string, variants: V): z.ZodType<z.output<V[number][1]>> {
  return z.unknown().superRefine((value, ctx) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      ctx.addIssue({ code: 'custom', message: `${what} must be a mapping` });
      return;
    }
    const match = variants.find(([key]) => key in value);
    if (!match) {
      const keys = variants.map(([k]) => k).join(', ');
      ctx.addIssue({ code: 'custom', message: `${what} needs one of: ${keys}` });
      return;
    }
    const result = match[1].safeParse(value);
    if (!result.success) {
      for (const issue of result.error.issues) ctx.addIssue({ ...issue, code: 'custom', path: issue.path });
    }
  }) as unknown as z.ZodType<z.output<V[number][1]>>;
}

export const regexSource = z.string().superRefine((s, ctx) => {
  try {
    new RegExp(s);
  } catch (e) {
    ctx.addIssue({ code: 'custom', message: `not a valid regular expression: ${(e as Error).message}` });
  }
});

export const seconds = z.number().nonnegative();
export const i18n = z.strictObject({ zh: z.string().min(1), en: z.string().min(1) });
export const dnsName = z
  .string()
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'must be a lowercase DNS label (a-z, 0-9, -)')
  .max(63);
