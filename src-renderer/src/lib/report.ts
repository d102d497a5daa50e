// SPDX-License-Identifier: Apache-2.0
// Export of one run: a self-contained HTML report (the timeline as drawn, verdicts, events, manifests,
// logs, versions) and the same data as JSON. Pure (no DOM), so it is unit-tested; report-download.ts saves it.
import type { RunDetail, ScenarioDetail } from '@contract/dto';
import { runErrorText, runStatusText, verdictDetail } from './words';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const secs = (ms: number | undefined) => (ms === undefined ? '' : `${(ms / 1000).toFixed(1)} s`);

export function runJson(run: RunDetail, scenario: ScenarioDetail): string {
  return JSON.stringify(
    {
      format: 'podlab-run/v1',
      run: { id: run.id, status: run.status, error: run.error, startedAt: run.startedAt, endedAt: run.endedAt, namespace: run.namespace },
      cluster: { name: run.cluster, kubernetesVersion: run.serverVersion },
      scenario: { id: scenario.id, version: run.scenarioVersion, title: scenario.title, source: scenario.source },
      params: run.params,
      manifests: run.manifests,
      ...(run.variation ? { variation: run.variation } : {}),
      expectations: run.expectations ?? scenario.expectations,
      verdicts: run.verdicts,
      timeline: run.observations,
      events: run.observations.filter((o) => o.kind === 'event'),
      logs: run.logs,
    },
    null,
    2,
  );
}

/** The report's own words, in the UI's language. */
const WORDS = {
  en: { run: 'Run', started: 'Started', ended: 'ended', cluster: 'Cluster', source: 'Source', expectedObserved: 'Expected and observed', expectation: 'expectation', window: 'window', why: 'why', observed: 'observed', timeline: 'Timeline', events: 'Events', type: 'type', reason: 'reason', object: 'object', message: 'message', manifests: 'Manifests', logs: 'Container logs', noLogs: 'none: the run recorded no container log', previous: 'previous', logError: 'the API server gave no log', namespace: 'namespace', unknown: 'unknown' },
  zh: { run: '运行', started: '开始', ended: '结束于', cluster: '集群', source: '出处', expectedObserved: '预期与观察', expectation: '预期', window: '时间窗', why: '原因', observed: '观察', timeline: '时间线', events: '事件', type: '类型', reason: '原因', object: '对象', message: '消息', manifests: '清单', logs: '容器日志', noLogs: '无：这次运行没有记录容器日志', previous: '上一个实例', logError: 'API 服务器没有给出日志', namespace: '命名空间', unknown: '未知' },
} as const;

/** `timelineSvg` is the live SVG's markup and `css` the page's styles, so the report looks as the screen did. */
export function runHtml(run: RunDetail, scenario: ScenarioDetail, timelineSvg: string, css: string, lang: 'en' | 'zh'): string {
  const w = WORDS[lang];
  const verdicts = run.verdicts
    .map((v) => {
      const e = (run.expectations ?? scenario.expectations).find((x) => x.id === v.expectationId);
      const span = v.window ? `[${secs(v.window.lo)}, ${secs(v.window.hi)}]` : '';
      return `<tr class="${v.state}"><td>${v.state === 'pass' ? '✓' : v.state === 'fail' ? '✗' : '…'}</td><td>${esc(v.expectationId)}</td><td>${span}</td><td>${esc(e?.explain[lang] ?? '')}</td><td>${esc(verdictDetail(v, lang))}</td></tr>`;
    })
    .join('\n');
  const events = run.observations
    .filter((o) => o.kind === 'event')
    .map((o) => (o.kind === 'event' ? `<tr><td>${secs(o.t)}</td><td>${esc(o.type)}</td><td>${esc(o.reason)}</td><td>${esc(o.object)}</td><td>${esc(o.message)}${o.count > 1 ? ` (x${o.count})` : ''}</td></tr>` : ''))
    .join('\n');
  const manifests = Object.entries(run.manifests)
    .map(([name, text]) => `<h3>${esc(name)}</h3><pre>${esc(text)}</pre>`)
    .join('\n');
  const logs = run.logs.map((l) => `<h3>${esc(`${l.pod}/${l.container}${l.previous ? ` (${w.previous})` : ''}`)}</h3>${l.error ? `<p class="log-error">${w.logError}: ${esc(l.error)}</p>` : `<pre>${esc(l.text)}</pre>`}`).join('\n');
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>${esc(scenario.title[lang])} — podlab run ${esc(run.id)}</title>
<style>${css}
body{font-family:system-ui,'Noto Sans CJK SC',sans-serif;margin:2rem;max-width:1200px} table{border-collapse:collapse;width:100%} td,th{border-bottom:1px solid #8884;padding:.2rem .5rem;text-align:left;vertical-align:top} .fail td:first-child{color:#dc2626} .pass td:first-child{color:#16a34a} pre{background:#8882;padding:.6rem;overflow:auto;color:inherit}</style></head>
<body>
<h1>${esc(scenario.title[lang])}</h1>
<p>${esc(scenario.summary[lang])}</p>
<dl><dt>${w.run}</dt><dd>${esc(run.id)} — <strong>${esc(runStatusText(run.status, lang))}</strong>${run.error ? ` (${esc(runErrorText(run.error, lang))})` : ''}</dd>
<dt>${w.started}</dt><dd>${esc(run.startedAt)}${run.endedAt ? ` — ${w.ended} ${esc(run.endedAt)}` : ''}</dd>
<dt>${w.cluster}</dt><dd>${esc(run.cluster)}, Kubernetes ${esc(run.serverVersion ?? w.unknown)}, ${w.namespace} ${esc(run.namespace)}</dd>
<dt>${w.source}</dt><dd>${esc(scenario.source.note)} §${esc(scenario.source.section)}</dd></dl>
<h2>${w.expectedObserved}</h2><table><thead><tr><th></th><th>${w.expectation}</th><th>${w.window}</th><th>${w.why}</th><th>${w.observed}</th></tr></thead><tbody>${verdicts}</tbody></table>
<h2>${w.timeline}</h2>${timelineSvg}
<h2>${w.events}</h2><table><thead><tr><th>t</th><th>${w.type}</th><th>${w.reason}</th><th>${w.object}</th><th>${w.message}</th></tr></thead><tbody>${events}</tbody></table>
<h2>${w.manifests}</h2>${manifests}
<h2>${w.logs}</h2>${logs || `<p>${w.noLogs}</p>`}
<script type="application/json" id="podlab-run">${runJson(run, scenario).replace(/</g, '\\u003c')}</script>
</body></html>`;
}
