// SPDX-License-Identifier: Apache-2.0
// YAML parsed with positions, so that every error can name a line.
import { isNode, LineCounter, parseAllDocuments, parseDocument, visit, type Document } from 'yaml';
import { formatPath, type ScenarioProblem } from './scenario-error';

export interface YamlSource {
  file: string;
  doc: Document;
  lines: LineCounter;
}

export function parseYaml(file: string, text: string): { source: YamlSource; problems: ScenarioProblem[] } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, strict: true });
  const problems = [...doc.errors, ...doc.warnings].map((e) => {
    const pos = lines.linePos(e.pos[0]);
    return { file, line: pos.line, column: pos.col, path: '', message: e.message.split('\n')[0] ?? e.message };
  });
  if (!problems.length) {
    const bomb = plainValueProblem(file, doc, lines);
    if (bomb) problems.push(bomb);
  }
  return { source: { file, doc, lines }, problems };
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
  const lines = new LineCounter();
  const all = parseAllDocuments(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const list = Array.isArray(all) ? all : [all];
  const problems: ScenarioProblem[] = [];
  for (const doc of list) {
    for (const e of [...doc.errors, ...doc.warnings]) {
      const pos = lines.linePos(e.pos[0]);
      problems.push({ file, line: pos.line, column: pos.col, path: '', message: e.message.split('\n')[0] ?? e.message });
    }
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
