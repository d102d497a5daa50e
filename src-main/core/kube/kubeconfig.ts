// SPDX-License-Identifier: Apache-2.0
// A kubeconfig read for podlab's own HTTPS client: the context's server, TLS material and
// credentials (client certificate, bearer token or token file, basic auth, impersonation), with
// relative paths taken from the file's folder as kubectl does. Auth that runs code or talks to an
// identity provider (`exec`, `auth-provider`) and a `proxy-url` are left to client-node, which
// implements them: `clientNodeNeededFor` says why.
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { AppError, errorMessage } from '../util/errors';

export interface KubeTarget {
  context: string;
  server: URL;
  tls: { ca?: Buffer; cert?: Buffer; key?: Buffer; rejectUnauthorized: boolean; servername?: string };
  /** Authorization and Impersonate-* headers; a token file is read again on each call, as it may be rotated */
  authHeaders(): Record<string, string | string[]>;
}

export type KubeconfigRead = { target: KubeTarget } | { clientNodeNeededFor: string };

type Named<T> = { name?: unknown } & { [k: string]: T | unknown };
type Fields = Record<string, unknown>;

/** `source` names the file in messages; `baseDir` anchors its relative paths (none for text from a command). */
export function readKubeconfig(text: string, source: string, options: { context?: string; baseDir?: string } = {}): KubeconfigRead {
  const config = parseKubeconfig(text, source);
  const contextName = options.context ?? stringField(config, 'current-context');
  const contexts = namedList(config, 'contexts', 'context');
  if (!contextName) throw new AppError('KUBE_NO_CLUSTER', `${source} has no current-context, and no context was given`);
  const context = contexts.get(contextName);
  if (!context) {
    throw new AppError('KUBE_CONTEXT_UNKNOWN', `no context "${contextName}" in ${source} (has: ${[...contexts.keys()].join(', ') || 'none'})`);
  }
  const clusterName = stringField(context, 'cluster');
  const cluster = clusterName ? namedList(config, 'clusters', 'cluster').get(clusterName) : undefined;
  if (!cluster || !stringField(cluster, 'server')) throw new AppError('KUBE_NO_CLUSTER', `${source}: context "${contextName}" names no cluster with a server`);
  const userName = stringField(context, 'user');
  const user = (userName && namedList(config, 'users', 'user').get(userName)) || {};

  for (const key of ['exec', 'auth-provider'] as const) if (user[key]) return { clientNodeNeededFor: `user "${userName}" authenticates with ${key}` };
  if (cluster['proxy-url']) return { clientNodeNeededFor: `cluster "${clusterName}" is reached through proxy-url` };

  const file = fileReader(source, options.baseDir);
  let server: URL;
  try {
    server = new URL(stringField(cluster, 'server')!);
  } catch {
    throw new AppError('KUBECONFIG_INVALID', `${source}: cluster "${clusterName}" has a server that is not a URL: ${stringField(cluster, 'server')}`);
  }
  const tls: KubeTarget['tls'] = {
    ca: material(cluster, 'certificate-authority', file),
    cert: material(user, 'client-certificate', file),
    key: material(user, 'client-key', file),
    rejectUnauthorized: cluster['insecure-skip-tls-verify'] !== true,
    ...(stringField(cluster, 'tls-server-name') ? { servername: stringField(cluster, 'tls-server-name') } : {}),
  };
  return { target: { context: contextName, server, tls, authHeaders: authHeaders(user, file) } };
}

function parseKubeconfig(text: string, source: string): Fields {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const error = doc.errors[0];
  if (error) {
    const at = lines.linePos(error.pos[0]);
    throw new AppError('KUBECONFIG_INVALID', `${source}:${at.line}:${at.col}: ${error.message.split('\n')[0]}`);
  }
  const value: unknown = doc.toJS({ maxAliasCount: 100 });
  if (!isFields(value)) throw new AppError('KUBECONFIG_INVALID', `${source}: not a kubeconfig (expected a mapping with clusters, users and contexts)`);
  return value;
}

/** `clusters: [{name, cluster: {...}}]` as a map from name to the inner mapping. */
function namedList(config: Fields, list: string, inner: string): Map<string, Fields> {
  const out = new Map<string, Fields>();
  const items = config[list];
  if (!Array.isArray(items)) return out;
  for (const item of items as Array<Named<Fields>>) {
    const body = item?.[inner];
    if (typeof item?.name === 'string' && isFields(body)) out.set(item.name, body);
  }
  return out;
}

function authHeaders(user: Fields, file: FileReader): () => Record<string, string | string[]> {
  const token = stringField(user, 'token');
  const tokenFile = stringField(user, 'tokenFile');
  const username = stringField(user, 'username');
  const password = stringField(user, 'password') ?? '';
  const impersonate: Record<string, string | string[]> = {};
  if (stringField(user, 'as')) impersonate['Impersonate-User'] = stringField(user, 'as')!;
  if (stringField(user, 'as-uid')) impersonate['Impersonate-Uid'] = stringField(user, 'as-uid')!;
  const groups = user['as-groups'];
  if (Array.isArray(groups) && groups.length) impersonate['Impersonate-Group'] = groups.map(String);
  return () => {
    const bearer = token ?? (tokenFile ? file(tokenFile, 'tokenFile').toString('utf8').trim() : undefined);
    if (bearer) return { ...impersonate, Authorization: `Bearer ${bearer}` };
    if (username) return { ...impersonate, Authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}` };
    return impersonate;
  };
}

type FileReader = (path: string, field: string) => Buffer;

function fileReader(source: string, baseDir: string | undefined): FileReader {
  return (path, field) => {
    const full = isAbsolute(path) || !baseDir ? path : resolve(baseDir, path);
    try {
      return readFileSync(full);
    } catch (e) {
      throw new AppError('KUBECONFIG_FILE', `${source}: cannot read ${field} ${full}: ${errorMessage(e)}`);
    }
  };
}

/** `<field>-data` (base64) wins over `<field>` (a file), as in kubectl. */
function material(fields: Fields, field: string, file: FileReader): Buffer | undefined {
  const data = stringField(fields, `${field}-data`);
  if (data) return Buffer.from(data, 'base64');
  const path = stringField(fields, field);
  return path ? file(path, field) : undefined;
}

function stringField(fields: Fields, key: string): string | undefined {
  const v = fields[key];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function isFields(v: unknown): v is Fields {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The folder a kubeconfig file's relative paths are taken from. */
export const kubeconfigDir = (file: string) => dirname(resolve(file));
