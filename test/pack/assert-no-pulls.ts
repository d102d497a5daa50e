// SPDX-License-Identifier: Apache-2.0
// After `podlab verify --all` on a cluster made from a lab pack: no lesson pulled an image, except
// those that teach failed pulls (spec.images.failedPulls). Read from the runs' observations in
// podlab's SQLite file, not by eye. Usage: tsx test/pack/assert-no-pulls.ts DATA_DIR
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

const dataDir = process.argv[2];
if (!dataDir) {
  console.error('usage: assert-no-pulls.ts DATA_DIR');
  process.exit(2);
}
if (!existsSync(join(dataDir, 'podlab.db'))) {
  console.error(`no podlab.db in ${dataDir}`);
  process.exit(2);
}
const db = new Database(join(dataDir, 'podlab.db'), { readonly: true, fileMustExist: true });
const runs = db
  .prepare(
    `SELECT r.id, r.scenario_id AS scenario, r.status, s.document_json AS doc,
            (SELECT COUNT(*) FROM observations o WHERE o.run_id = r.id AND o.kind = 'event' AND json_extract(o.data_json, '$.reason') = 'Pulling') AS pulls,
            (SELECT COUNT(*) FROM observations o WHERE o.run_id = r.id AND o.kind = 'event') AS events
       FROM runs r JOIN scenarios s ON s.id = r.scenario_id AND s.version = r.scenario_version`,
  )
  .all() as Array<{ id: string; scenario: string; status: string; doc: string; pulls: number; events: number }>;

const lessons = (db.prepare(`SELECT DISTINCT id FROM scenarios`).all() as Array<{ id: string }>).map((r) => r.id);
const problems: string[] = [];
const teaching = new Set<string>();
for (const r of runs) {
  const failedPulls = (JSON.parse(r.doc) as { spec: { images?: { failedPulls?: boolean } } }).spec.images?.failedPulls === true;
  if (failedPulls) teaching.add(r.scenario);
  if (r.events === 0) problems.push(`${r.id}: no events were observed at all, so this check would see no pull either`);
  if (r.pulls > 0 && !failedPulls) problems.push(`${r.id}: ${r.pulls} Pulling event(s), but ${r.scenario} does not teach pulls — an image was missing from the node`);
  if (failedPulls && r.pulls === 0) problems.push(`${r.id}: ${r.scenario} teaches failed pulls, yet no Pulling event was observed`);
}
const unrun = lessons.filter((id) => !runs.some((r) => r.scenario === id));
if (unrun.length) problems.push(`lessons with no run: ${unrun.join(', ')}`);
if (!teaching.size) problems.push('no lesson declares spec.images.failedPulls: nothing shows this check can see a Pulling event');

const pulled = runs.filter((r) => r.pulls > 0);
console.log(`${runs.length} runs of ${lessons.length} lessons; Pulling events only in ${pulled.map((r) => `${r.scenario} (${r.pulls})`).join(', ') || 'none'}`);
if (problems.length) {
  for (const p of problems) console.error(`✗ ${p}`);
  process.exit(1);
}
console.log('✓ zero pulls outside the lessons that teach them');
