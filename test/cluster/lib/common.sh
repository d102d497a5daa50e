# shellcheck shell=bash
# Shared settings and helpers for the podlab test cluster scripts.
# Sourced by up, down, status, kubeconfig, images, selftest, restart-apiserver.

set -euo pipefail

CLUSTER_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# ---- versions -------------------------------------------------------------
K8S_VERSION=${PODLAB_K8S_VERSION:-v1.34.4}      # newest 1.34 patch on the Go proxy (checked 2026-11-21)
COREDNS_VERSION=${PODLAB_COREDNS_VERSION:-v1.12.1} # the CoreDNS kubeadm 1.34 ships
PAUSE_IMAGE=registry.k8s.io/pause:3.10.1
COREDNS_IMAGE=registry.k8s.io/coredns/coredns:${COREDNS_VERSION}

# ---- locations --------------------------------------------------------------
STATE=${PODLAB_CLUSTER_STATE:-/var/lib/podlab-test-cluster}
CACHE=${PODLAB_CLUSTER_CACHE:-/var/cache/podlab-test-cluster}
LOGS=${PODLAB_CLUSTER_LOGS:-/var/log/podlab-test-cluster}
for _d in "$STATE" "$CACHE" "$LOGS"; do
  # `down` deletes $STATE: refuse anything that is not a dedicated absolute directory.
  case ${_d%/} in
    /*/*) ;;
    *) echo "refusing PODLAB_CLUSTER_* directory '$_d': must be an absolute path at least two levels deep" >&2; exit 2 ;;
  esac
  case ${_d%/} in
    /var/lib|/var/cache|/var/log|/var/tmp|/usr/local|/usr/lib|/usr/share|/home/*|/root/go|/root/.cache|/etc/*)
      case ${_d%/} in /home/*/*|/etc/*/*) ;; *) echo "refusing PODLAB_CLUSTER_* directory '$_d'" >&2; exit 2 ;; esac ;;
  esac
done
unset _d
RUN=$STATE/run                     # pid files, sockets
PKI=$STATE/pki
CONF=$STATE/conf
KUBECONFIG_ADMIN=$STATE/admin.kubeconfig
BIN=$CACHE/bin/k8s-$K8S_VERSION
COREDNS_BIN=$CACHE/bin/coredns-$COREDNS_VERSION/coredns
PAUSE_BIN=$CACHE/bin/pause-$K8S_VERSION/pause
IMAGES_DIR=$CACHE/images
KUBECTL=$BIN/kubectl

CTRD_SOCK=$RUN/containerd/containerd.sock
CTRD_ROOT=$STATE/containerd/root
CTRD_STATE=$RUN/containerd/state

# ---- networks (must not clash with the VM's 192.0.2.0/24) ------------------
POD_CIDR=10.88.0.0/16
SERVICE_CIDR=10.96.0.0/16
API_SERVICE_IP=10.96.0.1
DNS_SERVICE_IP=10.96.0.10
CLUSTER_DOMAIN=cluster.local
BRIDGE=podlab0
CNI_NET=podlab-pods
ETCD_CLIENT=127.0.0.1:12379   # not 2379: a distro etcd may own that
ETCD_PEER=127.0.0.1:12380

NODE_NAME=$(hostname | tr '[:upper:]' '[:lower:]')
node_ip() {
  # Address of the interface holding the default route (no packet is sent).
  local ip
  ip=$(ip -4 route get 192.0.2.255 2>/dev/null | sed -n 's/.* src \([0-9.]*\).*/\1/p' | head -n1)
  if [ -z "$ip" ]; then
    ip=$(ip -4 -o addr show scope global | awk '{print $4}' | cut -d/ -f1 | head -n1)
  fi
  [ -n "$ip" ] || die "cannot determine the node IP"
  echo "$ip"
}

# Every component, in start order.
COMPONENTS=(containerd etcd kube-apiserver kube-controller-manager kube-scheduler kubelet kube-proxy)

export GOTOOLCHAIN=local
# Go caches stay at their defaults (~/.cache/go-build, ~/go/pkg/mod) unless GOCACHE/GOMODCACHE are set
export PATH=/usr/local/go/bin:$PATH:/usr/local/sbin:/usr/sbin:/sbin

# ---- output helpers ---------------------------------------------------------
log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

PHASE_TIMES=()
# phase NAME CMD... : run CMD, print how long it took; on failure show the
# output and propagate the failure.
phase() {
  local name=$1; shift
  local t0 t1 rc=0
  t0=$(date +%s.%N)
  log "phase $name: start"
  set +e
  if [ "${PODLAB_CLUSTER_FAIL_AT:-}" = "$name" ]; then
    # test hook: make this phase fail to exercise the failure path
    echo "phase $name: failing on purpose (PODLAB_CLUSTER_FAIL_AT=$name)" >&2; rc=97
  else
    ( trap - ERR; set -e; "$@" )
    rc=$?
  fi
  set -e
  t1=$(date +%s.%N)
  local dt
  dt=$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.1f", b-a}')
  if [ $rc -ne 0 ]; then
    log "phase $name: FAILED after ${dt}s (exit $rc)"
    PHASE_TIMES+=("$(printf '%-28s %8ss  FAILED' "$name" "$dt")")
    return $rc
  fi
  log "phase $name: done in ${dt}s"
  PHASE_TIMES+=("$(printf '%-28s %8ss' "$name" "$dt")")
}
print_phase_times() {
  [ ${#PHASE_TIMES[@]} -gt 0 ] || return 0
  echo "---- phase timings ----" >&2
  printf '%s\n' "${PHASE_TIMES[@]}" >&2
}

# run_logged LOGFILE CMD... : run a (build) command with its output in LOGFILE;
# on failure print the last lines of that output.
run_logged() {
  local lf=$1; shift
  mkdir -p "$(dirname "$lf")"
  if ! "$@" >"$lf" 2>&1; then
    echo "---- last 60 lines of $lf ----" >&2
    tail -n 60 "$lf" >&2
    echo "---- end of $lf ----" >&2
    return 1
  fi
}

# write_if_changed FILE : write stdin to FILE if its content differs.
# Returns 0 if the file changed, 1 if it was already identical.
write_if_changed() {
  local f=$1 tmp
  mkdir -p "$(dirname "$f")"
  tmp=$(mktemp "$f.XXXXXX")
  cat >"$tmp"
  if [ -f "$f" ] && cmp -s "$tmp" "$f"; then
    rm -f "$tmp"; return 1
  fi
  mv -f "$tmp" "$f"; return 0
}

# ---- process helpers --------------------------------------------------------
pidfile() { echo "$RUN/$1.pid"; }
component_pid() {
  local pf; pf=$(pidfile "$1")
  [ -f "$pf" ] || return 1
  local pid; pid=$(cat "$pf")
  [ -n "$pid" ] && [ -d "/proc/$pid" ] || return 1
  # make sure the pid was not recycled: its command line must mention the binary
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "$(component_binary_name "$1")" || return 1
  echo "$pid"
}
component_binary_name() {
  case $1 in
    etcd) echo etcd ;;
    *) echo "$1" ;;
  esac
}
is_running() { component_pid "$1" >/dev/null; }

# start_daemon NAME CMD... : start CMD detached in its own session, log to
# $LOGS/NAME.log (appending), record its pid.
start_daemon() {
  local name=$1; shift
  # DRY_RUN=1: only print the command line (used to detect changed flags)
  if [ "${DRY_RUN:-0}" = 1 ]; then printf '%s\n' "$*"; return 0; fi
  mkdir -p "$LOGS" "$RUN"
  printf '%s\n' "$*" >"$RUN/$name.args"
  printf '\n===== %s starting %s: %s\n' "$(date -u +%FT%TZ)" "$name" "$*" >>"$LOGS/$name.log"
  # No proxy settings may leak into cluster components.
  env -u http_proxy -u https_proxy -u HTTP_PROXY -u HTTPS_PROXY -u no_proxy -u NO_PROXY -u all_proxy -u ALL_PROXY \
    setsid "$@" >>"$LOGS/$name.log" 2>&1 </dev/null 9>&- &
  local pid=$!
  echo "$pid" >"$(pidfile "$name")"
  wait_until_execed "$name" "$pid"
}

# The pid start_daemon recorded is still a live process (not a zombie). While a process execs,
# /proc/PID/cmdline reads empty for a moment (the new mm has no arguments yet), so component_pid
# alone once called a starting kubelet "exited" with an empty log; a daemon that really died is gone
# or a zombie.
started_process_alive() {
  local pid state
  pid=$(cat "$(pidfile "$1")" 2>/dev/null) || return 1
  [ -n "$pid" ] && state=$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null) || return 1
  [ -n "$state" ] && [ "$state" != Z ]
}

# Until the forked shell has exec'd, /proc/PID/cmdline is this script's own
# command line, so component_pid would call a starting daemon "exited". On a
# loaded 2-core machine wait_for's first look once came before the exec (CI,
# stop 17: "kube-controller-manager exited" with an empty log). Wait for the
# exec, or for the child to really be gone, for at most 10 s.
wait_until_execed() {
  local name=$1 pid=$2 i
  for ((i = 0; i < 100; i++)); do
    [ -d "/proc/$pid" ] || return 0
    is_running "$name" && return 0
    sleep 0.1
  done
}

# kube-apiserver finishes its graceful shutdown (stops listening, drains
# in-flight requests) in well under a second, but then lingers up to ~60s on
# open watch connections; give it 5s.
stop_timeout() { case $1 in kube-apiserver) echo 5 ;; *) echo 20 ;; esac; }

# stop_daemon NAME [TIMEOUT] : SIGTERM, wait, then SIGKILL.
stop_daemon() {
  local name=$1 timeout=${2:-$(stop_timeout "$1")} pid i
  pid=$(component_pid "$name") || { rm -f "$(pidfile "$name")"; return 0; }
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < timeout * 10; i++)); do
    [ -d "/proc/$pid" ] || break
    sleep 0.1
  done
  if [ -d "/proc/$pid" ]; then
    [ "$name" = kube-apiserver ] || log "$name did not stop in ${timeout}s, killing it"
    kill -KILL "$pid" 2>/dev/null || true
    sleep 0.2
  fi
  rm -f "$(pidfile "$name")"
}

show_log_tail() {
  local name=$1 n=${2:-40}
  [ -f "$LOGS/$name.log" ] || return 0
  echo "---- last $n lines of $LOGS/$name.log ----" >&2
  tail -n "$n" "$LOGS/$name.log" >&2
  echo "---- end of $name log ----" >&2
}

# wait_for NAME TIMEOUT CMD... : poll CMD until it succeeds; the component
# must stay alive meanwhile.
wait_for() {
  local name=$1 timeout=$2; shift 2
  local deadline=$(( $(date +%s) + timeout ))
  while true; do
    if "$@" >/dev/null 2>&1; then return 0; fi
    if [ "$name" != - ] && ! is_running "$name" && ! started_process_alive "$name"; then
      log "$name exited"
      show_log_tail "$name" 60
      return 1
    fi
    if [ "$(date +%s)" -ge "$deadline" ]; then
      log "timed out after ${timeout}s waiting for $name"
      [ "$name" != - ] && show_log_tail "$name" 60
      return 1
    fi
    sleep 0.3
  done
}

kc() { "$KUBECTL" --kubeconfig "$KUBECONFIG_ADMIN" "$@"; }

need_root() { [ "$(id -u)" = 0 ] || die "must run as root"; }

# ---- Debian packages ----------------------------------------------------------
DEB_PACKAGES=(containerd runc containernetworking-plugins etcd-server iptables conntrack
  debootstrap busybox-static gcc libc6-dev openssl curl iproute2 kmod ca-certificates
  util-linux mount tar coreutils findutils procps make bzip2 xz-utils)

ensure_packages() {
  local missing=() p
  for p in "${DEB_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' || missing+=("$p")
  done
  if ! command -v go >/dev/null; then die "Go toolchain not found (expected /usr/local/go/bin/go)"; fi
  [ ${#missing[@]} -eq 0 ] && { log "all Debian packages present"; return 0; }
  log "installing Debian packages: ${missing[*]}"
  # Do not let package scripts start daemons (etcd, containerd) on their own.
  local prc=/usr/sbin/policy-rc.d created=0
  if [ ! -e $prc ]; then printf '#!/bin/sh\nexit 101\n' >$prc; chmod +x $prc; created=1; fi
  local rc=0
  { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"; } \
    >"$LOGS/apt.log" 2>&1 || rc=$?
  [ $created = 1 ] && rm -f $prc
  if [ $rc -ne 0 ]; then tail -n 40 "$LOGS/apt.log" >&2; return $rc; fi
}
