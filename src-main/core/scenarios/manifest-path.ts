// SPDX-License-Identifier: Apache-2.0
// Field paths into a manifest: spec.containers[name=web].startupProbe.periodSeconds or [0].

export type PathSegment = { key: string } | { index: number } | { match: [string, string] };

export function parseFieldPath(path: string): PathSegment[] {
  const out: PathSegment[] = [];
  const re = /([^.[\]]+)|\[(\d+)\]|\[([\w.-]+)=([^\]]+)\]/g;
  let last = 0;
  for (let m = re.exec(path); m; m = re.exec(path)) {
    const gap = path.slice(last, m.index);
    if (gap !== '' && gap !== '.') throw new Error(`bad field path "${path}" near "${gap}"`);
    last = re.lastIndex;
    if (m[1] !== undefined) out.push({ key: m[1] });
    else if (m[2] !== undefined) out.push({ index: Number(m[2]) });
    else out.push({ match: [m[3]!, m[4]!] });
  }
  if (last !== path.length || out.length === 0) throw new Error(`bad field path "${path}"`);
  return out;
}

/** The value at a path, or undefined when any part of it is absent. */
export function readFieldPath(root: unknown, path: string): unknown {
  let cur: unknown = root;
  for (const seg of parseFieldPath(path)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    if ('key' in seg) cur = (cur as Record<string, unknown>)[seg.key];
    else if (!Array.isArray(cur)) return undefined;
    else if ('index' in seg) cur = cur[seg.index];
    else cur = cur.find((item) => item && typeof item === 'object' && String((item as Record<string, unknown>)[seg.match[0]]) === seg.match[1]);
  }
  return cur;
}
