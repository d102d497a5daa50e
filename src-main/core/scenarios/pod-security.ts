// SPDX-License-Identifier: Apache-2.0
// podlab's own Pod Security check: the baseline level of the Pod Security Standards
// (k8s.io/pod-security-admission/policy), applied to a lesson's objects before anything is sent,
// so that a lesson or a What-if edit that would reach the node is refused with its file, line and
// field. The run namespaces also enforce baseline (kube/namespaces.ts); this check does not rely on
// the cluster having admission enabled, and it says which field is wrong in the learner's own file.

export interface SecurityFinding {
  /** field path from the document's root */
  path: Array<string | number>;
  message: string;
}

type Obj = Record<string, unknown>;
type Path = Array<string | number>;

/** check_capabilities_baseline.go: the capabilities a baseline container may add. */
const BASELINE_CAPABILITIES = new Set([
  'AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE',
  'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT',
]);

/** check_sysctls.go: the namespaced sysctls baseline allows (as of Kubernetes 1.29). */
const SAFE_SYSCTLS = new Set([
  'kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range', 'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
]);

/** check_seLinuxOptions.go */
const SELINUX_TYPES = new Set(['', 'container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t']);

const BASELINE = 'Pod Security baseline';
const CONTAINER_LISTS = ['initContainers', 'containers', 'ephemeralContainers'] as const;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Where a kind keeps its pod spec: a Pod's own, a controller's template, a CronJob's job's template. */
export function podSpecPaths(kind: string): Path[] {
  switch (kind) {
    case 'Pod': return [['spec']];
    case 'PodTemplate': return [['template', 'spec']];
    case 'CronJob': return [['spec', 'jobTemplate', 'spec', 'template', 'spec']];
    case 'Deployment': case 'ReplicaSet': case 'StatefulSet': case 'DaemonSet': case 'Job': case 'ReplicationController':
      return [['spec', 'template', 'spec']];
    default: return [];
  }
}

function at(root: unknown, path: Path): unknown {
  let cur = root;
  for (const k of path) cur = isObj(cur) || Array.isArray(cur) ? (cur as Record<string | number, unknown>)[k] : undefined;
  return cur;
}

/** Every baseline violation in one Kubernetes object (a Pod or anything with a pod template). */
export function podSecurityFindings(object: Obj): SecurityFinding[] {
  const kind = typeof object.kind === 'string' ? object.kind : '';
  const out: SecurityFinding[] = [];
  for (const specPath of podSpecPaths(kind)) {
    const spec = at(object, specPath);
    if (isObj(spec)) out.push(...podSpecFindings(spec, specPath));
    const meta = at(object, [...specPath.slice(0, -1), 'metadata']);
    if (isObj(meta)) out.push(...appArmorAnnotationFindings(meta, [...specPath.slice(0, -1), 'metadata']));
  }
  return out;
}

function podSpecFindings(spec: Obj, base: Path): SecurityFinding[] {
  const out: SecurityFinding[] = [];
  const hostNamespaces: Array<[string, string]> = [['hostNetwork', 'network'], ['hostPID', 'process (PID)'], ['hostIPC', 'IPC']];
  for (const [field, what] of hostNamespaces) {
    if (spec[field] === true) out.push({ path: [...base, field], message: `a lesson's pod may not share the node's ${what} namespace (${BASELINE})` });
  }
  for (const [i, volume] of list(spec.volumes).entries()) {
    if (isObj(volume) && volume.hostPath !== undefined) {
      out.push({ path: [...base, 'volumes', i, 'hostPath'], message: `a hostPath volume mounts the node's own files; use emptyDir or a ConfigMap (${BASELINE})` });
    }
  }
  if (isObj(spec.securityContext)) out.push(...securityContextFindings(spec.securityContext, [...base, 'securityContext'], 'pod'));
  for (const [i, sysctl] of list(isObj(spec.securityContext) ? spec.securityContext.sysctls : undefined).entries()) {
    const name = isObj(sysctl) ? sysctl.name : undefined;
    if (typeof name !== 'string' || !SAFE_SYSCTLS.has(name)) {
      out.push({ path: [...base, 'securityContext', 'sysctls', i, 'name'], message: `sysctl ${JSON.stringify(name)} is not one of the safe namespaced sysctls (${BASELINE})` });
    }
  }
  for (const listName of CONTAINER_LISTS) {
    for (const [i, c] of list(spec[listName]).entries()) {
      if (isObj(c)) out.push(...containerFindings(c, [...base, listName, i]));
    }
  }
  return out;
}

function containerFindings(c: Obj, base: Path): SecurityFinding[] {
  const out: SecurityFinding[] = [];
  for (const [i, port] of list(c.ports).entries()) {
    if (isObj(port) && port.hostPort !== undefined && port.hostPort !== 0) {
      out.push({ path: [...base, 'ports', i, 'hostPort'], message: `a hostPort opens a port on the node itself; leave it out and use a Service (${BASELINE})` });
    }
  }
  const sc = c.securityContext;
  if (!isObj(sc)) return out;
  const scPath = [...base, 'securityContext'];
  if (sc.privileged === true) out.push({ path: [...scPath, 'privileged'], message: `a privileged container is root on the node (${BASELINE})` });
  if (sc.procMount !== undefined && sc.procMount !== 'Default') out.push({ path: [...scPath, 'procMount'], message: `procMount must be Default (${BASELINE})` });
  for (const [i, cap] of list(isObj(sc.capabilities) ? sc.capabilities.add : undefined).entries()) {
    if (typeof cap !== 'string' || !BASELINE_CAPABILITIES.has(cap.replace(/^CAP_/, ''))) {
      out.push({ path: [...scPath, 'capabilities', 'add', i], message: `capability ${JSON.stringify(cap)} is beyond what baseline allows a container to add (${BASELINE})` });
    }
  }
  out.push(...securityContextFindings(sc, scPath, 'container'));
  return out;
}

/** The settings a pod's and a container's securityContext share. */
function securityContextFindings(sc: Obj, base: Path, level: 'pod' | 'container'): SecurityFinding[] {
  const out: SecurityFinding[] = [];
  if (isObj(sc.windowsOptions) && sc.windowsOptions.hostProcess === true) {
    out.push({ path: [...base, 'windowsOptions', 'hostProcess'], message: `a HostProcess ${level} runs on the node itself (${BASELINE})` });
  }
  for (const profile of ['seccompProfile', 'appArmorProfile'] as const) {
    const p = sc[profile];
    if (isObj(p) && p.type === 'Unconfined') out.push({ path: [...base, profile, 'type'], message: `an Unconfined ${profile} turns off the runtime's confinement (${BASELINE})` });
  }
  const se = sc.seLinuxOptions;
  if (isObj(se)) {
    if (se.type !== undefined && !SELINUX_TYPES.has(String(se.type))) out.push({ path: [...base, 'seLinuxOptions', 'type'], message: `SELinux type ${JSON.stringify(se.type)} is not a container type (${BASELINE})` });
    for (const f of ['user', 'role'] as const) {
      if (se[f] !== undefined && se[f] !== '') out.push({ path: [...base, 'seLinuxOptions', f], message: `a custom SELinux ${f} is not allowed (${BASELINE})` });
    }
  }
  return out;
}

/** The annotation form of AppArmor (before appArmorProfile): only the runtime's default or a local profile. */
function appArmorAnnotationFindings(meta: Obj, base: Path): SecurityFinding[] {
  const out: SecurityFinding[] = [];
  const annotations = isObj(meta.annotations) ? meta.annotations : {};
  for (const [key, value] of Object.entries(annotations)) {
    if (!key.startsWith('container.apparmor.security.beta.kubernetes.io/')) continue;
    if (value !== 'runtime/default' && !(typeof value === 'string' && value.startsWith('localhost/'))) {
      out.push({ path: [...base, 'annotations', key], message: `AppArmor ${JSON.stringify(value)} turns off the runtime's confinement (${BASELINE})` });
    }
  }
  return out;
}
