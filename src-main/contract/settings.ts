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
