// SPDX-License-Identifier: Apache-2.0
// The `podlab` command line: scenarios, runs, the kind cluster, and kubectl's pod columns.
// Start-up is the cost of this file's static imports, so they stay light (node: built-ins, tiny
// helpers): each command is imported when it is the one asked for, and only the commands that need
// the engine import it (issue #11: `podlab --help` in well under 0.3 s).
import { createWriteStream } from 'node:fs';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createLineLogger, errorMessage, type Engine } from '../core';
import { parseServeFlags } from './commands/serve-flags';
import { processIo, type CliIo } from './io';
import { defaultDataDir, defaultScenariosDir, scenarioListCacheFile } from './paths';

const USAGE = `usage:
  podlab scenarios list [--json]
  podlab scenarios validate [path ...]
  podlab run <scenario-id> [--variation NAME] [--kubeconfig FILE] [--context NAME] [--json]
  podlab verify --all | <scenario-id> ... [--variations] [--runs N] [--parallel N] [--kubeconfig FILE] [--context NAME]
  podlab cluster up [--node-image REF] | down | status
  podlab settings [list] | set KEY VALUE | unset KEY
  podlab pack build [--out FILE] [--scenarios DIR ...] [--kind FILE] [--node-image REF]
  podlab pack import FILE | verify FILE | status [--json]
  podlab print-pod <file|-> [--now ISO-8601] [--json]
  podlab serve [--port N] [--host ADDR [--insecure]] [--new-token] [--kubeconfig FILE] [--context NAME]
options: --scenarios DIR (default: the app's scenarios/), --data DIR (default: $APP_DATA_DIR or ~/.local/share/podlab)`;

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        all: { type: 'boolean', default: false },
        variations: { type: 'boolean', default: false },
        variation: { type: 'string' },
        kubeconfig: { type: 'string' },
        context: { type: 'string' },
        now: { type: 'string' },
        scenarios: { type: 'string', multiple: true },
        out: { type: 'string' },
        kind: { type: 'string' },
        data: { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        insecure: { type: 'boolean', default: false },
        'new-token': { type: 'boolean', default: false },
        'node-image': { type: 'string' },
        parallel: { type: 'string' },
        runs: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    io.err(`${errorMessage(e)}\n${USAGE}`);
    return 2;
  }
  const { values: v, positionals: [command, sub, ...rest] } = parsed;
  if (v.help || !command) {
    io.out(USAGE);
    return v.help ? 0 : 2;
  }
  if (v.scenarios && v.scenarios.length > 1 && !(command === 'pack' && sub === 'build')) return usage(io, 'only pack build takes more than one --scenarios');
  const scenariosDir = v.scenarios?.[0] ?? defaultScenariosDir();
  const dataDir = v.data ?? defaultDataDir();
  const kubeconfig = v.kubeconfig ?? process.env.APP_KUBECONFIG;

  if (command === 'scenarios' && sub === 'list') return (await import('./commands/scenarios-list')).scenariosList(io, scenariosDir, v.json, scenarioListCacheFile(dataDir));
  if (command === 'scenarios' && sub === 'validate') return (await import('./commands/scenarios-validate')).scenariosValidate(io, rest, scenariosDir);
  if (command === 'print-pod') {
    if (!sub) return usage(io, 'print-pod needs a file (or - for standard input)');
    return (await import('./commands/print-pod')).printPodCommand(io, sub, v.now, v.json);
  }
  const engineCommand = command === 'run' || command === 'verify' || command === 'cluster' || command === 'serve' || command === 'settings' || command === 'pack';
  if (!engineCommand) return usage(io, `unknown command: ${[command, sub].filter(Boolean).join(' ')}`);
  if (command === 'run' && !sub) return usage(io, 'run needs a scenario id (see `podlab scenarios list`)');
  const verifyIds = command === 'verify' ? [sub, ...rest].filter((x): x is string => Boolean(x)) : [];
  if (command === 'verify' && v.all === (verifyIds.length > 0)) return usage(io, 'verify needs --all or scenario ids (one of the two)');
  const parallel = v.parallel === undefined ? Infinity : Number(v.parallel);
  if (!(parallel === Infinity || (Number.isInteger(parallel) && parallel >= 1))) return usage(io, `--parallel: "${v.parallel}" is not a whole number ≥ 1`);
  const runs = v.runs === undefined ? 1 : Number(v.runs);
  if (!(Number.isInteger(runs) && runs >= 1)) return usage(io, `--runs: "${v.runs}" is not a whole number ≥ 1`);
  if (command === 'cluster' && kubeconfig) return usage(io, 'cluster up|down|status manage the kind cluster; leave out --kubeconfig');
  if (command === 'pack' && kubeconfig && sub !== 'verify') return usage(io, 'a lab pack sets up podlab’s own kind cluster; leave out --kubeconfig');

  const serve = command === 'serve' ? parseServeFlags({ ...v, newToken: v['new-token'] }) : undefined;
  if (serve && !serve.ok) return usage(io, serve.message);

  mkdirSync(join(dataDir, 'logs'), { recursive: true });
  const logFile = createWriteStream(join(dataDir, 'logs', 'engine.log'), { flags: 'a' });
  const log = createLineLogger((l) => logFile.write(`${l}\n`), process.env.APP_LOG_LEVEL === 'debug' ? 'debug' : 'info');
  let engine: Engine | undefined;
  try {
    // The engine is loaded only by the commands that need it (client-node and the rest cost
    // ~120 MB), and of the commands only the one asked for.
    const { Engine } = await import('./lazy-engine');
    engine = await Engine.create({ dataDir, scenariosDir, ...(kubeconfig ? { kubeconfig } : {}), ...(v.context ? { context: v.context } : {}), log });
    if (command === 'cluster') return await (await import('./commands/cluster')).clusterCommand(io, engine, sub, v['node-image'] ? { nodeImage: v['node-image'] } : {});
    if (command === 'settings') return await (await import('./commands/settings')).settingsCommand(io, engine, sub, rest);
    if (command === 'pack') {
      const opts = { scenariosDirs: v.scenarios ?? [scenariosDir], json: v.json, dataDir, ...(v.out ? { out: v.out } : {}), ...(v.kind ? { kind: v.kind } : {}), ...(v['node-image'] ? { nodeImage: v['node-image'] } : {}) };
      return await (await import('./commands/pack')).packCommand(io, engine, sub, rest, opts);
    }
    if (serve?.ok) {
      const { serveCommand } = await import('./commands/serve');
      void engine.recover().catch(() => {});
      return await serveCommand(io, engine, { ...serve.flags, dataDir });
    }
    const recovered = await engine.recover();
    if (recovered.interrupted.length) io.err(`cleaned up ${recovered.interrupted.length} run(s) interrupted earlier: ${recovered.namespacesDeleted.join(', ') || 'no namespaces left'}`);
    const { runCommand, verifyAll } = await import('./commands/run');
    if (command === 'run') return await runCommand(io, engine, sub!, v.json, v.variation);
    return await verifyAll(io, engine, { parallel, variations: v.variations === true, runs, ...(verifyIds.length ? { only: verifyIds } : {}) });
  } catch (e) {
    io.err(`podlab: ${errorMessage(e)}`);
    return 1;
  } finally {
    await engine?.close();
    logFile.end();
  }
}

function usage(io: CliIo, message: string): number {
  io.err(`${message}\n${USAGE}`);
  return 2;
}
