// SPDX-License-Identifier: Apache-2.0
// Reads pods pasted or saved by a user: JSON or YAML, one Pod, a (Pod)List, an array, or a YAML stream.
import { isMap, isSeq, LineCounter, parseAllDocuments, type Node } from 'yaml';
import type { PodJson } from './pod-json';

/** A value together with the YAML node it came from, so that problems can name a line. */
interface Located {
  node: Node | null;
  value: unknown;
}

// Fields printPod walks as lists or objects; anything else there would break it later, far from the cause.
const OBJECT_FIELDS = [['metadata'], ['spec'], ['status']] as const;
const LIST_FIELDS = [
  ['spec', 'containers'],
  ['spec', 'initContainers'],
  ['spec', 'readinessGates'],
  ['status', 'conditions'],
  ['status', 'podIPs'],
  ['status', 'initContainerStatuses'],
  ['status', 'containerStatuses'],
] as const;

/**
 * Parses `text` into pods. JSON is read by the YAML parser too (YAML 1.2 is a superset of
 * JSON), so both get the same line numbers. Throws an Error whose message starts with
 * `source:line:` (or `source:` when there is no line) and says what is wrong.
 */
export function parsePodsInput(text: string, source: string): PodJson[] {
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const where = (node: Node | null | undefined): string =>
    node?.range ? `${source}:${lines.linePos(node.range[0]).line}` : source;

  for (const doc of docs) {
    const error = doc.errors[0];
    if (error) {
      const line = lines.linePos(error.pos[0]).line;
      throw new Error(`${source}:${line}: not valid JSON or YAML: ${error.message.split('\n')[0]}`);
    }
  }

  const candidates: Located[] = [];
  let sawDocument = false;
  for (const [index, doc] of docs.entries()) {
    const root = doc.contents;
    let value: unknown;
    try {
      value = doc.toJS();
    } catch (e) {
      throw new Error(`${where(root)}: document ${index + 1} cannot be read: ${(e as Error).message}`);
    }
    // An empty document (a stray `---`, or only comments) holds nothing; skip it.
    if (value === null || value === undefined) continue;
    sawDocument = true;
    if (isSeq(root) && Array.isArray(value)) {
      value.forEach((item, i) => candidates.push({ node: nodeOf(root.items[i]), value: item }));
    } else if (isMap(root) && isRecord(value) && typeof value.kind === 'string' && value.kind.endsWith('List')) {
      if (value.kind !== 'List' && value.kind !== 'PodList') {
        throw new Error(`${where(root)}: document ${index + 1} is a ${value.kind}, not a Pod or a PodList`);
      }
      const itemsNode = root.get('items', true);
      if (value.items === undefined || value.items === null) continue; // an empty list is fine
      if (!isSeq(itemsNode) || !Array.isArray(value.items)) {
        throw new Error(`${where(nodeOf(itemsNode) ?? root)}: the ${value.kind}'s items is not a list`);
      }
      value.items.forEach((item, i) => candidates.push({ node: nodeOf(itemsNode.items[i]), value: item }));
    } else if (isMap(root)) {
      candidates.push({ node: root, value });
    } else {
      throw new Error(
        `${where(nodeOf(root))}: document ${index + 1} is ${describe(value)}, not a Pod, a List or an array of Pods`,
      );
    }
  }
  if (!sawDocument) throw new Error(`${source}: empty input, expected a Pod, a List or an array of Pods`);

  return candidates.map((candidate, i) => checkPod(candidate, i + 1, where));
}

function checkPod(candidate: Located, itemNumber: number, where: (node: Node | null) => string): PodJson {
  const { node, value } = candidate;
  const item = `item ${itemNumber}`;
  if (!isRecord(value)) throw new Error(`${where(node)}: ${item} is ${describe(value)}, not a Pod`);
  // Items of a List straight from the API carry no kind; a missing kind is taken as a Pod.
  if (value.kind !== undefined && value.kind !== 'Pod') {
    const kind = typeof value.kind === 'string' ? `a ${value.kind}` : describe(value.kind);
    throw new Error(`${where(node)}: ${item} is ${kind}, not a Pod`);
  }
  for (const path of OBJECT_FIELDS) {
    const field = valueAt(value, path);
    if (field !== undefined && field !== null && !isRecord(field)) {
      throw new Error(`${where(nodeAt(node, path))}: ${item}: ${path.join('.')} is ${describe(field)}, not an object`);
    }
  }
  const name = valueAt(value, ['metadata', 'name']);
  if (typeof name !== 'string' || name === '') {
    throw new Error(`${where(nodeAt(node, ['metadata']))}: ${item} has no metadata.name`);
  }
  for (const path of LIST_FIELDS) {
    const field = valueAt(value, path);
    if (field !== undefined && field !== null && !Array.isArray(field)) {
      throw new Error(
        `${where(nodeAt(node, path))}: ${item} (${name}): ${path.join('.')} is ${describe(field)}, not a list`,
      );
    }
  }
  return value as PodJson;
}

/** The deepest node along `path` that exists, so an error points as close as it can. */
function nodeAt(node: Node | null, path: readonly string[]): Node | null {
  let current = node;
  for (const key of path) {
    if (!isMap(current)) break;
    const next = nodeOf(current.get(key, true));
    if (!next) break;
    current = next;
  }
  return current;
}

function valueAt(value: Record<string, unknown>, path: readonly string[]): unknown {
  let current: unknown = value;
  for (const key of path) current = isRecord(current) ? current[key] : undefined;
  return current;
}

function nodeOf(value: unknown): Node | null {
  return value !== null && typeof value === 'object' && 'range' in value ? (value as Node) : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date);
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value} (${JSON.stringify(value)})`;
}
