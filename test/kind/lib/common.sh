# shellcheck shell=bash
# Shared settings for test/kind (a Docker daemon + kind, offline, in its own
# network namespace). Builds on test/cluster/lib/common.sh for the helpers
# (log, phase, run_logged, write_if_changed, need_root, ...) and for the
# Kubernetes binaries and image tarballs that the test cluster builds.

KIND_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=../../cluster/lib/common.sh
source "$KIND_DIR/../cluster/lib/common.sh"

# ---- what we take from the test cluster (never written to by test/kind) ----
TC_CACHE=$CACHE                    # /var/cache/podlab-test-cluster
TC_BIN=$BIN                        # its kube-* binaries, kubelet, kubectl v1.34.4
TC_IMAGES_DIR=$IMAGES_DIR          # its workload/pause/coredns image tarballs
TC_K8S_BUILD=$TC_CACHE/build/k8s-$K8S_VERSION   # its k8s.io/kubernetes wrapper module

# ---- our own locations --------------------------------------------------------
# PODLAB_KIND_NAME names one harness instance: its netns, /run dir, cgroup
# parent, state and log dirs. A second instance (e.g. podlab-kind2) can run
# beside the first, sharing the build cache.
KIND_NAME=${PODLAB_KIND_NAME:-podlab-kind}
[[ $KIND_NAME =~ ^podlab-kind[a-z0-9-]{0,20}$ ]] || { echo "PODLAB_KIND_NAME must match podlab-kind[a-z0-9-]*" >&2; exit 2; }
STATE=${PODLAB_KIND_STATE:-/var/lib/$KIND_NAME}
CACHE=${PODLAB_KIND_CACHE:-/var/cache/podlab-kind}
LOGS=${PODLAB_KIND_LOGS:-/var/log/$KIND_NAME}
for _d in "$STATE" "$CACHE" "$LOGS"; do
  case ${_d%/} in
    /*/*) ;;
    *) echo "refusing PODLAB_KIND_* directory '$_d': must be an absolute path at least two levels deep" >&2; exit 2 ;;
  esac
  case ${_d%/} in
    /var/lib|/var/cache|/var/log|/var/tmp|/usr/*|/home/*|/root/*|/etc/*|/var/lib/docker|/var/lib/containerd|/var/lib/podlab-test-cluster|/var/cache/podlab-test-cluster|/var/log/podlab-test-cluster)
      echo "refusing PODLAB_KIND_* directory '$_d'" >&2; exit 2 ;;
  esac
done
unset _d
RUN=/run/$KIND_NAME               # sockets, pid files, dockerd exec root (tmpfs)
NETNS=$KIND_NAME
CGROUP_PARENT=$KIND_NAME           # docker's containers: /sys/fs/cgroup/<controller>/$KIND_NAME/<id>
NETNS_PATH=/run/netns/$NETNS
DOCKER_ROOT=$STATE/docker          # dockerd --data-root
DOCKER_EXEC_ROOT=$RUN/docker       # dockerd --exec-root
DOCKER_SOCK=$RUN/docker.sock
DOCKER_PIDFILE=$RUN/docker.pid
DOCKER_HOST_URL=unix://$DOCKER_SOCK
export PODLAB_CLUSTER_FAIL_AT=${PODLAB_KIND_FAIL_AT:-}   # phase() test hook

# ---- versions -------------------------------------------------------------------
KIND_VERSION=v0.30.0
CONTAINERD_VERSION=${PODLAB_KIND_CONTAINERD_VERSION:-v2.1.9}  # newest 2.1.x on the Go proxy (kind v0.30.0 ships 2.1.4)
RUNC_VERSION=${PODLAB_KIND_RUNC_VERSION:-v1.3.7}              # newest 1.3.x on the Go proxy (kind v0.30.0 ships 1.3.0)
CRICTL_VERSION=v1.34.0          # kind ships v1.33.0, which the proxy does not serve
CNI_VERSION=v1.7.1
ETCD_VERSION=v3.6.5             # kubeadm 1.34.4: registry.k8s.io/etcd:3.6.5-0
ETCD_IMAGE=registry.k8s.io/etcd:3.6.5-0
NODE_IMAGE=kindest/node:$K8S_VERSION-podlab

KBIN=$CACHE/bin
KIND_BIN=$KBIN/kind-$KIND_VERSION/kind
CONTAINERD_BIN=$KBIN/containerd-$CONTAINERD_VERSION
RUNC_BIN=$KBIN/runc-$RUNC_VERSION/runc
CRICTL_BIN=$KBIN/crictl-$CRICTL_VERSION/crictl
CNI_BIN=$KBIN/cni-$CNI_VERSION
CNI_PLUGINS=(host-local loopback ptp bridge portmap)
ETCD_BIN=$KBIN/etcd-$ETCD_VERSION
KUBEADM_BIN=$KBIN/kubeadm-$K8S_VERSION/kubeadm
KIND_IMAGES=$CACHE/images          # control-plane image tarballs, the node image tarball
KIND_MOD=$(go env GOMODCACHE 2>/dev/null || echo /root/go/pkg/mod)/sigs.k8s.io/kind@$KIND_VERSION

# Run a command against the harness's dockerd (the socket is reachable from the
# host's network namespace too: it is a unix socket).
dk() { DOCKER_HOST=$DOCKER_HOST_URL docker "$@"; }
dockerd_pid() {
  local pid
  [ -f "$DOCKER_PIDFILE" ] || return 1
  pid=$(cat "$DOCKER_PIDFILE")
  [ -n "$pid" ] && [ -d "/proc/$pid" ] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "--exec-root $DOCKER_EXEC_ROOT" || return 1
  echo "$pid"
}
dockerd_healthy() { timeout 10 env DOCKER_HOST=$DOCKER_HOST_URL docker info --format '{{.ServerVersion}}' >/dev/null 2>&1; }
netns_exists() { [ -e "$NETNS_PATH" ] && ip netns list 2>/dev/null | grep -qw "^$NETNS"; }
