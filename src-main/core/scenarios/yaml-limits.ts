// SPDX-License-Identifier: Apache-2.0
// Bounds on a YAML text, checked before the parser sees it. The yaml library takes 8 s for 1 MiB
// of "- a" items and 13 s for 500,000 nested brackets, so a hostile lesson file would hang
// `scenarios validate`; the largest lesson file is 17 KB, and these limits are far above that.

export const YAML_LIMITS = {
  /** a scenario.yaml or a manifest */
  bytes: 256 * 1024,
  /** nested flow collections ([ and {) */
  flowDepth: 64,
  /** leading spaces of a line (block nesting) */
  indent: 256,
  /** an upper estimate of the nodes: item dashes, key colons, flow commas and document markers */
  nodes: 20_000,
} as const;

export interface YamlLimitProblem {
  /** offset in the text where the limit was passed */
  offset: number;
  message: string;
}

export type YamlLimits = { [K in keyof typeof YAML_LIMITS]: number };

/**
 * The first limit the text passes, or undefined; quoted text and comments count for nothing.
 * print-pod passes its own limits (only the bracket depth: its other bounds are its own).
 */
export function yamlLimitProblem(text: string, limits: YamlLimits = YAML_LIMITS): YamlLimitProblem | undefined {
  if (text.length > limits.bytes) {
    return { offset: 0, message: `the file is ${text.length} characters; podlab reads YAML files of at most ${limits.bytes} (${limits.bytes / 1024} KiB)` };
  }
  let depth = 0;
  let nodes = 0;
  let lineStart = true;
  let indent = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n') {
      lineStart = true;
      indent = 0;
      continue;
    }
    if (lineStart && c === ' ') {
      if (++indent > limits.indent) return { offset: i, message: `a line is indented more than ${limits.indent} spaces; podlab reads YAML nested no deeper than that` };
      continue;
    }
    lineStart = false;
    if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) i = skipTo(text, i, '\n') - 1;
    else if ((c === '"' || c === "'") && opensScalar(text[i - 1])) i = skipQuoted(text, i);
    else if (c === '[' || c === '{') {
      if (++depth > limits.flowDepth) return { offset: i, message: `brackets nest deeper than ${limits.flowDepth} levels` };
    } else if (c === ']' || c === '}') depth = Math.max(0, depth - 1);
    else if (c === ',' || ((c === '-' || c === ':') && /\s/.test(text[i + 1] ?? ' '))) {
      if (++nodes > limits.nodes) return { offset: i, message: `the file holds more than ${limits.nodes} YAML nodes` };
    }
  }
  return undefined;
}

function skipTo(text: string, from: number, stop: string): number {
  const at = text.indexOf(stop, from);
  return at < 0 ? text.length : at;
}

/** A quote opens a quoted scalar only where a value can begin (in "don't" it is text). */
const opensScalar = (before: string | undefined) => before === undefined || /[\s[{,:]/.test(before);

/**
 * The index of a quoted scalar's closing quote ('' and \" escapes kept inside), or the end of its
 * line: the scan never skips past a line end, so a stray quote (in a block scalar, say) cannot hide
 * the nesting after it.
 */
function skipQuoted(text: string, open: number): number {
  const q = text[open]!;
  for (let i = open + 1; i < text.length; i++) {
    if (text[i] === '\n') return i - 1;
    if (q === '"' && text[i] === '\\') i++;
    else if (text[i] === q) {
      if (q === "'" && text[i + 1] === "'") i++;
      else return i;
    }
  }
  return text.length;
}
