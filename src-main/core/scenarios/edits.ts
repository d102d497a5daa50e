// SPDX-License-Identifier: Apache-2.0
// "What if": a field of a manifest changed (a probe period, a grace period), the rest kept as written.
import type { ManifestEdit } from '@contract/dto';
import { parseAllDocuments } from 'yaml';
import { AppError } from '../util/errors';
import { parseFieldPath } from './manifest-path';

/** Applies edits to the first object of each named manifest, keeping comments and layout. */
export function applyEdits(manifests: Record<string, string>, edits: ManifestEdit[]): Record<string, string> {
  const out = { ...manifests };
  for (const e of edits) {
    const text = out[e.file];
    if (text === undefined) throw new AppError('EDIT_INVALID', `${e.file} is not one of the scenario's manifests`);
    const docs = parseAllDocuments(text);
    const list = Array.isArray(docs) ? docs : [docs];
    const doc = list[0];
    if (!doc) throw new AppError('EDIT_INVALID', `${e.file} holds no object`);
    let root: unknown;
    try {
      root = doc.toJS();
    } catch (err) {
      throw new AppError('EDIT_INVALID', `${e.file}: cannot read this YAML: ${(err as Error).message}`);
    }
    const path: Array<string | number> = [];
    let cur: unknown = root;
    for (const seg of parseFieldPath(e.path)) {
      if ('key' in seg) {
        path.push(seg.key);
        cur = (cur as Record<string, unknown> | undefined)?.[seg.key];
      } else if ('index' in seg) {
        // One past the end appends; further would make the list that long (a 4 GB heap for [99999999]).
        const length = Array.isArray(cur) ? cur.length : 0;
        if (seg.index > length) throw new AppError('EDIT_INVALID', `${e.file}: ${e.path}: [${seg.index}] is past the end of a list of ${length}`);
        path.push(seg.index);
        cur = (cur as unknown[] | undefined)?.[seg.index];
      } else {
        const items = Array.isArray(cur) ? (cur as Array<Record<string, unknown>>) : [];
        const i = items.findIndex((x) => String(x?.[seg.match[0]]) === seg.match[1]);
        if (i < 0) throw new AppError('EDIT_INVALID', `${e.file}: nothing matches [${seg.match.join('=')}] in ${e.path}`);
        path.push(i);
        cur = items[i];
      }
    }
    doc.setIn(path, e.value);
    out[e.file] = list.map((d) => d.toString()).join('');
  }
  return out;
}
