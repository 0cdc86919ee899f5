#!/usr/bin/env bash
# kubectl acceptance, part 2: real kubectl against the FULL embedded cluster (kube-scheduler, kube-controller-manager,
# simulated kubelets and kube-proxies, kubeadm addons) named by $KUBECONFIG, nodes $CLUSTER-control-plane,
# $CLUSTER-worker, $CLUSTER-worker2. Each check runs one kubectl invocation and greps its output for kubectl's exact
# text: rollout status/history/undo, drain (PDB respected, DaemonSet pods left, emptyDir pods), logs, events written by
# the scheduler, controllers and kubelets, top without metrics-server, and kubeadm's kube-system pods.
set -uo pipefail
CLUSTER="${CLUSTER:-kubelab}"
CP="$CLUSTER-control-plane"; W1="$CLUSTER-worker"; W2="$CLUSTER-worker2"
TMP="$(mktemp -d)"; trap 'rm -rf "$TMP"' EXIT

# check, absent, count
source "$(cd "$(dirname "${BASH_SOURCE[0]}")/../../../../scripts" && pwd)/kubectl-checks.sh"

cat >"$TMP/cache.yaml" <<'Y'
apiVersion: apps/v1
kind: Deployment
metadata: {name: cache}
spec:
  replicas: 3
  selector: {matchLabels: {app: cache}}
  template:
    metadata: {labels: {app: cache}}
    spec:
      containers:
      - {name: redis, image: "redis:7", volumeMounts: [{name: scratch, mountPath: /data}]}
      volumes:
      - {name: scratch, emptyDir: {}}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: cache}
spec:
  minAvailable: 3
  selector: {matchLabels: {app: cache}}
Y

# ---- what kubeadm and kind create (static pods become Ready once their component answers)
check "nodes Ready"                     "^$W2 +Ready +<none>"                   -- kubectl get nodes
check "control-plane role"              "^$CP +Ready +control-plane"            -- kubectl get nodes
check "kube-system pods Ready"          "condition met"                          -- kubectl wait --for=condition=Ready pods --all -n kube-system --timeout=120s
check "etcd static pod"                 "^etcd-$CP +1/1 +Running"               -- kubectl get pods -n kube-system
check "kube-apiserver static pod"       "^kube-apiserver-$CP +1/1 +Running"     -- kubectl get pods -n kube-system
check "kube-controller-manager pod"     "^kube-controller-manager-$CP +1/1 +Running" -- kubectl get pods -n kube-system
check "kube-scheduler static pod"       "^kube-scheduler-$CP +1/1 +Running"     -- kubectl get pods -n kube-system
count "kube-proxy pod per node"   3     "^kube-proxy-[a-z0-9]{5} +1/1 +Running" -- kubectl get pods -n kube-system
count "two coredns pods Running"  2     "^coredns-[a-z0-9]+-[a-z0-9]{5} +1/1 +Running" -- kubectl get pods -n kube-system
check "kube-proxy DaemonSet"            "^kube-proxy +3 +3 +3 +3 +3 +kubernetes.io/os=linux" -- kubectl get ds -n kube-system
check "coredns Deployment"              "^coredns +2/2 +2 +2"                   -- kubectl get deploy -n kube-system
check "static pod command"              "--leader-elect=true"                    -- kubectl get pod -n kube-system "kube-scheduler-$CP" -o jsonpath='{.spec.containers[0].command}'

# ---- rollout status / history / undo
check "create deployment"               "deployment.apps/web created"            -- kubectl create deployment web --image=nginx:1.25 --replicas=3
check "rollout status"                  "deployment \"web\" successfully rolled out" -- kubectl rollout status deploy/web --timeout=90s
check "set image"                       "deployment.apps/web image updated"      -- kubectl set image deploy/web nginx=nginx:1.26
check "rollout status after update"     "deployment \"web\" successfully rolled out" -- kubectl rollout status deploy/web --timeout=90s
check "rollout history header"          "^REVISION +CHANGE-CAUSE"                -- kubectl rollout history deploy/web
check "rollout history revision 2"      "^2 +<none>"                             -- kubectl rollout history deploy/web
check "rollout history --revision"      "Image:	nginx:1.26"                     -- kubectl rollout history deploy/web --revision=2
check "two ReplicaSets"                 "^web-[a-z0-9]+ +0 +0 +0"                -- kubectl get rs -l app=web
check "rollout undo"                    "deployment.apps/web rolled back"        -- kubectl rollout undo deploy/web
check "rollout status after undo"       "deployment \"web\" successfully rolled out" -- kubectl rollout status deploy/web --timeout=90s
check "undo restored the image"         "^nginx:1.25$"                           -- kubectl get deploy web -o jsonpath='{.spec.template.spec.containers[0].image}'
check "history after undo: revision 3"  "^3 +<none>"                             -- kubectl rollout history deploy/web
absent "history after undo: 1 reused"   "^1 +<none>"                             -- kubectl rollout history deploy/web
check "revision annotation"             "^3$"                                    -- kubectl get deploy web -o jsonpath='{.metadata.annotations.deployment\.kubernetes\.io/revision}'

# ---- logs: the kubelet's honest simulated log
check "logs deploy/"                    "Found 3 pods, using pod/web-"           -- kubectl logs deploy/web
check "logs say simulated"              "no process runs"                        -- kubectl logs deploy/web
check "logs name the node"              "simulated by node $CLUSTER-worker2?"    -- kubectl logs deploy/web
check "logs of unknown container"       "error: container bogus is not valid for pod"  -- kubectl logs deploy/web -c bogus

# ---- events from kube-scheduler, kube-controller-manager and the kubelets
check "events header"                   "^LAST SEEN +TYPE +REASON +OBJECT +MESSAGE" -- kubectl get events
check "Scheduled (kube-scheduler)"      "Normal +Scheduled +pod/web-[a-z0-9]+-[a-z0-9]{5} +Successfully assigned default/web-[a-z0-9]+-[a-z0-9]{5} to $CLUSTER-worker" -- kubectl get events
check "SuccessfulCreate (replicaset)"   "Normal +SuccessfulCreate +replicaset/web-[a-z0-9]+ +Created pod: web-" -- kubectl get events
check "ScalingReplicaSet (deployment)"  "Normal +ScalingReplicaSet +deployment/web +Scaled up replica set web-[a-z0-9]+ (to|from)" -- kubectl get events
check "Pulled (kubelet)"                "Normal +Pulled +pod/web-[a-z0-9]+-[a-z0-9]{5} +(Successfully pulled image \"nginx:1.2[56]\"|Container image \"nginx:1.2[56]\" already present on machine)" -- kubectl get events
check "Started (kubelet)"               "Normal +Started +pod/web-[a-z0-9]+-[a-z0-9]{5} +Started container nginx" -- kubectl get events
check "events by field selector"        "Scheduled"                              -- kubectl get events --field-selector reason=Scheduled
check "describe pod events"             "default-scheduler +Successfully assigned" -- kubectl describe pods -l app=web

# ---- top without metrics-server
check "top node without metrics-server" "^error: Metrics API not available$"     -- kubectl top node
check "top pod without metrics-server"  "^error: Metrics API not available$"     -- kubectl top pod

# ---- drain: PDB respected, emptyDir needs its flag, DaemonSet pods left, pods rescheduled elsewhere
check "deployment with emptyDir + PDB"  "poddisruptionbudget.policy/cache created" -- kubectl apply -f "$TMP/cache.yaml"
check "cache rolled out"                "deployment \"cache\" successfully rolled out" -- kubectl rollout status deploy/cache --timeout=90s
check "PDB allows no disruption"        "^cache +3 +N/A +0 "                     -- kubectl get pdb cache
# pin one cache pod to the worker we drain, so the PDB and emptyDir checks always have a pod to act on
CACHE_POD="$(kubectl get pods -l app=cache -o jsonpath="{.items[?(@.spec.nodeName=='$W1')].metadata.name}" | awk '{print $1}')"
if [ -z "$CACHE_POD" ]; then
  kubectl cordon "$W2" >/dev/null; kubectl delete pod -l app=cache --wait=true >/dev/null
  kubectl rollout status deploy/cache --timeout=90s >/dev/null; kubectl uncordon "$W2" >/dev/null
  CACHE_POD="$(kubectl get pods -l app=cache -o jsonpath="{.items[?(@.spec.nodeName=='$W1')].metadata.name}" | awk '{print $1}')"
fi
check "a cache pod on $W1"              "^cache-"                                -- echo "$CACHE_POD"
check "drain refuses emptyDir pods"     "cannot delete Pods with local storage \(use --delete-emptydir-data to override\): default/cache-" -- kubectl drain "$W1" --ignore-daemonsets --timeout=10s
check "drain cordoned the node"         "^$W1 +Ready,SchedulingDisabled"         -- kubectl get nodes
# one drain while the PDB allows no disruption: kubectl retries the 429 every 5 s until its --timeout
kubectl drain "$W1" --ignore-daemonsets --delete-emptydir-data --timeout=7s >"$TMP/blocked.txt" 2>&1
check "drain blocked by the PDB"        "error when evicting pods/\"$CACHE_POD\" -n \"default\" \(will retry after 5s\): Cannot evict pod as it would violate the pod's disruption budget." -- cat "$TMP/blocked.txt"
check "drain gives up at --timeout"     "global timeout reached: 7s"             -- cat "$TMP/blocked.txt"
check "the PDB-protected pod stayed"    "^$CACHE_POD +1/1 +Running"              -- kubectl get pods -l app=cache
check "PDB relaxed"                     "poddisruptionbudget.policy/cache patched" -- kubectl patch pdb cache --type=merge -p '{"spec":{"minAvailable":2}}'
check "drain ignores DaemonSet pods"    "Warning: ignoring DaemonSet-managed Pods: kube-system/kube-proxy-[a-z0-9]{5}" -- kubectl drain "$W1" --ignore-daemonsets --delete-emptydir-data --timeout=90s
check "drain finished"                  "node/$W1 drained"                       -- kubectl drain "$W1" --ignore-daemonsets --delete-emptydir-data --timeout=90s
count "only kube-proxy left on $W1" 1   "^kube-system +kube-proxy-"              -- kubectl get pods -A --field-selector "spec.nodeName=$W1" --no-headers
count "nothing else left on $W1"    0   "^default "                              -- kubectl get pods -A --field-selector "spec.nodeName=$W1" --no-headers
check "cache back to 3 replicas"        "deployment \"cache\" successfully rolled out" -- kubectl rollout status deploy/cache --timeout=90s
count "cache pods rescheduled on $W2" 3 "^cache-[a-z0-9]+-[a-z0-9]{5} +1/1 +Running +0 +[0-9a-z]+ +[0-9.]+ +$W2 " -- kubectl get pods -l app=cache -o wide --no-headers
count "web pods rescheduled on $W2"   3 "^web-[a-z0-9]+-[a-z0-9]{5} +1/1 +Running +0 +[0-9a-z]+ +[0-9.]+ +$W2 "   -- kubectl get pods -l app=web -o wide --no-headers
check "evicted pod is gone"             "pods \"$CACHE_POD\" not found"          -- kubectl get pod "$CACHE_POD"
check "uncordon"                        "node/$W1 uncordoned"                    -- kubectl uncordon "$W1"
check "node schedulable again"          "^$W1 +Ready +<none>"                    -- kubectl get nodes

echo "kubectl acceptance (cluster): $PASS passed, $FAIL failed"
[ "$FAIL" -eq 0 ]
