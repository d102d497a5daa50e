// SPDX-License-Identifier: Apache-2.0
// Which lines of a manifest hold the fields that drive the expectations (the scenario's params).
import type { ParamSource, Expectation } from '@contract/scenario';
import { isNode, LineCounter, parseDocument } from 'yaml';

export interface FieldMark {
  line: number; // 1-based
  param: string;
  path: string;
  /** expectations whose windows use this param */
  expectations: string[];
}

/** spec.containers[name=web].x → ['spec', 'containers', 0, 'x'] against the actual object. */
function numericPath(root: unknown, path: string): Array<string | number> | undefined {
  const out: Array<string | number> = [];
  let cur: unknown = root;
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]|\[([\w.-]+)=([^\]]+)\]/g)) {
    if (m[1] !== undefined) {
      out.push(m[1]);
      cur = (cur as Record<string, unknown> | undefined)?.[m[1]];
    } else if (m[2] !== undefined) {
      out.push(Number(m[2]));
      cur = (cur as unknown[] | undefined)?.[Number(m[2])];
    } else {
      const list = cur as Array<Record<string, unknown>> | undefined;
      const i = list?.findIndex((x) => String(x?.[m[3]!]) === m[4]) ?? -1;
      if (i < 0) return undefined;
      out.push(i);
      cur = list![i];
    }
  }
  return out;
}

export function usesOfParams(expectations: Expectation[]): Map<string, string[]> {
  const uses = new Map<string, string[]>();
  const visit = (node: unknown, id: string) => {
    if (Array.isArray(node)) node.forEach((n) => visit(n, id));
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.args && typeof o.args === 'object') {
        for (const v of Object.values(o.args as Record<string, unknown>)) if (typeof v === 'string') uses.set(v, [...new Set([...(uses.get(v) ?? []), id])]);
      }
      Object.values(o).forEach((n) => visit(n, id));
    }
  };
  for (const e of expectations) visit(e, e.id);
  return uses;
}

export function markFields(file: string, text: string, params: Record<string, ParamSource>, expectations: Expectation[]): FieldMark[] {
  const lines = new LineCounter();
  const doc = parseDocument(text.split(/^---$/m)[0] ?? text, { lineCounter: lines });
  const root = doc.toJS() as unknown;
  const uses = usesOfParams(expectations);
  const marks: FieldMark[] = [];
  for (const [param, src] of Object.entries(params)) {
    if (src.file !== file) continue;
    const path = numericPath(root, src.path);
    if (!path) continue;
    // The field itself, or (absent: an API default applies) the nearest parent that exists.
    for (let n = path.length; n > 0; n--) {
      const node = doc.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) {
        marks.push({ line: lines.linePos(node.range[0]).line, param, path: src.path, expectations: uses.get(param) ?? [] });
        break;
      }
    }
  }
  return marks;
}
