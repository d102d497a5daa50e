// SPDX-License-Identifier: Apache-2.0
// The app's settings, as the UI and the CLI see them.

export interface ClusterSettings {
  /** the kind node image; by tag (used as is when Docker has it) or pinned by digest (always pulled) */
  nodeImage: string;
  /** registry host → mirror URL, e.g. { "docker.io": "https://mirror.example.com" } */
  registryMirrors: Record<string, string>;
  /** passed to kind, which hands them to the node's containerd */
  httpProxy: string;
  httpsProxy: string;
  noProxy: string;
}

export interface AppSettings {
  cluster: ClusterSettings;
}

/** One setting changed: a dotted key from AppSettings and its new value; `null` puts the default back. */
export interface SettingChange {
  key: SettingKey;
  value: string | Record<string, string> | null;
}

export type SettingKey = `cluster.${keyof ClusterSettings}`;

/** "docker.io=https://m.example.com, quay.io=…" (commas or new lines) → { registry: url }; the
 *  CLI and the settings form read mirrors the same way. Throws on an entry without "=". */
export function parseRegistryMirrors(text: string): Record<string, string> {
  const mirrors: Record<string, string> = {};
  for (const entry of text.split(/[,\n]/).map((e) => e.trim()).filter(Boolean)) {
    const eq = entry.indexOf('=');
    if (eq <= 0) throw new Error(`cluster.registryMirrors: "${entry}" is not REGISTRY=URL`);
    mirrors[entry.slice(0, eq).trim()] = entry.slice(eq + 1).trim();
  }
  return mirrors;
}
