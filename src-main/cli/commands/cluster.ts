// SPDX-License-Identifier: Apache-2.0
// `podlab cluster up|down|status`: the kind cluster from the command line, with kind's progress.
import type { ClusterView } from '@contract/dto';
import { errorMessage, type Engine } from '../../core';
import type { CliIo } from '../io';

export async function clusterCommand(io: CliIo, engine: Engine, action: string | undefined, opts: { nodeImage?: string } = {}): Promise<number> {
  if (action === 'status') return status(io, engine);
  if (action === 'up') return up(io, engine, opts.nodeImage);
  if (action === 'down') {
    const off = engine.events.on('cluster:progressed', (p) => io.out(`  ${p.step}`));
    try {
      await engine.deleteCluster();
      io.out('deleted');
      return 0;
    } catch (e) {
      io.err(`cluster down failed: ${errorMessage(e)}`);
      return 1;
    } finally {
      off();
    }
  }
  io.err('usage: podlab cluster up [--node-image REF] | down | status');
  return 2;
}

async function status(io: CliIo, engine: Engine): Promise<number> {
  const view = await engine.getCluster();
  io.out(`${view.provider} cluster ${view.name}: ${view.state} (${view.detail})`);
  for (const line of facts(view)) io.out(`  ${line}`);
  for (const c of await engine.preflight()) io.out(`  ${c.ok ? '✓' : '✗'} ${c.id}: ${c.message}${c.fix ? `\n      fix: ${c.fix}` : ''}`);
  return view.state === 'running' ? 0 : 1;
}

async function up(io: CliIo, engine: Engine, nodeImage: string | undefined): Promise<number> {
  if (nodeImage) {
    try {
      await engine.updateSettings({ changes: [{ key: 'cluster.nodeImage', value: nodeImage }] });
      io.out(`node image set to ${nodeImage} (setting cluster.nodeImage)`);
    } catch (e) {
      io.err(`--node-image: ${errorMessage(e)}`);
      return 2;
    }
  }
  const checks = await engine.preflight();
  const failed = checks.filter((c) => !c.ok);
  for (const c of failed) io.err(`✗ ${c.id}: ${c.message}\n    fix: ${c.fix ?? ''}`);
  if (failed.length) return 1;
  const started = Date.now();
  const off = engine.events.on('cluster:progressed', (p) => io.out(`  ${p.fraction === undefined ? '' : `${Math.round(p.fraction * 100)}% `}${p.step}`));
  try {
    const view = await engine.ensureCluster();
    io.out(`${view.provider} cluster ${view.name}: ${view.state} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    for (const line of facts(view)) io.out(`  ${line}`);
    return 0;
  } catch (e) {
    const failure = (await engine.getCluster()).lastFailure;
    io.err(`cluster up failed: ${errorMessage(e)}`);
    if (failure?.output) io.err(failure.output);
    if (failure?.logsDir) io.err(`the node's logs: ${failure.logsDir}`);
    return 1;
  } finally {
    off();
  }
}

function facts(view: ClusterView): string[] {
  const lines: string[] = [];
  if (view.nodeImage) lines.push(`node image: ${view.nodeImage}`);
  if (view.kubernetesVersion) lines.push(`Kubernetes: ${view.kubernetesVersion}`);
  if (view.nodeReady !== undefined) lines.push(`node: ${view.nodeReady ? 'Ready' : 'not Ready'}`);
  if (view.apiHealthy !== undefined) lines.push(`API server: ${view.apiHealthy ? 'answers' : 'does not answer'}`);
  if (view.images) {
    const { present, loaded, missing } = view.images;
    lines.push(`images: ${loaded.length} loaded, ${present.length} already in the node${missing.length ? `, not in Docker (the kubelet will pull them): ${missing.join(', ')}` : ''}`);
  }
  return lines;
}
