// SPDX-License-Identifier: Apache-2.0
// A YAML stream (size-limited by the caller) as plain documents, each able to locate a field path.
// Guards the yaml library against input it cannot survive: deep flow nesting exhausts the process
// (not catchable), an alias bomb throws from toJS.
import { isAlias, isCollection, isNode, isPair, LineCounter, parseAllDocuments, visit, type Document, type Node } from 'yaml';
import { yamlLimitProblem } from '../../scenarios/yaml-limits';
import type { FieldPath, Position } from './value-positions';

export interface YamlDocument {
  value: unknown;
  locate(path: FieldPath): Position;
}

export class YamlInputError extends Error {
  constructor(
    readonly at: Position,
    message: string,
  ) {
    super(message);
  }
}

export function parseYamlDocuments(text: string, maxDepth: number): YamlDocument[] {
  checkFlowDepth(text, maxDepth);
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const list = Array.isArray(docs) ? docs : [docs];
  const position = (offset: number): Position => {
    const p = lines.linePos(offset);
    return { line: p.line, col: p.col };
  };
  for (const doc of list) {
    const error = doc.errors[0];
    if (error) throw new YamlInputError(position(error.pos[0]), `not valid YAML: ${error.message.split('\n')[0]}`);
  }
  return list.map((doc) => {
    checkNodeDepth(doc as Document, maxDepth, position);
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (e) {
      let at = doc.contents?.range?.[0] ?? 0;
      visit(doc, { Alias: (_key, node) => ((at = node.range?.[0] ?? at), visit.BREAK) });
      throw new YamlInputError(position(at), `cannot read this YAML: ${(e as Error).message}`);
    }
    return {
      value,
      locate: (path) => {
        for (let n = path.length; n >= 0; n--) {
          const node = doc.getIn(path.slice(0, n), true);
          if (isNode(node) && node.range) return position(node.range[0]);
        }
        return position(doc.contents?.range?.[0] ?? 0);
      },
    };
  });
}

/**
 * The yaml library dies of memory on ~100,000 nested flow brackets, so they are counted first, by
 * the lessons' own scan (quoted scalars and comments skipped, never past a line's end, so a stray
 * quote cannot hide the brackets after it).
 */
function checkFlowDepth(text: string, maxDepth: number): void {
  const over = yamlLimitProblem(text, { bytes: Infinity, flowDepth: maxDepth, indent: Infinity, nodes: Infinity });
  if (over) throw new YamlInputError(positionIn(text, over.offset), `nested deeper than ${maxDepth} levels`);
}

/** Line and column (1-based) of offset `at`. */
export function positionIn(text: string, at: number): Position {
  let line = 1;
  let lineStart = 0;
  for (let k = text.indexOf('\n'); k >= 0 && k < at; k = text.indexOf('\n', k + 1)) {
    line++;
    lineStart = k + 1;
  }
  return { line, col: at - lineStart + 1 };
}

/** Block nesting is survivable but still bounded, like JSON's; walked without recursion. */
function checkNodeDepth(doc: Document, maxDepth: number, position: (offset: number) => Position): void {
  const stack: Array<[Node, number]> = doc.contents ? [[doc.contents, 1]] : [];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (depth > maxDepth) throw new YamlInputError(position(node.range?.[0] ?? 0), `nested deeper than ${maxDepth} levels`);
    if (!isCollection(node) || isAlias(node)) continue;
    for (const item of node.items) {
      const child = isPair(item) ? item.value : item;
      if (isNode(child)) stack.push([child, depth + 1]);
    }
  }
}
