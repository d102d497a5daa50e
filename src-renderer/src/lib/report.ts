// SPDX-License-Identifier: Apache-2.0
// Export of one run: a self-contained HTML report (the timeline as drawn, verdicts, events, manifests,
// logs, versions) and the same data as JSON.
import type { RunDetail, ScenarioDetail } from '@contract/dto';

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
      expectations: scenario.expectations,
      verdicts: run.verdicts,
      timeline: run.observations,
      events: run.observations.filter((o) => o.kind === 'event'),
      logs: run.logs,
    },
    null,
    2,
  );
}

/** `timelineSvg` is the live SVG's markup and `css` the page's styles, so the report looks as the screen did. */
export function runHtml(run: RunDetail, scenario: ScenarioDetail, timelineSvg: string, css: string, lang: 'en' | 'zh'): string {
  const verdicts = run.verdicts
    .map((v) => {
      const e = scenario.expectations.find((x) => x.id === v.expectationId);
      const w = v.window ? `[${secs(v.window.lo)}, ${secs(v.window.hi)}]` : '';
      return `<tr class="${v.state}"><td>${v.state === 'pass' ? '✓' : v.state === 'fail' ? '✗' : '…'}</td><td>${esc(v.expectationId)}</td><td>${w}</td><td>${esc(e?.explain[lang] ?? '')}</td><td>${esc(v.detail)}</td></tr>`;
    })
    .join('\n');
  const events = run.observations
    .filter((o) => o.kind === 'event')
    .map((o) => (o.kind === 'event' ? `<tr><td>${secs(o.t)}</td><td>${esc(o.type)}</td><td>${esc(o.reason)}</td><td>${esc(o.object)}</td><td>${esc(o.message)}${o.count > 1 ? ` (x${o.count})` : ''}</td></tr>` : ''))
    .join('\n');
  const manifests = Object.entries(run.manifests)
    .map(([name, text]) => `<h3>${esc(name)}</h3><pre>${esc(text)}</pre>`)
    .join('\n');
  const logs = run.logs.map((l) => `<h3>${esc(`${l.pod}/${l.container}${l.previous ? ' (previous)' : ''}`)}</h3><pre>${esc(l.text)}</pre>`).join('\n');
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>${esc(scenario.title[lang])} — podlab run ${esc(run.id)}</title>
<style>${css}
body{font-family:system-ui,sans-serif;margin:2rem;max-width:1200px} table{border-collapse:collapse;width:100%} td,th{border-bottom:1px solid #ddd;padding:.2rem .5rem;text-align:left;vertical-align:top} .fail td:first-child{color:#b91c1c} .pass td:first-child{color:#15803d} pre{background:#f4f4f5;padding:.6rem;overflow:auto}</style></head>
<body>
<h1>${esc(scenario.title[lang])}</h1>
<p>${esc(scenario.summary[lang])}</p>
<dl><dt>Run</dt><dd>${esc(run.id)} — <strong>${esc(run.status)}</strong>${run.error ? ` (${esc(run.error)})` : ''}</dd>
<dt>Started</dt><dd>${esc(run.startedAt)}${run.endedAt ? ` — ended ${esc(run.endedAt)}` : ''}</dd>
<dt>Cluster</dt><dd>${esc(run.cluster)}, Kubernetes ${esc(run.serverVersion ?? 'unknown')}, namespace ${esc(run.namespace)}</dd>
<dt>Source</dt><dd>${esc(scenario.source.note)} §${esc(scenario.source.section)}</dd></dl>
<h2>Expected and observed</h2><table><thead><tr><th></th><th>expectation</th><th>window</th><th>why</th><th>observed</th></tr></thead><tbody>${verdicts}</tbody></table>
<h2>Timeline</h2>${timelineSvg}
<h2>Events</h2><table><thead><tr><th>t</th><th>type</th><th>reason</th><th>object</th><th>message</th></tr></thead><tbody>${events}</tbody></table>
<h2>Manifests</h2>${manifests}
<h2>Container logs</h2>${logs || '<p>none</p>'}
<script type="application/json" id="podlab-run">${runJson(run, scenario).replace(/</g, '\\u003c')}</script>
</body></html>`;
}

export function download(name: string, type: string, content: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The page's own CSS, inlined into the report. */
export function pageCss(): string {
  const out: string[] = [];
  for (const sheet of Array.from(document.styleSheets)) {
    try {
      for (const rule of Array.from(sheet.cssRules)) out.push(rule.cssText);
    } catch {
      /* a cross-origin sheet: not ours */
    }
  }
  return out.join('\n');
}
