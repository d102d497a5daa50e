// SPDX-License-Identifier: Apache-2.0
// The exported report: in the UI's language, and a log the API server did not give is said, not "none".
import type { RunDetail, ScenarioDetail } from '@contract/dto';
import { describe, expect, it } from 'vitest';
import { runHtml } from '../../src-renderer/src/lib/report';

const scenario = {
  id: 'demo',
  title: { en: 'Demo', zh: '演示' },
  summary: { en: 'A demo', zh: '一个演示' },
  source: { note: 'n.txt', section: '1' },
  expectations: [],
} as unknown as ScenarioDetail;

const run = (logs: RunDetail['logs']): RunDetail => ({
  id: 'r1', scenarioId: 'demo', scenarioVersion: 1, namespace: 'podlab-r1', cluster: 'lab', startedAt: 'x', status: 'passed', edits: [],
  observations: [], verdicts: [], logs, params: {}, manifests: {},
});

describe('runHtml', () => {
  it('writes its headings in the language of the UI', () => {
    const zh = runHtml(run([]), scenario, '<svg></svg>', '', 'zh');
    for (const h of ['预期与观察', '时间线', '事件', '清单', '容器日志']) expect(zh).toContain(`<h2>${h}</h2>`);
    expect(zh).not.toMatch(/<h2>(Timeline|Events|Manifests|Container logs)<\/h2>/);
    expect(runHtml(run([]), scenario, '', '', 'en')).toContain('<h2>Container logs</h2><p>none: the run recorded no container log</p>');
  });

  it('quotes the verdicts and the run status in the language of the UI', () => {
    const detail = { ...run([]), verdicts: [{ expectationId: 'ready', state: 'pass' as const, detail: 'Ready=True at 3.2 s', detailZh: 'Ready=True 在 3.2 秒成立' }] };
    const zh = runHtml(detail, scenario, '', '', 'zh');
    expect(zh).toContain('<td>Ready=True 在 3.2 秒成立</td>');
    expect(zh).toContain('<strong>通过</strong>');
    expect(runHtml(detail, scenario, '', '', 'en')).toContain('<td>Ready=True at 3.2 s</td>');
  });

  it('says why a log is missing instead of an empty block', () => {
    const html = runHtml(run([{ pod: 'web', container: 'c', previous: true, text: '', error: 'previous terminated container "c" not found' }]), scenario, '', '', 'en');
    expect(html).toContain('<h3>web/c (previous)</h3><p class="log-error">the API server gave no log: previous terminated container &quot;c&quot; not found</p>');
  });
});
