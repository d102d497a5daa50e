// SPDX-License-Identifier: Apache-2.0
// A lab pack import as the Cluster panel lists it: the engine's seven steps, each done, skipped,
// current, failed or still to come, folded from pack:progressed events and then the result.
import { PACK_IMPORT_STEPS, type PackImportView, type PackProgressView } from '@contract/dto';
import type { I18nText } from '@contract/scenario';

/** The engine's steps, in order, from the contract. */
export const PACK_STEPS = PACK_IMPORT_STEPS;

export const STEP_LABELS: Record<(typeof PACK_STEPS)[number], I18nText> = {
  'check the pack': { en: 'Check the pack', zh: '校验实验包' },
  kind: { en: 'kind', zh: 'kind' },
  'node image': { en: 'Node image', zh: '节点镜像' },
  cluster: { en: 'Cluster', zh: '集群' },
  'workload images': { en: 'Workload images', zh: '工作负载镜像' },
  'check the node': { en: 'Check the node', zh: '检查节点' },
  lessons: { en: 'Lessons', zh: '课程' },
};

export type StepState = 'done' | 'skipped' | 'current' | 'todo' | 'failed';

export interface StepRow {
  name: string;
  state: StepState;
  /** what the step did (from its last event, then from the result) */
  detail?: string;
  detailZh?: string;
}

export interface ImportModel {
  rows: StepRow[];
  /** the engine's text for what it does now */
  text?: string;
  textZh?: string;
  /** bytes read of the pack file, during the check step */
  bytes?: { done: number; total: number };
  outcome?: 'imported' | 'failed';
  /** the step the import stopped at, when it failed */
  failedAt?: number;
}

export function startImport(): ImportModel {
  return { rows: PACK_STEPS.map((name, i) => ({ name, state: i === 0 ? 'current' : 'todo' })) };
}

/** One pack:progressed event. A step reports its end as "<step>: <detail>"; the next one starts then. */
export function applyProgress(m: ImportModel, p: PackProgressView): ImportModel {
  if (m.outcome) return m;
  const base = m.rows.slice();
  while (base.length < p.stepCount) base.push({ name: `step ${base.length + 1}`, state: 'todo' });
  const i = Math.max(0, Math.min(p.stepIndex, base.length - 1));
  const prefix = `${base[i]?.name}: `;
  const ended = p.step.startsWith(prefix);
  const rows = base.map((row, j): StepRow => {
    if (j < i) return row.state === 'current' || row.state === 'todo' ? { ...row, state: 'done' } : row;
    if (j === i) return ended ? { ...row, state: 'done', detail: p.step.slice(prefix.length), ...(p.detailZh ? { detailZh: p.detailZh } : {}) } : { ...row, state: 'current' };
    return j === i + 1 && ended && row.state === 'todo' ? { ...row, state: 'current' } : row;
  });
  const bytes = p.bytesTotal !== undefined && i === 0 ? { done: p.bytesDone ?? 0, total: p.bytesTotal } : undefined;
  const textZh = ended ? p.detailZh : p.stepZh;
  return { rows, text: p.step, ...(textZh ? { textZh } : {}), ...(bytes ? { bytes } : {}) };
}

/** The engine's answer: every step, with what it did or that it skipped. */
export function applyResult(m: ImportModel, r: PackImportView): ImportModel {
  const rows = m.rows.map((row) => {
    const s = r.steps.find((x) => x.step === row.name);
    return s ? { name: row.name, state: (s.skipped ? 'skipped' : 'done') as StepState, detail: s.detail, detailZh: s.detailZh } : row;
  });
  return { rows, outcome: 'imported' };
}

/** The import threw: the step it was at failed; those after it never ran. */
export function applyFailure(m: ImportModel): ImportModel {
  const current = m.rows.findIndex((r) => r.state === 'current');
  const at = current >= 0 ? current : m.rows.length - 1;
  const rows = m.rows.map((r, i) => (i === at ? { ...r, state: 'failed' as StepState } : r.state === 'current' ? { ...r, state: 'todo' as StepState } : r));
  return { rows, outcome: 'failed', failedAt: at, ...(m.text ? { text: m.text } : {}), ...(m.textZh ? { textZh: m.textZh } : {}) };
}

/** Bytes as the CLI prints them (`podlab pack import`): MiB with one decimal, labelled MB. */
export function formatMB(n: number): string {
  return `${(n / 1024 ** 2).toFixed(1)} MB`;
}

export function percentOf(done: number, total: number): number {
  return Math.floor((100 * done) / Math.max(total, 1));
}
