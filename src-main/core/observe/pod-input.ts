// SPDX-License-Identifier: Apache-2.0
// Reads pods pasted or saved by a user: JSON or YAML, one Pod, a (Pod)List, an array, or a YAML stream.
// JSON (input starting with { or [) is streamed: each item is checked and handed over as soon as it
// ends, so a List of any length reads in bounded memory. YAML is read whole, up to a size limit.
import { AppError } from '../util/errors';
import { formatPath } from './print/field-path';
import { JsonStreamParser, JsonSyntaxError, type StreamedElement } from './print/json-stream';
import { checkPod } from './print/pod-check';
import { shapeOf } from './print/pod-documents';
import { Utf8Chunks, Utf8Error } from './print/utf8-chunks';
import type { FieldPath, Position } from './print/value-positions';
import { parseYamlDocuments, positionIn, YamlInputError, type YamlDocument } from './print/yaml-documents';
import type { PodJson } from './pod-json';

export interface PodInputLimits {
  maxInputBytes: number;
  /** YAML is parsed whole, and the yaml library needs ~80 bytes of memory and ~1.5 µs per byte */
  maxYamlChars: number;
  /** one pod, and a JSON document's text outside its list of items */
  maxPodChars: number;
  maxDepth: number;
  maxPods: number;
}

export const POD_INPUT_LIMITS: PodInputLimits = {
  maxInputBytes: 2 ** 30,
  maxYamlChars: 2 * 2 ** 20,
  // etcd stores at most 1.5 MiB per object; `kubectl get -o json` indents it, hence the margin.
  maxPodChars: 4 * 2 ** 20,
  maxDepth: 100,
  maxPods: 1_000_000,
};

type Mode = 'sniffing' | 'json' | 'yaml';

/**
 * Push chunks in, get each checked pod out through `onPod`, in input order. Every problem is an
 * AppError POD_INPUT_INVALID whose message is `source:line:col: field.path: what is wrong`.
 */
export class PodInputReader {
  private mode: Mode = 'sniffing';
  private bytes = 0;
  private readonly utf8 = new Utf8Chunks();
  /** text held until the mode is known, or all of it for YAML */
  private held = '';
  private json: JsonStreamParser | undefined;
  private listPath: FieldPath = [];

  constructor(
    private readonly source: string,
    private readonly onPod: (pod: PodJson) => void,
    private readonly limits: PodInputLimits = POD_INPUT_LIMITS,
  ) {}

  feed(chunk: Buffer | string): void {
    this.bytes += chunk.length;
    if (this.bytes > this.limits.maxInputBytes) this.fail(undefined, `larger than ${mib(this.limits.maxInputBytes)}, more than print-pod reads`);
    let text: string;
    try {
      text = typeof chunk === 'string' ? chunk : this.utf8.decode(chunk);
    } catch (e) {
      if (!(e instanceof Utf8Error)) throw e;
      this.take(e.textBefore);
      this.fail(this.position(), e.message);
    }
    this.take(text);
  }

  end(): void {
    try {
      this.utf8.end();
    } catch (e) {
      if (e instanceof Utf8Error) this.fail(this.position(), e.message);
      throw e;
    }
    if (this.mode === 'sniffing') this.fail(undefined, 'empty input, expected a Pod, a List or an array of Pods');
    if (this.mode === 'yaml') this.readYaml();
    else this.endJson();
  }

  private take(text: string): void {
    if (this.mode === 'sniffing') {
      this.held += text;
      if (this.held.charCodeAt(0) === 0xfeff) this.held = this.held.slice(1); // a byte order mark
      const first = /\S/.exec(this.held);
      if (!first) return;
      // NUL bytes (a disk image, /dev/zero), gzip and the like: the yaml library would take them for a string.
      const code = first[0].charCodeAt(0);
      if (code < 0x20 || code === 0x7f) {
        this.fail(positionIn(this.held, first.index), `not JSON or YAML text: it starts with the control character U+${code.toString(16).padStart(4, '0').toUpperCase()}`);
      }
      this.mode = first[0] === '{' || first[0] === '[' ? 'json' : 'yaml';
      text = this.held;
      this.held = '';
      if (this.mode === 'json') this.startJson(first[0]);
    }
    if (this.mode === 'json') this.feedJson(text);
    else this.holdYaml(text);
  }

  private startJson(first: string): void {
    this.listPath = first === '[' ? [] : ['items'];
    const { maxDepth, maxPodChars, maxPods } = this.limits;
    this.json = new JsonStreamParser({ maxDepth, maxUnitChars: maxPodChars, maxElements: maxPods }, (element) => this.streamedPod(element));
  }

  private feedJson(text: string): void {
    try {
      this.json!.feed(text);
    } catch (e) {
      throw this.jsonError(e);
    }
  }

  private streamedPod({ index, value, positions }: StreamedElement): void {
    const problem = checkPod(value);
    const path = [...this.listPath, index];
    if (problem) this.fail(positions.find(value, problem.path) ?? positions.at(0), `${formatPath([...path, ...problem.path])}: ${problem.message}`);
    this.onPod(value as PodJson);
  }

  private endJson(): void {
    let envelope;
    try {
      envelope = this.json!.end();
    } catch (e) {
      throw this.jsonError(e);
    }
    const { value, positions } = envelope;
    const shape = shapeOf(value);
    const locate = (path: FieldPath): Position | undefined => positions.find(value, path) ?? positions.at(0);
    if (shape.kind === 'problem') this.fail(locate(shape.path), withPath(shape.path, shape.message));
    // A List's or an array's items were streamed already; only a lone Pod is left.
    if (shape.kind === 'pod') this.checkedPod(value, [], locate, '');
  }

  private jsonError(e: unknown): unknown {
    if (!(e instanceof JsonSyntaxError)) return e;
    const limit = /^(nested deeper|this item is larger|larger than|more than)/.test(e.message);
    return this.error(e.at, limit ? e.message : `not valid JSON: ${e.message}`);
  }

  private holdYaml(text: string): void {
    this.held += text;
    if (this.held.length > this.limits.maxYamlChars) {
      this.fail(undefined, `YAML larger than ${mib(this.limits.maxYamlChars)}; give it as JSON (kubectl get pods -o json), which print-pod streams`);
    }
  }

  private readYaml(): void {
    let docs: YamlDocument[];
    try {
      docs = parseYamlDocuments(this.held, this.limits.maxDepth);
    } catch (e) {
      if (e instanceof YamlInputError) this.fail(e.at, e.message);
      throw e;
    }
    const present = docs.filter((doc) => doc.value !== null && doc.value !== undefined);
    if (!present.length) this.fail(undefined, 'empty input, expected a Pod, a List or an array of Pods');
    const count = { pods: 0 };
    docs.forEach((doc, i) => {
      // An empty document (a stray `---`, or only comments) holds nothing.
      if (doc.value === null || doc.value === undefined) return;
      const prefix = docs.length > 1 ? `document ${i + 1}: ` : '';
      const shape = shapeOf(doc.value);
      if (shape.kind === 'problem') this.fail(doc.locate(shape.path), prefix + withPath(shape.path, shape.message));
      if (shape.kind === 'pod') this.checkedPod(doc.value, [], doc.locate, prefix);
      else {
        shape.items.forEach((item, index) => {
          if (++count.pods > this.limits.maxPods) this.fail(doc.locate([...shape.listPath, index]), `more than ${this.limits.maxPods.toLocaleString('en')} items`);
          this.checkedPod(item, [...shape.listPath, index], doc.locate, prefix);
        });
      }
    });
  }

  private checkedPod(value: unknown, path: FieldPath, locate: (path: FieldPath) => Position | undefined, prefix: string): void {
    const problem = checkPod(value);
    if (problem) {
      const full = [...path, ...problem.path];
      this.fail(locate(full), prefix + withPath(full, problem.message));
    }
    this.onPod(value as PodJson);
  }

  /** Where the reading stopped: for errors that come from the bytes rather than a value. */
  private position(): Position {
    if (this.json) return this.json.position;
    return positionIn(this.held, this.held.length);
  }

  private fail(at: Position | undefined, message: string): never {
    throw this.error(at, message);
  }

  private error(at: Position | undefined, message: string): AppError {
    const where = at ? `${this.source}:${at.line}:${at.col}` : this.source;
    return new AppError('POD_INPUT_INVALID', `${where}: ${message}`);
  }
}

/** Reads a whole stream of chunks, handing each pod to `onPod` as soon as it is read and checked. */
export async function readPods(chunks: AsyncIterable<Buffer | string>, source: string, onPod: (pod: PodJson) => void, limits = POD_INPUT_LIMITS): Promise<void> {
  const reader = new PodInputReader(source, onPod, limits);
  for await (const chunk of chunks) reader.feed(chunk);
  reader.end();
}

/** Parses `text` into pods; throws like PodInputReader. */
export function parsePodsInput(text: string, source: string, limits = POD_INPUT_LIMITS): PodJson[] {
  const pods: PodJson[] = [];
  const reader = new PodInputReader(source, (pod) => pods.push(pod), limits);
  reader.feed(text);
  reader.end();
  return pods;
}

function withPath(path: FieldPath, message: string): string {
  return path.length ? `${formatPath(path)}: ${message}` : message;
}

function mib(n: number): string {
  if (n % 2 ** 30 === 0) return `${n / 2 ** 30} GiB`;
  return n % 2 ** 20 === 0 ? `${n / 2 ** 20} MiB` : `${n.toLocaleString('en')} bytes`;
}
