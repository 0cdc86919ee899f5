NAME = "10-cluster-upgrade"


CELLS = [
md("""
# 10. 클러스터 업그레이드

## 학습 목표
- kubeadm 업그레이드 순서를 설명하고 실행한다: `kubeadm upgrade plan` → `kubeadm upgrade apply`(컨트롤 플레인) → 노드마다 `drain` → kubelet 업그레이드 → `uncordon`.
- 마이너 버전을 **한 번에 하나씩만** 올려야 하는 이유와 버전 스큐(version skew) 정책을 안다.
- 업그레이드 중에도 워크로드가 계속 서비스되게 하는 방법(drain, PodDisruptionBudget, 레플리카 분산)을 안다.
""", """
# 10. Cluster upgrade

## Learning goals
- Explain and carry out kubeadm's upgrade order: `kubeadm upgrade plan` → `kubeadm upgrade apply` (control plane) → per node `drain` → upgrade the kubelet → `uncordon`.
- Know why minor versions go up **one at a time**, and the version-skew policy.
- Keep workloads serving during the upgrade (drain, PodDisruptionBudgets, replicas spread over nodes).
"""),
md("""
이번에는 한 단계 낮은 버전으로 클러스터를 띄웁니다.
""", """
This time the cluster starts one minor version behind.
"""),
code("%cluster up --version v1.30.0"),
code("""
%kubectl version
%kubectl get nodes
"""),
md("""
## 버전 스큐 정책

업그레이드 도중에는 컴포넌트마다 버전이 잠시 달라집니다. 쿠버네티스가 허용하는 차이는 정해져 있습니다(kube-apiserver 버전 기준).

| 컴포넌트 | 허용 범위 |
|---|---|
| kube-apiserver (HA일 때 서로) | 마이너 1개 차이까지 |
| kube-controller-manager, kube-scheduler | apiserver와 같거나 1개 낮게, 높으면 안 됨 |
| kubelet, kube-proxy | apiserver보다 최대 3개 낮게(1.28부터, 그전엔 2개), 높으면 안 됨 |
| kubectl | apiserver ±1 |

그래서 순서는 **항상 컨트롤 플레인 먼저, 노드는 나중에** 이고, kubeadm은 마이너 버전을 건너뛰는 업그레이드(1.30 → 1.32)를 거부합니다.

업그레이드 전에 할 일: **etcd 스냅샷 백업**(09), 릴리스 노트에서 제거되는 API 확인, 애드온(CNI 등) 호환성 확인.

업그레이드 중에도 서비스가 끊기지 않도록 워크로드를 준비합니다. 레플리카 4개와, 언제나 2개 이상은 떠 있어야 한다는 **PodDisruptionBudget** 입니다. `kubectl drain` 은 파드를 Eviction API로 내보내는데, PDB를 어기게 되는 축출은 API 서버가 `429` 로 거부하고 drain은 잠시 후 재시도합니다.
""", """
## The version-skew policy

During an upgrade, components briefly run different versions. Kubernetes allows a fixed skew, relative to kube-apiserver:

| component | allowed |
|---|---|
| kube-apiserver (between HA instances) | within 1 minor version |
| kube-controller-manager, kube-scheduler | same as the apiserver or 1 older, never newer |
| kubelet, kube-proxy | up to 3 minors older (since 1.28; 2 before), never newer |
| kubectl | apiserver ±1 |

Hence the order is **always the control plane first, nodes after**, and kubeadm refuses to skip a minor version (1.30 → 1.32).

Before upgrading: an **etcd snapshot** (notebook 09), a look at the release notes for removed APIs, add-on (CNI, …) compatibility.

Prepare the workload so it keeps serving during the upgrade: four replicas and a **PodDisruptionBudget** saying at least two must run. `kubectl drain` evicts pods through the Eviction API; an eviction that would break the PDB is refused with `429` and drain retries a little later.
"""),
code("""
%%apply
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 4
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
spec:
  minAvailable: 2
  selector:
    matchLabels: {app: web}
"""),
code("""
%kubectl rollout status deployment/web --timeout=30s
%kubectl get pods -l app=web -o wide
"""),
md("""
## 1단계: 계획

`kubeadm upgrade plan` 은 현재 버전, 올라갈 수 있는 버전, 컴포넌트별 현재/목표 버전 표를 보여 줍니다. 실제 서버에서는 그 전에 kubeadm 패키지 자체를 목표 버전으로 올립니다(예: `apt-get install -y kubeadm=1.31.4-1.1`; 요즘의 `pkgs.k8s.io` 저장소는 마이너 버전마다 따로라서 저장소 주소도 바꿉니다).
""", """
## Step 1: plan

`kubeadm upgrade plan` shows the current version, the versions you can go to, and each component's current and target version. On a real server you first upgrade the kubeadm package itself to the target (e.g. `apt-get install -y kubeadm=1.31.4-1.1`; the `pkgs.k8s.io` repositories are per minor version, so the repository line changes too).
"""),
code("%kubeadm upgrade plan"),
md("""
마이너 버전을 건너뛰려 하면 거부됩니다(의도된 실패).
""", """
Skipping a minor version is refused (an expected failure).
"""),
fails("%kubeadm upgrade apply v1.32.0"),
md("""
## 2단계: 컨트롤 플레인 업그레이드

`kubeadm upgrade apply` 는 첫 번째 컨트롤 플레인 노드에서 실행합니다. 사전 점검 → 인증서 갱신 → etcd, kube-apiserver, kube-controller-manager, kube-scheduler 의 스태틱 파드 매니페스트를 하나씩 새 버전으로 교체(kubelet이 재시작) → kube-proxy, CoreDNS 애드온 업그레이드. HA라면 나머지 컨트롤 플레인 노드에서는 `kubeadm upgrade node` 를 실행합니다.
""", """
## Step 2: upgrade the control plane

`kubeadm upgrade apply` runs on the first control-plane node: preflight checks → certificate renewal → the static-pod manifests of etcd, kube-apiserver, kube-controller-manager and kube-scheduler replaced one at a time with the new version (the kubelet restarts each) → the kube-proxy and CoreDNS add-ons upgraded. In HA, the other control-plane nodes run `kubeadm upgrade node`.
"""),
code("%kubeadm upgrade apply v1.31.4"),
code("""
%kubectl version
%kubectl get nodes
%kubectl get pods -n kube-system -l tier=control-plane -o custom-columns=NAME:.metadata.name,IMAGE:.spec.containers[0].image
"""),
md("""
API 서버는 v1.31.4지만 `kubectl get nodes` 의 VERSION(=kubelet 버전)은 아직 v1.30.0 입니다. 스큐 정책이 허용하는 상태이고, 워크로드는 그대로 돌고 있습니다.

## 3단계: 노드마다 kubelet 업그레이드

노드 하나씩:
1. `kubectl drain NODE --ignore-daemonsets` — 노드를 cordon(스케줄 금지)하고 파드를 축출. DaemonSet 파드는 어차피 노드에 묶여 있으니 무시하고, 미러(스태틱) 파드는 건드리지 않습니다.
2. 노드에서: `kubeadm upgrade node` → kubelet·kubectl 패키지 업그레이드 → `systemctl daemon-reload && systemctl restart kubelet`
3. `kubectl uncordon NODE` — 다시 스케줄 가능.

이 실습에서는 2번을 `%kubeadm upgrade node NODE` 가 대신합니다. 컨트롤 플레인 노드부터 합니다.
""", """
The API server is at v1.31.4, but `kubectl get nodes` still shows VERSION (the kubelet's) v1.30.0 — allowed by the skew policy, and the workload keeps running.

## Step 3: the kubelet, node by node

One node at a time:
1. `kubectl drain NODE --ignore-daemonsets` — cordon the node (no new pods) and evict its pods. DaemonSet pods belong to the node anyway and are skipped; mirror (static) pods are left alone.
2. On the node: `kubeadm upgrade node` → upgrade the kubelet and kubectl packages → `systemctl daemon-reload && systemctl restart kubelet`.
3. `kubectl uncordon NODE` — schedulable again.

Here `%kubeadm upgrade node NODE` stands in for step 2. The control-plane node goes first.
"""),
code("""
%kubectl drain kubelab-control-plane --ignore-daemonsets
%kubeadm upgrade node kubelab-control-plane
%kubectl uncordon kubelab-control-plane
"""),
md("""
drain 없이 노드를 업그레이드하려 하면 거부됩니다(의도된 실패). 실행 중인 파드를 끊지 않기 위한 안전장치입니다.
""", """
Upgrading a node that was not drained is refused (an expected failure): a safety net against cutting off running pods.
"""),
fails("%kubeadm upgrade node kubelab-worker"),
code("""
%kubectl drain kubelab-worker --ignore-daemonsets --delete-emptydir-data --timeout=60s
%kubectl get pods -l app=web -o wide
"""),
md("""
`kubelab-worker` 의 web 파드가 축출되고 레플리카셋이 `kubelab-worker2` 에 다시 만들었습니다. PDB 덕분에 그동안에도 2개 이상은 떠 있었습니다. 이제 kubelet을 올리고 노드를 되돌립니다.
""", """
The web pods on `kubelab-worker` were evicted and the ReplicaSet recreated them on `kubelab-worker2`; thanks to the PDB at least two kept running throughout. Now upgrade the kubelet and put the node back.
"""),
code("""
%kubeadm upgrade node kubelab-worker
%kubectl uncordon kubelab-worker
%kubectl get nodes
"""),
md("""
## ✏️ 연습 문제 10-upgrade-worker2

마지막 노드 `kubelab-worker2` 를 같은 방법으로 v1.31.4로 올리고, 다시 스케줄 가능하게 돌려 놓으세요. 그동안 디플로이먼트 `web` 은 레플리카 4개가 계속 Ready여야 합니다.

`%check 10-upgrade-worker2` 로 확인합니다.

<details><summary>힌트 1</summary>

drain → `%kubeadm upgrade node kubelab-worker2` → uncordon
</details>
<details><summary>힌트 2</summary>

uncordon을 잊으면 노드가 `SchedulingDisabled` 로 남습니다. `%kubectl get nodes` 의 STATUS를 보세요.
</details>
""", """
## ✏️ Exercise 10-upgrade-worker2

Upgrade the last node, `kubelab-worker2`, to v1.31.4 the same way, and make it schedulable again. The Deployment `web` must keep 4 ready replicas.

Verify with `%check 10-upgrade-worker2`.

<details><summary>Hint 1</summary>

drain → `%kubeadm upgrade node kubelab-worker2` → uncordon
</details>
<details><summary>Hint 2</summary>

Forget to uncordon and the node stays `SchedulingDisabled`: look at STATUS in `%kubectl get nodes`.
</details>
"""),
code(""),
solution("""
// Solution · 풀이
%kubectl drain kubelab-worker2 --ignore-daemonsets --delete-emptydir-data --timeout=60s
%kubeadm upgrade node kubelab-worker2
%kubectl uncordon kubelab-worker2
%kubectl rollout status deployment/web --timeout=30s
"""),
code("""
%kubectl get nodes
%check 10-upgrade-worker2
"""),
md("""
## 정리

- 순서: (백업) → kubeadm 패키지 업그레이드 → `kubeadm upgrade plan` → `kubeadm upgrade apply vX.Y.Z` (첫 컨트롤 플레인) → 다른 컨트롤 플레인은 `kubeadm upgrade node` → 노드마다 drain → kubelet 업그레이드·재시작 → uncordon.
- 마이너 버전은 하나씩. 컨트롤 플레인이 먼저, kubelet은 apiserver보다 새로울 수 없다(최대 3개 낮게).
- drain은 Eviction API를 써서 PDB를 지킨다. 레플리카를 여러 노드에 두고 PDB를 정해 두면 업그레이드 중에도 서비스가 유지된다.
""", """
## Recap

- Order: (backup) → upgrade the kubeadm package → `kubeadm upgrade plan` → `kubeadm upgrade apply vX.Y.Z` (first control-plane node) → `kubeadm upgrade node` on the other control-plane nodes → per node drain → upgrade and restart the kubelet → uncordon.
- One minor version at a time; control plane first; a kubelet may never be newer than the apiserver (and at most 3 minors older).
- drain uses the Eviction API and honours PDBs; replicas on several nodes plus a PDB keep a service up through the upgrade.
"""),
code("%cluster down"),
]
