// SPDX-License-Identifier: Apache-2.0
// A YAML stream (size-limited by the caller) as plain documents, each able to locate a field path.
// Guards the yaml library against input it cannot survive: deep flow nesting exhausts the process
// (not catchable), an alias bomb throws from toJS.
import { isAlias, isCollection, isNode, isPair, LineCounter, parseAllDocuments, visit, type Document, type Node } from 'yaml';
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
 * The yaml library dies of memory on ~100,000 nested flow brackets, so they are counted first.
 * Quoted scalars and comments are skipped; a bracket inside a plain block scalar counts too,
 * which only errs on the safe side.
 */
function checkFlowDepth(text: string, maxDepth: number): void {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') i = skipDoubleQuoted(text, i);
    else if (c === "'") i = endOf(text, "'", i + 1); // a '' escape reopens at once
    else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) i = endOf(text, '\n', i);
    else if (c === '[' || c === '{') {
      if (++depth > maxDepth) throw new YamlInputError(positionIn(text, i), `nested deeper than ${maxDepth} levels`);
    } else if ((c === ']' || c === '}') && depth > 0) depth--;
  }
}

function endOf(text: string, char: string, from: number): number {
  const at = text.indexOf(char, from);
  return at < 0 ? text.length : at;
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

function skipDoubleQuoted(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i;
  }
  return text.length;
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
