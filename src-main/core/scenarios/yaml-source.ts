// SPDX-License-Identifier: Apache-2.0
// YAML parsed with positions, so that every error can name a line.
import { isNode, isScalar, LineCounter, parseAllDocuments, parseDocument, visit, type Document } from 'yaml';
import { formatPath, type ScenarioProblem } from './scenario-error';
import { yamlLimitProblem } from './yaml-limits';

export interface YamlSource {
  file: string;
  doc: Document;
  lines: LineCounter;
}

export function parseYaml(file: string, text: string): { source: YamlSource; problems: ScenarioProblem[] } {
  const limit = limitProblem(file, text);
  if (limit) return { source: { file, doc: parseDocument(''), lines: new LineCounter() }, problems: [limit] };
  const lines = new LineCounter();
  // uniqueKeys off: the library compares every key with every other (219 s for 60,000 keys); duplicateKeyProblems is linear.
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false, strict: true });
  const problems = [...doc.errors, ...doc.warnings].map((e) => {
    const pos = lines.linePos(e.pos[0]);
    return { file, line: pos.line, column: pos.col, path: '', message: e.message.split('\n')[0] ?? e.message };
  });
  if (!problems.length) problems.push(...duplicateKeyProblems(file, doc, lines));
  if (!problems.length) {
    const bomb = plainValueProblem(file, doc, lines);
    if (bomb) problems.push(bomb);
  }
  return { source: { file, doc, lines }, problems };
}

function limitProblem(file: string, text: string): ScenarioProblem | undefined {
  const over = yamlLimitProblem(text);
  if (!over) return undefined;
  const before = text.slice(0, over.offset);
  const line = before.split('\n').length;
  const column = over.offset - before.lastIndexOf('\n');
  return { file, line, column, path: '', message: over.message };
}

/** The yaml library's own message for a repeated key, at the repeat. */
function duplicateKeyProblems(file: string, doc: Document, lines: LineCounter): ScenarioProblem[] {
  const problems: ScenarioProblem[] = [];
  visit(doc, {
    Map(_key, map) {
      const seen = new Set<string>();
      for (const pair of map.items) {
        const k = isScalar(pair.key) ? `s:${String(pair.key.value)}` : isNode(pair.key) ? `n:${String(pair.key)}` : `v:${String(pair.key)}`;
        if (!seen.has(k)) {
          seen.add(k);
          continue;
        }
        const pos = lines.linePos((isNode(pair.key) && pair.key.range?.[0]) || 0);
        problems.push({ file, line: pos.line, column: pos.col, path: '', message: 'Map keys must be unique' });
      }
    },
  });
  return problems;
}

/**
 * Resolving a document's aliases can explode (a "billion laughs": 20,000 aliases of one scalar); the
 * yaml library stops it with a ReferenceError, which here becomes a problem at the first alias.
 */
function plainValueProblem(file: string, doc: Document, lines: LineCounter): ScenarioProblem | undefined {
  try {
    doc.toJS();
    return undefined;
  } catch (e) {
    let at = 0;
    visit(doc, { Alias: (_k, node) => ((at = node.range?.[0] ?? 0), visit.BREAK) });
    const pos = lines.linePos(at);
    return { file, line: pos.line, column: pos.col, path: '', message: `cannot read this YAML: ${(e as Error).message}` };
  }
}

export function parseYamlStream(file: string, text: string): { docs: YamlSource[]; problems: ScenarioProblem[] } {
  const limit = limitProblem(file, text);
  if (limit) return { docs: [], problems: [limit] };
  const lines = new LineCounter();
  const all = parseAllDocuments(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false });
  const list = Array.isArray(all) ? all : [all];
  const problems: ScenarioProblem[] = [];
  for (const doc of list) {
    for (const e of [...doc.errors, ...doc.warnings]) {
      const pos = lines.linePos(e.pos[0]);
      problems.push({ file, line: pos.line, column: pos.col, path: '', message: e.message.split('\n')[0] ?? e.message });
    }
    if (!doc.errors.length) problems.push(...duplicateKeyProblems(file, doc as Document, lines));
    if (!doc.errors.length) {
      const bomb = plainValueProblem(file, doc as Document, lines);
      if (bomb) problems.push(bomb);
    }
  }
  return { docs: list.map((doc) => ({ file, doc: doc as Document, lines })), problems };
}

/** The problem at a field path: the nearest node that exists gives the line. */
export function problemAt(source: YamlSource, path: ReadonlyArray<PropertyKey>, message: string): ScenarioProblem {
  for (let n = path.length; n >= 0; n--) {
    const node = source.doc.getIn(path.slice(0, n) as unknown[], true);
    if (isNode(node) && node.range) {
      const pos = source.lines.linePos(node.range[0]);
      return { file: source.file, line: pos.line, column: pos.col, path: formatPath(path), message };
    }
  }
  return { file: source.file, line: 1, column: 1, path: formatPath(path), message };
}
