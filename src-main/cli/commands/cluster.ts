// SPDX-License-Identifier: Apache-2.0
// `podlab cluster up|down|status`: the kind provider from the command line.
import type { Engine } from '../../core/engine';
import type { CliIo } from '../io';

export async function clusterCommand(io: CliIo, engine: Engine, action: string | undefined): Promise<number> {
  if (action === 'status') {
    const view = await engine.getCluster();
    io.out(`${view.provider} cluster ${view.name}: ${view.state} (${view.detail})`);
    for (const c of await engine.preflight()) io.out(`  ${c.ok ? '✓' : '✗'} ${c.id}: ${c.message}${c.fix ? `\n      fix: ${c.fix}` : ''}`);
    return view.state === 'running' ? 0 : 1;
  }
  if (action === 'up') {
    const checks = await engine.preflight();
    const failed = checks.filter((c) => !c.ok);
    for (const c of failed) io.err(`✗ ${c.id}: ${c.message}\n    fix: ${c.fix ?? ''}`);
    if (failed.length) return 1;
    const off = engine.events.on('cluster:progressed', (p) => io.out(`  ${p.fraction === undefined ? '' : `${Math.round(p.fraction * 100)}% `}${p.step}`));
    try {
      const view = await engine.ensureCluster();
      io.out(`${view.provider} cluster ${view.name}: ${view.state}`);
      return 0;
    } catch (e) {
      const failure = (await engine.getCluster()).lastFailure;
      io.err(`cluster up failed: ${(e as Error).message}`);
      if (failure?.output) io.err(failure.output);
      return 1;
    } finally {
      off();
    }
  }
  if (action === 'down') {
    await engine.deleteCluster();
    io.out('deleted');
    return 0;
  }
  io.err('usage: podlab cluster up|down|status');
  return 2;
}
