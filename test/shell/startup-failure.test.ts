// SPDX-License-Identifier: Apache-2.0
// What the desktop app shows when it cannot start, from the real errors: a refused database file (made
// on disk and opened), invalid lessons (a real folder loaded by the engine), anything else.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Engine } from '../../src-main/core/engine';
import { openDb } from '../../src-main/core/store/db';
import { AppError } from '../../src-main/core/util/errors';
import { describeStartupFailure } from '../../src-main/shell/startup-failure';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'podlab-startup-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function failureOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a failure');
}

describe('describeStartupFailure', () => {
  it('a refused database: its path, what is wrong, what to do', () => {
    const file = join(dir, 'podlab.db');
    writeFileSync(file, '');
    expect(describeStartupFailure(failureOf(() => openDb(file)))).toEqual({
      title: 'podlab cannot open its database',
      message: `The database ${file} is an empty file (0 bytes), not a podlab database.`,
      detail: 'What to do: move it aside or delete it to start afresh, then start podlab again.\n\npodlab has left the file as it was.',
    });
  });

  it('invalid lessons: each file:line:column, and the fix', async () => {
    const lesson = join(dir, 'scenarios', 'broken');
    mkdirSync(lesson, { recursive: true });
    writeFileSync(join(lesson, 'scenario.yaml'), 'apiVersion: podlab.dev/v1alpha1\nkind: Scenario\nmetadata: { id: broken }\nspec:\n  title: [unclosed\n');
    const e = await Engine.create({ dataDir: join(dir, 'data'), scenariosDir: join(dir, 'scenarios') }).then(
      (engine) => engine.close().then(() => undefined),
      (err: unknown) => err,
    );
    const dialog = describeStartupFailure(e);
    expect(dialog.title).toBe('podlab’s lessons have errors');
    expect(dialog.message).toBe('A lesson file has an error.');
    expect(dialog.detail).toMatch(new RegExp(`^${join(lesson, 'scenario.yaml')}:\\d+:\\d+: .+\\n\\nFix each file at the line given \\(file:line:column\\), or move that lesson’s folder out of the scenarios folder, then start podlab again\\.$`));
  });

  it('many invalid lessons: the first ten, and how many more', () => {
    const problems = Array.from({ length: 12 }, (_, i) => ({ file: `/s/l${i}/scenario.yaml`, line: i + 1, column: 3, path: 'spec.title', message: 'must be a map' }));
    const dialog = describeStartupFailure(new AppError('SCENARIO_INVALID', 'invalid scenarios', { details: problems }));
    expect(dialog.message).toBe('The lesson files have 12 errors.');
    expect(dialog.detail.split('\n').slice(0, 11)).toEqual([
      ...problems.slice(0, 10).map((p) => `${p.file}:${p.line}:3: spec.title: must be a map`),
      '…and 2 more (podlab scenarios validate lists them all)',
    ]);
  });

  it('anything else: the message, and where the log is', () => {
    expect(describeStartupFailure(new Error('EACCES: permission denied, mkdir /root/.config/podlab'), { logFile: '/home/l/.config/podlab/logs/engine.log' })).toEqual({
      title: 'podlab could not start',
      message: 'EACCES: permission denied, mkdir /root/.config/podlab.',
      detail: 'The log may say more: /home/l/.config/podlab/logs/engine.log',
    });
  });
});
