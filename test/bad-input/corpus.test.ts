// SPDX-License-Identifier: Apache-2.0
// Issue #10's bad-input corpus: every case gets its exact error, no stack trace, no hang (< 5 s) and
// bounded memory (< 300 MB). The cases run in one child process (run-corpus.ts) so that its peak
// memory is podlab's, not the test runner's.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BadInputCase } from './case';
import { loadCases, type CaseResult } from './run-corpus';

const MAX_RSS_MB = 300;
const cases = await loadCases();
const results = new Map<string, CaseResult>();

beforeAll(async () => {
  const { stdout } = await promisify(execFile)('npx', ['tsx', '--expose-gc', 'test/bad-input/run-corpus.ts'], { maxBuffer: 64 << 20, timeout: 400_000 });
  for (const line of stdout.split('\n').filter(Boolean)) {
    const r = JSON.parse(line) as CaseResult;
    results.set(r.name, r);
  }
}, 420_000);

describe('bad-input corpus', () => {
  it('holds at least 80 cases, each named once', () => {
    expect(cases.length).toBeGreaterThanOrEqual(80);
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
  });

  it.each(cases.map((c) => [c.name, c] as [string, BadInputCase]))('%s', (name, c) => {
    const r = results.get(name);
    expect(r, 'the runner reported this case').toBeDefined();
    expect(r!.hung, `finished within 5 s (took ${r!.ms} ms)`).toBe(false);
    expect(r!.error).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
    expect(r!.error).not.toMatch(/^uncaught: /);
    if (typeof c.expect.error === 'string') expect(r!.error).toBe(c.expect.error);
    else expect(r!.error).toMatch(c.expect.error);
    if (c.api) expect(r!.code).toBe(c.expect.code);
    else expect(r!.exit).toBe(c.expect.exit ?? 1);
    expect(r!.maxRssMb, 'peak memory of the corpus process so far').toBeLessThan(MAX_RSS_MB);
  });
});
