// SPDX-License-Identifier: Apache-2.0
// A push parser for one JSON value that hands over the elements of a top-level array, or of a
// top-level object's "items" array, one at a time as each one ends, so a List of any length
// is read in bounded memory. Strict RFC 8259, plus: no duplicate keys, bounded depth and size.
import { ValuePositions, type Position } from './value-positions';

/** An element of the streamed array, complete; `positions` is only valid until feed() goes on. */
export interface StreamedElement {
  index: number;
  value: unknown;
  positions: ValuePositions;
}

export interface JsonStreamLimits {
  maxDepth: number;
  /** characters of one streamed element, and of everything outside the streamed array */
  maxUnitChars: number;
  maxElements: number;
}

export class JsonSyntaxError extends Error {
  constructor(
    readonly at: Position,
    message: string,
  ) {
    super(message);
  }
}

// What the parser expects next.
const enum Expect {
  Value,
  KeyOrEnd,
  Key,
  Colon,
  CommaOrObjectEnd,
  ValueOrArrayEnd,
  CommaOrArrayEnd,
  Nothing,
}

const EXPECTED: Record<Expect, string> = {
  [Expect.Value]: 'a value',
  [Expect.KeyOrEnd]: 'a "key" or "}"',
  [Expect.Key]: 'a "key" in double quotes',
  [Expect.Colon]: '":"',
  [Expect.CommaOrObjectEnd]: '"," or "}"',
  [Expect.ValueOrArrayEnd]: 'a value or "]"',
  [Expect.CommaOrArrayEnd]: '"," or "]"',
  [Expect.Nothing]: 'the end of the input (input that starts with { or [ is read as one JSON document)',
};

interface Frame {
  container: Record<string, unknown> | unknown[];
  /** the key whose value comes next (objects) */
  key: string | undefined;
  /** elements are handed to onElement instead of being kept */
  streams: boolean;
  count: number;
}

// A token that a chunk boundary can cut in two.
const enum Partial {
  None,
  String,
  Number,
  Literal,
}

const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

export class JsonStreamParser {
  private expect = Expect.Value;
  private readonly stack: Frame[] = [];
  private root: unknown;
  private line = 1;
  private col = 1;
  /** characters before the current chunk, and the index in it being read: their sum is the offset */
  private base = 0;
  private i = 0;
  /** characters of the elements handed over so far, to bound what lies around them */
  private streamedChars = 0;
  private partial = Partial.None;
  private text = '';
  private escape: string | undefined;
  private tokenLine = 1;
  private tokenCol = 1;
  /** set while a key string is read */
  private readingKey = false;
  private elementStart: { offset: number; at: Position } | undefined;
  private readonly envelope = new ValuePositions();
  private readonly element = new ValuePositions();

  constructor(
    private readonly limits: JsonStreamLimits,
    private readonly onElement: (element: StreamedElement) => void,
  ) {}

  /** Where the next character would be. */
  get position(): Position {
    return { line: this.line, col: this.col };
  }

  feed(chunk: string): void {
    const n = chunk.length;
    this.i = 0;
    while (this.i < n) {
      if (this.partial !== Partial.None) {
        this.i = this.continuePartial(chunk, this.i);
        continue;
      }
      const c = chunk.charCodeAt(this.i);
      if (c === 0x20 || c === 0x09 || c === 0x0d) {
        this.i++;
        this.col++;
      } else if (c === 0x0a) {
        this.i++;
        this.line++;
        this.col = 1;
      } else {
        this.punctuate(chunk, this.i, c);
        this.i++;
      }
    }
    this.base += n;
    this.i = 0;
    this.checkSize();
  }

  private get offset(): number {
    return this.base + this.i;
  }

  /** The input has ended: the whole value, with the streamed array left empty. */
  end(): { value: unknown; positions: ValuePositions } {
    if (this.partial === Partial.Number || this.partial === Partial.Literal) this.finishBareToken();
    if (this.partial === Partial.String) this.fail(this.tokenStartPosition(), 'the input ends inside a string');
    if (this.expect !== Expect.Nothing) this.fail(this.position, `unexpected end of input, expected ${EXPECTED[this.expect]}`);
    this.checkSize();
    return { value: this.root, positions: this.envelope };
  }

  private punctuate(chunk: string, i: number, c: number): void {
    const expect = this.expect;
    if (c === 0x22 /* " */) {
      if (expect !== Expect.Value && expect !== Expect.ValueOrArrayEnd && expect !== Expect.KeyOrEnd && expect !== Expect.Key) this.unexpected(chunk[i]!);
      this.readingKey = expect === Expect.KeyOrEnd || expect === Expect.Key;
      if (!this.readingKey) this.valueStarts();
      this.startPartial(Partial.String);
      this.col++;
      return;
    }
    if (c === 0x2c /* , */) {
      if (expect === Expect.CommaOrObjectEnd) this.expect = Expect.Key;
      else if (expect === Expect.CommaOrArrayEnd) this.expect = Expect.Value;
      else this.unexpected(',');
    } else if (c === 0x3a /* : */) {
      if (expect !== Expect.Colon) this.unexpected(':');
      this.expect = Expect.Value;
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (expect !== Expect.Value && expect !== Expect.ValueOrArrayEnd) this.unexpected(chunk[i]!);
      this.open(c === 0x7b);
    } else if (c === 0x7d /* } */) {
      if (expect !== Expect.KeyOrEnd && expect !== Expect.CommaOrObjectEnd) this.unexpected('}');
      this.close();
    } else if (c === 0x5d /* ] */) {
      if (expect !== Expect.ValueOrArrayEnd && expect !== Expect.CommaOrArrayEnd) this.unexpected(']');
      this.close();
    } else if (c === 0x2d || (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a)) {
      // A number or true/false/null (letters are gathered and judged as a whole).
      if (expect !== Expect.Value && expect !== Expect.ValueOrArrayEnd) this.unexpected(chunk[i]!);
      this.valueStarts();
      this.startPartial(c >= 0x61 ? Partial.Literal : Partial.Number);
      this.text = chunk[i]!;
    } else {
      this.unexpected(chunk[i]!);
    }
    this.col++;
  }

  private startPartial(kind: Partial): void {
    this.partial = kind;
    this.tokenLine = this.line;
    this.tokenCol = this.col;
    this.text = '';
    this.escape = undefined;
  }

  /** Reads on in a string, number or literal from chunk[i]; returns where it stopped. */
  private continuePartial(chunk: string, i: number): number {
    if (this.partial === Partial.String) return this.continueString(chunk, i);
    const start = i;
    const n = chunk.length;
    while (i < n) {
      const c = chunk.charCodeAt(i);
      const part = this.partial === Partial.Number ? (c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x2b || c === 0x2d || c === 0x65 || c === 0x45 : c >= 0x61 && c <= 0x7a;
      if (!part) break;
      i++;
    }
    this.text += chunk.slice(start, i);
    this.col += i - start;
    if (i < n) this.finishBareToken();
    return i;
  }

  private continueString(chunk: string, i: number): number {
    const n = chunk.length;
    let start = i;
    while (i < n) {
      if (this.escape !== undefined) {
        i = this.continueEscape(chunk, i);
        start = i;
        continue;
      }
      const c = chunk.charCodeAt(i);
      if (c === 0x22) {
        this.text += chunk.slice(start, i);
        this.col += i - start + 1;
        this.partial = Partial.None;
        this.stringEnds(this.text);
        return i + 1;
      }
      if (c === 0x5c) {
        this.text += chunk.slice(start, i);
        this.col += i - start + 1;
        this.escape = '';
        i++;
        start = i;
        continue;
      }
      if (c < 0x20) {
        this.col += i - start;
        this.fail(this.position, `a control character (U+${c.toString(16).padStart(4, '0').toUpperCase()}) inside a string; write it as an escape`);
      }
      i++;
    }
    this.text += chunk.slice(start, i);
    this.col += i - start;
    return i;
  }

  private continueEscape(chunk: string, i: number): number {
    const c = chunk[i]!;
    this.col++;
    if (this.escape === '') {
      if (c === 'u') {
        this.escape = 'u';
        return i + 1;
      }
      const decoded = ESCAPES[c];
      if (decoded === undefined) this.fail({ line: this.line, col: this.col - 2 }, `"\\${c}" is not a JSON escape`);
      this.text += decoded;
      this.escape = undefined;
      return i + 1;
    }
    const escape = `${this.escape ?? ''}${c}`;
    if (!/^u[0-9a-fA-F]*$/.test(escape)) this.fail({ line: this.line, col: this.col - escape.length - 1 }, `"\\${escape}" is not a JSON escape`);
    this.escape = escape;
    if (escape.length === 5) {
      this.text += String.fromCharCode(parseInt(escape.slice(1), 16));
      this.escape = undefined;
    }
    return i + 1;
  }

  private finishBareToken(): void {
    const text = this.text;
    this.partial = Partial.None;
    if (this.partialWasNumber(text)) {
      if (!NUMBER.test(text)) this.fail(this.tokenStartPosition(), `"${text}" is not a JSON number`);
      this.scalar(Number(text));
      return;
    }
    if (text === 'true') this.scalar(true);
    else if (text === 'false') this.scalar(false);
    else if (text === 'null') this.scalar(null);
    else this.fail(this.tokenStartPosition(), `"${text.slice(0, 20)}" is not a JSON value (true, false, null, a number, a "string", an object or a list)`);
  }

  private partialWasNumber(text: string): boolean {
    const c = text.charCodeAt(0);
    return c === 0x2d || (c >= 0x30 && c <= 0x39);
  }

  private stringEnds(text: string): void {
    if (!this.readingKey) {
      this.scalar(text);
      return;
    }
    const frame = this.stack[this.stack.length - 1]!;
    if (Object.prototype.hasOwnProperty.call(frame.container, text)) this.fail(this.tokenStartPosition(), `duplicate key ${JSON.stringify(text)}`);
    frame.key = text;
    this.readingKey = false;
    this.expect = Expect.Colon;
  }

  private tokenStartPosition(): Position {
    return { line: this.tokenLine, col: this.tokenCol };
  }

  /** Called at the first character of every value, so positions are recorded in document order. */
  private valueStarts(): void {
    const frame = this.stack[this.stack.length - 1];
    if (frame?.streams) {
      this.elementStart = { offset: this.offset, at: this.position };
      this.element.reset();
    }
    (this.elementStart ? this.element : this.envelope).record(this.line, this.col);
  }

  private open(isObject: boolean): void {
    if (this.stack.length >= this.limits.maxDepth) this.fail(this.position, `nested deeper than ${this.limits.maxDepth} levels`);
    this.valueStarts();
    const parent = this.stack[this.stack.length - 1];
    // The elements of a top-level array, or of the top-level object's "items", are streamed.
    const streams = !isObject && this.elementStart === undefined && (parent === undefined || (this.stack.length === 1 && !Array.isArray(parent.container) && parent.key === 'items'));
    this.stack.push({ container: isObject ? {} : [], key: undefined, streams, count: 0 });
    this.expect = isObject ? Expect.KeyOrEnd : Expect.ValueOrArrayEnd;
  }

  private close(): void {
    const frame = this.stack.pop()!;
    this.attach(frame.container);
  }

  private scalar(value: unknown): void {
    this.attach(value);
  }

  /** A value is complete: put it in its parent, hand it over, or make it the root. */
  private attach(value: unknown): void {
    const parent = this.stack[this.stack.length - 1];
    if (!parent) {
      this.root = value;
      this.expect = Expect.Nothing;
      return;
    }
    if (Array.isArray(parent.container)) {
      if (parent.streams) this.handOver(parent, value);
      else parent.container.push(value);
      this.expect = Expect.CommaOrArrayEnd;
    } else {
      parent.container[parent.key!] = value;
      parent.key = undefined;
      this.expect = Expect.CommaOrObjectEnd;
    }
  }

  private handOver(parent: Frame, value: unknown): void {
    const index = parent.count++;
    if (index >= this.limits.maxElements) this.fail(this.elementStart!.at, `more than ${this.limits.maxElements.toLocaleString('en')} items`);
    this.checkSize(); // an element that began and ended inside one chunk
    this.streamedChars += this.offset - this.elementStart!.offset;
    this.elementStart = undefined;
    this.onElement({ index, value, positions: this.element });
  }

  /** Checked once per chunk: one element, or what lies around the elements, must stay within the limit. */
  private checkSize(): void {
    const max = this.limits.maxUnitChars;
    if (this.elementStart) {
      if (this.offset - this.elementStart.offset > max) this.fail(this.elementStart.at, `this item is larger than ${mib(max)} (a Pod in the API is at most 1.5 MiB)`);
    } else if (this.offset - this.streamedChars > max) {
      // At the document's start: where the limit was crossed depends on how the input was cut into chunks.
      this.fail(this.envelope.at(0) ?? this.position, `larger than ${mib(max)} outside a list's items (a Pod in the API is at most 1.5 MiB)`);
    }
  }

  private unexpected(char: string): never {
    const shown = /^[\x21-\x7e]$/.test(char) ? JSON.stringify(char) : `U+${char.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}`;
    this.fail(this.position, `unexpected ${shown}, expected ${EXPECTED[this.expect]}`);
  }

  private fail(at: Position, message: string): never {
    throw new JsonSyntaxError(at, message);
  }
}

function mib(chars: number): string {
  return chars % 2 ** 20 === 0 ? `${chars / 2 ** 20} MiB` : `${chars.toLocaleString('en')} characters`;
}
