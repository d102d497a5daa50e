// SPDX-License-Identifier: Apache-2.0
// YAML parsed with positions, so that every error can name a line.
import { isNode, LineCounter, parseAllDocuments, parseDocument, type Document } from 'yaml';
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
  return { source: { file, doc, lines }, problems };
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
