# shellcheck shell=bash
# Configuration and start/stop of the cluster's host processes.

# ---- host preparation -------------------------------------------------------
prepare_host() {
  mkdir -p "$STATE" "$RUN" "$CONF" "$LOGS" "$STATE/cni/net.d" "$STATE/cni/networks"
  chmod 700 "$STATE"
  # bridge netfilter + forwarding (built into this kernel; modprobe may fail harmlessly)
  modprobe br_netfilter 2>/dev/null || true
  modprobe overlay 2>/dev/null || true
  [ -e /proc/sys/net/bridge/bridge-nf-call-iptables ] || { echo "br_netfilter is not available" >&2; return 1; }
  sysctl -qw net.ipv4.ip_forward=1 net.bridge.bridge-nf-call-iptables=1 net.bridge.bridge-nf-call-ip6tables=1
  [ -e /dev/kmsg ] || ln -s /dev/console /dev/kmsg
  # Safety guard: pods may talk to each other, to services and to this host,
  # but nothing a pod sends may be forwarded off this machine.
  local want have
  want="-N PODLAB-GUARD
-A PODLAB-GUARD -i $BRIDGE -o $BRIDGE -j RETURN
-A PODLAB-GUARD -i $BRIDGE -j REJECT --reject-with icmp-net-unreachable
-A PODLAB-GUARD -s $POD_CIDR ! -d $POD_CIDR -j REJECT --reject-with icmp-net-unreachable"
  have=$(iptables -w -t filter -S PODLAB-GUARD 2>/dev/null || true)
  if [ "$have" != "$want" ]; then
    iptables -w -t filter -N PODLAB-GUARD 2>/dev/null || iptables -w -t filter -F PODLAB-GUARD
    iptables -w -t filter -A PODLAB-GUARD -i "$BRIDGE" -o "$BRIDGE" -j RETURN
    iptables -w -t filter -A PODLAB-GUARD -i "$BRIDGE" -j REJECT --reject-with icmp-net-unreachable
    iptables -w -t filter -A PODLAB-GUARD -s "$POD_CIDR" ! -d "$POD_CIDR" -j REJECT --reject-with icmp-net-unreachable
  fi
  iptables -w -t filter -C FORWARD -j PODLAB-GUARD 2>/dev/null || iptables -w -t filter -I FORWARD 1 -j PODLAB-GUARD
  # Pods must only use cluster DNS; they never see the host's resolver.
  printf 'nameserver %s\noptions ndots:5\n' "$DNS_SERVICE_IP" | write_if_changed "$CONF/resolv.conf" || true
}

# ---- PKI ------------------------------------------------------------------------
gen_cert() { # name CN O SAN(optional: server cert)
  local n=$1 cn=$2 o=$3 san=${4:-}
  [ -s "$PKI/$n.crt" ] && return 0
  local subj="/CN=$cn"; [ -n "$o" ] && subj="/O=$o/CN=$cn"
  openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout "$PKI/$n.key" -out "$PKI/$n.csr" -subj "$subj" 2>/dev/null
  if [ -n "$san" ]; then
    printf 'subjectAltName=%s\nextendedKeyUsage=serverAuth,clientAuth\nkeyUsage=critical,digitalSignature\n' "$san" >"$PKI/$n.ext"
  else
    printf 'extendedKeyUsage=clientAuth\nkeyUsage=critical,digitalSignature\n' >"$PKI/$n.ext"
  fi
  openssl x509 -req -in "$PKI/$n.csr" -CA "$PKI/ca.crt" -CAkey "$PKI/ca.key" -CAcreateserial \
    -days 3650 -out "$PKI/$n.crt" -extfile "$PKI/$n.ext" 2>/dev/null
  rm -f "$PKI/$n.csr" "$PKI/$n.ext"
}

write_kubeconfig() { # name cert-name
  local f=$CONF/$1.kubeconfig n=$2
  local ca crt key
  ca=$(base64 -w0 <"$PKI/ca.crt"); crt=$(base64 -w0 <"$PKI/$n.crt"); key=$(base64 -w0 <"$PKI/$n.key")
  cat <<EOF | write_if_changed "$f" || true
apiVersion: v1
kind: Config
clusters:
- name: podlab-test
  cluster:
    server: https://$NODE_IP:6443
    certificate-authority-data: $ca
users:
- name: $1
  user:
    client-certificate-data: $crt
    client-key-data: $key
contexts:
- name: podlab-test
  context:
    cluster: podlab-test
    user: $1
current-context: podlab-test
EOF
  chmod 600 "$f"
}

setup_pki() {
  mkdir -p "$PKI"; chmod 700 "$PKI"
  if [ ! -s "$PKI/ca.crt" ]; then
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout "$PKI/ca.key" -out "$PKI/ca.crt" -days 3650 \
      -subj "/CN=podlab-test-cluster-ca" -addext "basicConstraints=critical,CA:TRUE" \
      -addext "keyUsage=critical,keyCertSign,cRLSign,digitalSignature" 2>/dev/null
  fi
  gen_cert apiserver kube-apiserver "" \
    "DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.$CLUSTER_DOMAIN,DNS:localhost,DNS:$NODE_NAME,IP:127.0.0.1,IP:$API_SERVICE_IP,IP:$NODE_IP"
  gen_cert admin kubernetes-admin system:masters
  gen_cert controller-manager system:kube-controller-manager ""
  gen_cert scheduler system:kube-scheduler ""
  gen_cert kube-proxy system:kube-proxy ""
  gen_cert kubelet "system:node:$NODE_NAME" system:nodes
  gen_cert apiserver-kubelet-client kube-apiserver-kubelet-client system:masters
  if [ ! -s "$PKI/front-proxy-ca.crt" ]; then
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout "$PKI/front-proxy-ca.key" \
      -out "$PKI/front-proxy-ca.crt" -days 3650 -subj "/CN=front-proxy-ca" -addext "basicConstraints=critical,CA:TRUE" \
      -addext "keyUsage=critical,keyCertSign,cRLSign,digitalSignature" 2>/dev/null
  fi
  if [ ! -s "$PKI/front-proxy-client.crt" ]; then
    openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout "$PKI/front-proxy-client.key" \
      -out "$PKI/front-proxy-client.csr" -subj "/CN=front-proxy-client" 2>/dev/null
    printf 'extendedKeyUsage=clientAuth\nkeyUsage=critical,digitalSignature\n' >"$PKI/front-proxy-client.ext"
    openssl x509 -req -in "$PKI/front-proxy-client.csr" -CA "$PKI/front-proxy-ca.crt" -CAkey "$PKI/front-proxy-ca.key" \
      -CAcreateserial -days 3650 -out "$PKI/front-proxy-client.crt" -extfile "$PKI/front-proxy-client.ext" 2>/dev/null
    rm -f "$PKI/front-proxy-client.csr" "$PKI/front-proxy-client.ext"
  fi
  if [ ! -s "$PKI/sa.key" ]; then
    openssl ecparam -name prime256v1 -genkey -noout -out "$PKI/sa.key" 2>/dev/null
    openssl ec -in "$PKI/sa.key" -pubout -out "$PKI/sa.pub" 2>/dev/null
  fi
  write_kubeconfig admin admin
  write_kubeconfig controller-manager controller-manager
  write_kubeconfig scheduler scheduler
  write_kubeconfig kube-proxy kube-proxy
  write_kubeconfig kubelet kubelet
  write_if_changed "$KUBECONFIG_ADMIN" <"$CONF/admin.kubeconfig" || true
  chmod 600 "$KUBECONFIG_ADMIN"
}

# ---- component configs -------------------------------------------------------------
# Each writes its config and returns 0 if it changed (so a running component
# must be restarted to pick it up).
config_containerd() {
  local changed=1
  mkdir -p "$STATE/containerd/certs.d"
  # Registry hosts point at a closed local port: an image pull can never leave
  # this machine (the HTTP(S)_PROXY set for containerd catches any other registry).
  local reg
  for reg in docker.io registry.k8s.io quay.io gcr.io ghcr.io registry-1.docker.io; do
    printf 'server = "http://127.0.0.1:9"\n\n[host."http://127.0.0.1:9"]\n  capabilities = ["pull", "resolve"]\n' \
      | write_if_changed "$STATE/containerd/certs.d/$reg/hosts.toml" && changed=0
  done
  cat <<EOF | write_if_changed "$CONF/containerd.toml" && changed=0
version = 2
root = "$CTRD_ROOT"
state = "$CTRD_STATE"
disabled_plugins = ["io.containerd.internal.v1.opt", "io.containerd.snapshotter.v1.btrfs", "io.containerd.snapshotter.v1.zfs", "io.containerd.snapshotter.v1.devmapper", "io.containerd.snapshotter.v1.aufs", "io.containerd.tracing.processor.v1.otlp"]

[grpc]
  address = "$CTRD_SOCK"

[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "$PAUSE_IMAGE"
  enable_selinux = false
  # This VM lacks CAP_SYS_RESOURCE, so nothing may lower an oom_score_adj: kubelet
  # asks -998 for every pod sandbox and runc then fails with "can't get final
  # child's PID from pipe: EOF". Clamp container scores to containerd's own (0).
  restrict_oom_score_adj = true
  [plugins."io.containerd.grpc.v1.cri".containerd]
    snapshotter = "overlayfs"
    default_runtime_name = "runc"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
        SystemdCgroup = false
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "/usr/lib/cni"
    conf_dir = "$STATE/cni/net.d"
    max_conf_num = 1
  [plugins."io.containerd.grpc.v1.cri".registry]
    config_path = "$STATE/containerd/certs.d"
EOF
  cat <<EOF | write_if_changed "$STATE/cni/net.d/10-podlab.conflist" && changed=0
{
  "cniVersion": "1.0.0",
  "name": "$CNI_NET",
  "plugins": [
    {
      "type": "bridge",
      "bridge": "$BRIDGE",
      "isGateway": true,
      "ipMasq": false,
      "hairpinMode": true,
      "ipam": {
        "type": "host-local",
        "dataDir": "$STATE/cni/networks",
        "ranges": [[{"subnet": "$POD_CIDR"}]],
        "routes": [{"dst": "0.0.0.0/0"}]
      }
    },
    {"type": "portmap", "capabilities": {"portMappings": true}},
    {"type": "loopback"}
  ]
}
EOF
  return $changed
}

config_kubelet() {
  cat <<EOF | write_if_changed "$CONF/kubelet.yaml"
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
cgroupDriver: cgroupfs
containerRuntimeEndpoint: unix://$CTRD_SOCK
failCgroupV1: false
failSwapOn: false
authentication:
  anonymous: {enabled: false}
  webhook: {enabled: true}
  x509: {clientCAFile: $PKI/ca.crt}
authorization: {mode: Webhook}
clusterDomain: $CLUSTER_DOMAIN
clusterDNS: [$DNS_SERVICE_IP]
resolvConf: $CONF/resolv.conf
imageGCHighThresholdPercent: 100
imageGCLowThresholdPercent: 99
evictionHard: {memory.available: "100Mi", nodefs.available: "1%", imagefs.available: "1%", nodefs.inodesFree: "1%"}
evictionPressureTransitionPeriod: 10s
serializeImagePulls: false
podLogsDir: $STATE/pod-logs
healthzBindAddress: 127.0.0.1
healthzPort: 10248
readOnlyPort: 0
oomScoreAdj: 0    # -999 needs CAP_SYS_RESOURCE, which this VM lacks
EOF
}

config_kube_proxy() {
  cat <<EOF | write_if_changed "$CONF/kube-proxy.yaml"
apiVersion: kubeproxy.config.k8s.io/v1alpha1
kind: KubeProxyConfiguration
clientConnection: {kubeconfig: $CONF/kube-proxy.kubeconfig}
hostnameOverride: $NODE_NAME
mode: iptables
clusterCIDR: $POD_CIDR
bindAddress: 127.0.0.1
healthzBindAddress: 127.0.0.1:10256
metricsBindAddress: 127.0.0.1:10249
conntrack: {maxPerCore: 0, tcpEstablishedTimeout: 0s, tcpCloseWaitTimeout: 0s}
oomScoreAdj: 0
EOF
}

# ---- start functions ------------------------------------------------------------------
# ensure_component NAME CONFIG_CHANGED(0/1) : start NAME unless it is already
# running and healthy with an unchanged config.
ensure_component() {
  local name=$1 changed=$2
  # changed command-line flags count as a changed configuration
  if [ "$(DRY_RUN=1 start_"${name//-/_}")" != "$(cat "$RUN/$name.args" 2>/dev/null)" ]; then changed=0; fi
  if is_running "$name"; then
    if [ "$changed" = 0 ]; then
      log "$name: configuration changed, restarting"
      stop_daemon "$name"
    elif health_"${name//-/_}"; then
      log "$name: already running (pid $(component_pid "$name"))"
      return 0
    else
      log "$name: running but not healthy, restarting"
      stop_daemon "$name"
    fi
  fi
  start_"${name//-/_}"
  wait_for "$name" "$(timeout_for "$name")" health_"${name//-/_}"
  log "$name: ready (pid $(component_pid "$name"))"
}
timeout_for() { case $1 in kubelet) echo 90 ;; kube-apiserver) echo 90 ;; *) echo 60 ;; esac; }

https_ok() { curl -fsS --max-time 3 --cacert "$PKI/ca.crt" --cert "$PKI/admin.crt" --key "$PKI/admin.key" "$1" >/dev/null; }

start_containerd() {
  mkdir -p "$CTRD_ROOT" "$CTRD_STATE" "$(dirname "$CTRD_SOCK")"
  # Any registry access is sent to a closed local port (see config_containerd).
  start_daemon containerd env HTTP_PROXY=http://127.0.0.1:9 HTTPS_PROXY=http://127.0.0.1:9 NO_PROXY= \
    containerd --config "$CONF/containerd.toml"
}
health_containerd() { ctr --address "$CTRD_SOCK" version >/dev/null 2>&1 && ctr --address "$CTRD_SOCK" plugins ls 2>/dev/null | grep -E 'io.containerd.grpc.v1 +cri +.* ok' >/dev/null; }

start_etcd() {
  mkdir -p "$STATE/etcd"; chmod 700 "$STATE/etcd"
  start_daemon etcd etcd --name podlab --data-dir "$STATE/etcd" \
    --listen-client-urls "http://$ETCD_CLIENT" --advertise-client-urls "http://$ETCD_CLIENT" \
    --listen-peer-urls "http://$ETCD_PEER" --initial-advertise-peer-urls "http://$ETCD_PEER" \
    --initial-cluster "podlab=http://$ETCD_PEER" --listen-metrics-urls "" \
    --quota-backend-bytes 2147483648 --snapshot-count 10000
}
health_etcd() { curl -fsS --max-time 2 "http://$ETCD_CLIENT/health" | grep -q '"health":"true"'; }

start_kube_apiserver() {
  start_daemon kube-apiserver "$BIN/kube-apiserver" \
    --advertise-address="$NODE_IP" --bind-address=0.0.0.0 --secure-port=6443 \
    --etcd-servers="http://$ETCD_CLIENT" \
    --service-cluster-ip-range="$SERVICE_CIDR" \
    --client-ca-file="$PKI/ca.crt" --tls-cert-file="$PKI/apiserver.crt" --tls-private-key-file="$PKI/apiserver.key" \
    --kubelet-client-certificate="$PKI/apiserver-kubelet-client.crt" --kubelet-client-key="$PKI/apiserver-kubelet-client.key" \
    --kubelet-preferred-address-types=InternalIP,Hostname \
    --service-account-issuer="https://kubernetes.default.svc.$CLUSTER_DOMAIN" \
    --service-account-key-file="$PKI/sa.pub" --service-account-signing-key-file="$PKI/sa.key" \
    --authorization-mode=Node,RBAC --enable-admission-plugins=NodeRestriction --allow-privileged=true \
    --requestheader-client-ca-file="$PKI/front-proxy-ca.crt" --requestheader-allowed-names=front-proxy-client \
    --requestheader-username-headers=X-Remote-User --requestheader-group-headers=X-Remote-Group \
    --requestheader-extra-headers-prefix=X-Remote-Extra- \
    --proxy-client-cert-file="$PKI/front-proxy-client.crt" --proxy-client-key-file="$PKI/front-proxy-client.key" \
    --profiling=false --v=1
}
health_kube_apiserver() { https_ok "https://127.0.0.1:6443/readyz"; }

start_kube_controller_manager() {
  local k=$CONF/controller-manager.kubeconfig
  start_daemon kube-controller-manager "$BIN/kube-controller-manager" \
    --kubeconfig="$k" --authentication-kubeconfig="$k" --authorization-kubeconfig="$k" \
    --bind-address=127.0.0.1 --secure-port=10257 \
    --service-account-private-key-file="$PKI/sa.key" --root-ca-file="$PKI/ca.crt" \
    --cluster-signing-cert-file="$PKI/ca.crt" --cluster-signing-key-file="$PKI/ca.key" \
    --use-service-account-credentials=true --service-cluster-ip-range="$SERVICE_CIDR" \
    --allocate-node-cidrs=false --leader-elect=false --profiling=false --v=1
}
health_kube_controller_manager() { curl -fsSk --max-time 2 https://127.0.0.1:10257/healthz >/dev/null; }

start_kube_scheduler() {
  local k=$CONF/scheduler.kubeconfig
  start_daemon kube-scheduler "$BIN/kube-scheduler" \
    --kubeconfig="$k" --authentication-kubeconfig="$k" --authorization-kubeconfig="$k" \
    --bind-address=127.0.0.1 --secure-port=10259 --leader-elect=false --profiling=false --v=1
}
health_kube_scheduler() { curl -fsSk --max-time 2 https://127.0.0.1:10259/healthz >/dev/null; }

start_kubelet() {
  mkdir -p "$STATE/kubelet" "$STATE/pod-logs"
  start_daemon kubelet "$BIN/kubelet" \
    --config="$CONF/kubelet.yaml" --kubeconfig="$CONF/kubelet.kubeconfig" \
    --root-dir="$STATE/kubelet" --cert-dir="$STATE/kubelet/pki" \
    --hostname-override="$NODE_NAME" --node-ip="$NODE_IP" --v=1
}
health_kubelet() { curl -fsS --max-time 2 http://127.0.0.1:10248/healthz >/dev/null; }

start_kube_proxy() {
  start_daemon kube-proxy "$BIN/kube-proxy" --config="$CONF/kube-proxy.yaml" --v=1
}
health_kube_proxy() { curl -fsS --max-time 2 http://127.0.0.1:10256/healthz >/dev/null; }
