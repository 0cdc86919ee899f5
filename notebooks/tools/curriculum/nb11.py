NAME = "11-failure-drills-and-interview"

from pathlib import Path
WAIT_HELPER = Path(__file__).with_name("nb03.py").read_text().split('WAIT_HELPER = """', 1)[1].split('"""', 1)[0]

CELLS = [
md("""
# 11. 장애 훈련과 면접 질문

## 학습 목표
- 컨트롤 플레인 컴포넌트를 하나씩 멈춰 보고, 각각 **무엇이 멈추고 무엇이 계속 도는지**, 어떻게 복구하는지 말할 수 있다.
- 노드 하나를 잃었을 때의 흐름과 HA 구성(여러 컨트롤 플레인, 리더 선출, 외부 etcd)을 설명한다.
- 장애 대응 때 쓰는 점검 명령을 순서대로 쓸 수 있다.
- 스터디 노트의 면접 질문에 이 과정에서 직접 본 것으로 답한다.
""", """
# 11. Failure drills and interview questions

## Learning goals
- Stop each control-plane component in turn and say **what stops, what keeps running**, and how to recover.
- Describe losing a node, and HA setups (several control-plane nodes, leader election, external etcd).
- Run the triage commands for an incident in a sensible order.
- Answer the study notes' interview questions with what you have seen in this course.
"""),
code("%cluster up"),
code(WAIT_HELPER),
code("""
%kubectl create deployment web --image=nginx:1.27 --replicas=2
%kubectl expose deployment web --port=80
%kubectl rollout status deployment/web --timeout=30s
%components
"""),
md("""
## 훈련 1: kube-scheduler 장애

**증상**: 새 파드가 `Pending` 에서 움직이지 않고, `FailedScheduling` 이벤트조차 없다. **영향 없음**: 이미 떠 있는 파드, 서비스 트래픽. **복구**: 스케줄러 파드/프로세스 재시작(kubeadm이면 스태틱 파드 매니페스트와 로그 확인).
""", """
## Drill 1: kube-scheduler down

**Symptom**: new pods sit in `Pending`, without even a `FailedScheduling` event. **Unaffected**: running pods, Service traffic. **Recovery**: restart the scheduler (on kubeadm: check its static-pod manifest and logs).
"""),
code("""
%stop kube-scheduler
%kubectl scale deployment web --replicas=3
waitUntil("a third web pod, unscheduled", Duration.ofSeconds(30), () -> client.pods().inNamespace("default").withLabel("app", "web")
    .list().getItems().stream().anyMatch(p -> p.getSpec().getNodeName() == null));
%kubectl get pods -l app=web -o wide
"""),
code("""
%start kube-scheduler
%kubectl rollout status deployment/web --timeout=30s
"""),
md("""
## 훈련 2: kube-controller-manager 장애

**증상**: 스케일, 롤아웃, 자가 치유, 엔드포인트 갱신, 노드 장애 감지가 모두 멈춘다. 디플로이먼트의 spec은 바뀌어도 레플리카셋은 따라가지 않는다. **영향 없음**: 기존 파드와 그 트래픽. **복구**: 재시작. 재시작하면 밀린 차이를 한꺼번에 따라잡는다(컨트롤러는 이벤트가 아니라 "지금 상태"를 보고 맞추므로).
""", """
## Drill 2: kube-controller-manager down

**Symptom**: scaling, rollouts, self-healing, endpoint updates and node-failure detection all stop; a Deployment's spec changes but its ReplicaSet does not follow. **Unaffected**: existing pods and their traffic. **Recovery**: restart it; it catches up on everything at once (controllers reconcile against *current* state, not a backlog of events).
"""),
code("""
%stop kube-controller-manager
%kubectl scale deployment web --replicas=4
%kubectl get deployment,replicaset -l app=web
"""),
code("""
%start kube-controller-manager
%kubectl rollout status deployment/web --timeout=30s
%kubectl get deployment,replicaset -l app=web
"""),
md("""
## 훈련 3: kube-apiserver 장애

**증상**: kubectl이 접속하지 못한다(connection refused). 스케줄러, 컨트롤러, kubelet도 API 서버를 통해서만 일하므로 클러스터의 "두뇌"가 통째로 멈춘다. **영향 없음**: 이미 떠 있는 컨테이너는 kubelet과 런타임이 계속 돌리고, kube-proxy가 깔아 둔 규칙으로 서비스 트래픽도 흐른다. **복구**: API 서버 재시작. HA 구성이라면 로드밸런서 뒤의 다른 API 서버가 받아 주므로 사용자는 거의 느끼지 못한다.

컴포넌트 상태는 API 서버 없이도 볼 수 있습니다(`%components` 는 프로바이더에게 직접 묻습니다).
""", """
## Drill 3: kube-apiserver down

**Symptom**: kubectl cannot connect (connection refused). The scheduler, controllers and kubelets also work only through the API server, so the cluster's "brain" stops as a whole. **Unaffected**: running containers (kept alive by kubelet and runtime) and Service traffic (the rules kube-proxy already installed). **Recovery**: restart the API server. With HA, another API server behind the load balancer answers and users barely notice.

Component state is visible without the API server (`%components` asks the provider directly).
"""),
code("""
%stop kube-apiserver
%components
"""),
fails("%kubectl get pods --request-timeout=5s"),
code("""
%start kube-apiserver
waitUntil("the API server to answer", Duration.ofSeconds(30), () -> client.pods().inNamespace("default").list() != null);
%kubectl get pods -o wide
"""),
md("""
## 훈련 4: etcd 장애

**증상**: API 서버 프로세스는 살아 있지만 `/readyz` 의 etcd 검사가 실패하고, 읽기·쓰기 요청이 에러나 타임아웃으로 끝난다. **영향 없음**: 기존 컨테이너. **복구**: etcd 재시작. 데이터가 손상되었다면 스냅샷 복구(09). 멤버가 3개 이상이면 과반이 살아 있는 한 서비스는 계속된다(03).
""", """
## Drill 4: etcd down

**Symptom**: the API server process is up but the etcd check in `/readyz` fails; reads and writes end in errors or timeouts. **Unaffected**: running containers. **Recovery**: restart etcd; if its data is damaged, restore a snapshot (09). With three or more members the cluster carries on as long as a majority is alive (03).
"""),
code("%stop etcd"),
fails("%kubectl get --raw /readyz?verbose --request-timeout=10s"),
code("""
%start etcd
waitUntil("the API server to reach etcd", Duration.ofSeconds(30), () -> client.pods().inNamespace("default").list() != null);
%kubectl get --raw /readyz?verbose
"""),
md("""
## 훈련 5: 노드 하나를 잃으면

노드의 kubelet이 멈추면(노드 전원, 네트워크 단절, kubelet 장애):
1. Lease 갱신이 끊기고, `node-monitor-grace-period`(40–50초) 뒤 노드 컨트롤러가 노드를 `NotReady`(Ready=Unknown)로 표시하고 `unreachable:NoExecute` 테인트를 붙인다.
2. 파드는 `tolerationSeconds`(기본 300초) 뒤 축출되고, 레플리카셋·디플로이먼트의 파드는 다른 노드에 다시 만들어진다. 직접 만든 파드는 그냥 사라진다.
3. 그 노드의 컨테이너가 실제로 살아 있는지는 컨트롤 플레인이 알 수 없다. 그래서 스테이트풀셋 파드는 자동으로 다른 곳에 두 번 뜨지 않는다(같은 정체성이 둘이 되면 안 되므로). 노드가 확실히 죽었으면 `kubectl delete node` 나 강제 삭제로 풀어 준다.

05에서 전 과정을 실제로 봤습니다. 여기서는 kubelet이 멈춘 상태를 컴포넌트 지도에서 보고 되살립니다.
""", """
## Drill 5: losing a node

When a node's kubelet stops (power, network partition, kubelet failure):
1. its Lease stops being renewed; after `node-monitor-grace-period` (40–50 s) the node controller marks the node `NotReady` (Ready=Unknown) and taints it `unreachable:NoExecute`;
2. its pods are evicted after `tolerationSeconds` (300 s by default); ReplicaSet/Deployment pods are recreated elsewhere, bare pods are simply gone;
3. the control plane cannot know whether the node's containers are really dead, so StatefulSet pods are not started twice elsewhere automatically (one identity must never run twice); once you know the node is gone, `kubectl delete node` or a force delete releases them.

Notebook 05 showed the full sequence. Here, look at the stopped kubelet on the component map and bring it back.
"""),
code("""
%stop kubelet --node kubelab-worker2
%components
"""),
code("""
%start kubelet --node kubelab-worker2
waitUntil("kubelab-worker2 Ready", Duration.ofSeconds(30), () -> client.nodes().withName("kubelab-worker2").get().getStatus()
    .getConditions().stream().anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True")));
%kubectl get nodes
"""),
md("""
## HA: 컨트롤 플레인을 여러 대로

- **API 서버**는 상태가 없으므로 여러 대를 띄우고 앞에 로드밸런서를 둔다. kubeadm의 `controlPlaneEndpoint`(예: `172.16.1.100:6443`)가 그 주소이고, kubeconfig와 kubelet은 이 주소만 안다.
- **스케줄러와 컨트롤러 매니저**도 여러 대 띄우지만 동시에 일하면 안 되므로 **리더 선출**을 한다. `kube-system` 의 Lease를 차지한 인스턴스만 일하고, 나머지는 대기하다가 리더가 갱신을 멈추면 넘겨받는다.
- **etcd**는 3 또는 5 멤버. 컨트롤 플레인 노드에 함께 두는 stacked 방식, 별도 서버에 두고 `etcd.external.endpoints` 로 연결하는 external 방식이 있다. 멤버 상태는 `etcdctl member list` / `endpoint health` 로 확인.
""", """
## HA: several control-plane nodes

- **API servers** are stateless: run several behind a load balancer. kubeadm's `controlPlaneEndpoint` (e.g. `172.16.1.100:6443`) is that address, the only one kubeconfigs and kubelets know.
- **Schedulers and controller managers** also run several times, but must not act at once: **leader election**. Only the instance holding the Lease in `kube-system` works; the others stand by and take over when the leader stops renewing.
- **etcd**: 3 or 5 members, either stacked on the control-plane nodes or external on their own servers (`etcd.external.endpoints`). Check members with `etcdctl member list` / `endpoint health`.
"""),
code("""
%kubectl get leases -n kube-system
%etcdctl endpoint health
"""),
md("""
## 장애 대응 점검 순서

"클러스터가 이상하다"는 신고를 받으면, 바깥에서 안으로 좁혀 갑니다.
1. `kubectl get nodes` — 노드가 모두 Ready인가?
2. `kubectl get pods -n kube-system` — 컨트롤 플레인·애드온 파드 상태 (`componentstatuses` 는 deprecated)
3. `kubectl get events -A --field-selector type=Warning` — 최근 경고
4. `kubectl logs -n kube-system kube-apiserver-<노드>` 등 컴포넌트 로그, 노드에서는 `journalctl -u kubelet`
5. etcd 상태(`etcdctl endpoint health`), 인증서 만료(`kubeadm certs check-expiration`), 디스크·메모리
""", """
## A triage order

When someone reports "the cluster is acting up", narrow down from the outside in:
1. `kubectl get nodes` — are all nodes Ready?
2. `kubectl get pods -n kube-system` — control-plane and add-on pods (`componentstatuses` is deprecated)
3. `kubectl get events -A --field-selector type=Warning` — recent warnings
4. component logs, e.g. `kubectl logs -n kube-system kube-apiserver-<node>`; on the node `journalctl -u kubelet`
5. etcd health (`etcdctl endpoint health`), certificate expiry (`kubeadm certs check-expiration`), disk and memory
"""),
code("""
%kubectl get nodes
%kubectl get pods -n kube-system
%kubectl get events -A --field-selector type=Warning
%kubectl logs -n kube-system kube-apiserver-kubelab-control-plane --tail=5
"""),
md("""
## 면접 질문, 라이브 클러스터로 답하기

**Q. 쿠버네티스의 구성 요소와 역할은? 컨트롤 플레인과 워커 노드의 차이는?**
컨트롤 플레인(kube-apiserver, etcd, kube-scheduler, kube-controller-manager, 클라우드라면 cloud-controller-manager)이 클러스터 전체의 결정을 내리고, 워커 노드(kubelet, 컨테이너 런타임, kube-proxy)가 파드를 실행합니다. → 01, 이 노트북의 `%components`

**Q. 왜 컨테이너 오케스트레이션이 필요한가?**
배포·확장·복구·네트워킹을 사람이 서버마다 하는 대신 원하는 상태를 선언하면 컨트롤러들이 맞춰 줍니다. 훈련 1–2에서 멈췄다 되살리자 밀린 일을 스스로 따라잡는 것을 봤습니다. → 01, 05

**Q. API 요청은 어떤 경로로 처리되나? 파드는 어떻게 만들어지나?**
사용자 → kube-apiserver → 인증 → 인가 → 어드미션 → etcd. 파드는 kubectl apply → API 서버 → etcd → 스케줄러(바인딩) → kubelet(실행) → status 보고. → 02, 08 (`%%trace`)

**Q. API 서버는 kubelet과 어떻게 통신하고, 어떻게 보호되나?**
양방향 HTTPS. kubelet은 클라이언트 인증서/토큰으로 API 서버를 watch하고 상태를 보고하며, API 서버는 logs/exec/port-forward를 위해 kubelet의 10250 포트를 클라이언트 인증서로 호출합니다. TLS가 암호화와 무결성을, Node authorizer와 NodeRestriction이 권한 범위를 책임집니다. → 02

**Q. etcd를 쓸 수 없게 되면? 백업과 복구 전략은?**
상태를 바꾸는 모든 작업이 멈추지만 기존 컨테이너는 돕니다(훈련 4). 그래서 Raft 기반 3/5 멤버로 복제하고, 별도로 `etcdctl snapshot save` 로 정기 백업 → 노드 밖 암호화 보관 → 정기 복구 훈련. 복구는 API 서버 중지 → 새 data-dir로 restore → etcd 재시작 → 검증. → 03, 09

**Q. 컨트롤 플레인 컴포넌트 하나가 실패하면?**
스케줄러: 새 파드 Pending. 컨트롤러 매니저: 자가 치유·스케일·엔드포인트 갱신 정지. API 서버: 모든 관리 작업 불가. etcd: API가 읽기·쓰기 불가. 어느 경우든 기존 워크로드는 계속 돌고, 재시작하면 따라잡습니다. HA와 리더 선출로 영향을 줄입니다. → 훈련 1–4

**Q. 클러스터 장애 시 어떻게 대응하나?**
위의 점검 순서로 범위를 좁히고(노드 → kube-system → 이벤트 → 로그 → etcd·인증서), 영향 범위를 먼저 파악해 공유한 뒤 복구, 그리고 재발 방지(모니터링, 알림, 런북)를 남깁니다.

**Q. 클러스터 업그레이드는 어떻게 하나?**
백업 → kubeadm 업그레이드 → `upgrade plan` → `upgrade apply`(마이너 하나씩) → 노드마다 drain → kubelet 업그레이드 → uncordon. 스큐 정책상 컨트롤 플레인이 먼저입니다. → 10

**Q. nginx 파드 하나는 어디로 가나? 디플로이먼트면? 원하는 곳에 두려면?**
테인트가 없는 노드 중 스케줄러 점수가 가장 높은 곳으로. 디플로이먼트는 개수를 유지하고 노드에 분산. nodeSelector, 어피니티/안티어피니티, 테인트/톨러레이션, nodeName. → 04 (`%explain`)

**Q. kubeconfig는 어떤 구조이고, 관리형(EKS) 클러스터에서는 어떻게 다른가? 다른 사용자에게 권한을 주려면?**
clusters + users + contexts + current-context. EKS는 `aws eks update-kubeconfig` 가 exec 플러그인으로 토큰을 받게 하고, IAM 신원을 access entry로 쿠버네티스 사용자/그룹에 매핑한 뒤 RBAC으로 권한을 줍니다. → 02

**Q. 클라우드와 온프레미스 배포의 차이는?**
관리형 컨트롤 플레인·빠른 확장·cloud-controller-manager(로드밸런서 등) vs 폐쇄망·직접 운영·기존 서버 활용, 그리고 하이브리드. → 01, 07 (`LoadBalancer` 의 `<pending>`)
""", """
## Interview questions, answered on a live cluster

**Q. What are Kubernetes' components and their roles? How do the control plane and worker nodes differ?**
The control plane (kube-apiserver, etcd, kube-scheduler, kube-controller-manager, plus the cloud-controller-manager on clouds) makes cluster-wide decisions; worker nodes (kubelet, container runtime, kube-proxy) run the pods. → 01, and `%components` here

**Q. Why do we need container orchestration?**
Instead of people deploying, scaling, healing and wiring containers machine by machine, you declare the desired state and controllers converge on it — drills 1–2 showed them catching up by themselves after a restart. → 01, 05

**Q. How is an API request processed? How is a pod created?**
user → kube-apiserver → authentication → authorization → admission → etcd. A pod: kubectl apply → API server → etcd → scheduler (binding) → kubelet (runs it) → status reported. → 02, 08 (`%%trace`)

**Q. How does the API server talk to the kubelet, and how is that secured?**
HTTPS both ways. The kubelet watches the API server and reports status using a client certificate or token; the API server calls the kubelet's port 10250 with its client certificate for logs, exec and port-forward. TLS gives encryption and integrity; the Node authorizer and NodeRestriction limit what a kubelet may touch. → 02

**Q. What happens when etcd is unavailable? What is your backup and restore strategy?**
Everything that changes state stops, while running containers continue (drill 4). Hence 3 or 5 Raft members for replication and, separately, regular `etcdctl snapshot save` backups, kept off-node and encrypted, with rehearsed restores. Restore: stop the API server → restore into a new data dir → restart etcd → verify. → 03, 09

**Q. What if one control-plane component fails?**
Scheduler: new pods stay Pending. Controller manager: no self-healing, scaling or endpoint updates. API server: no management at all. etcd: the API cannot read or write. In every case running workloads carry on and the component catches up after a restart; HA and leader election reduce the impact. → drills 1–4

**Q. How do you respond to a cluster incident?**
Narrow it down with the triage order above (nodes → kube-system → events → logs → etcd and certificates), establish and communicate the impact first, recover, then prevent recurrence (monitoring, alerts, runbooks).

**Q. How do you upgrade a cluster?**
Backup → upgrade kubeadm → `upgrade plan` → `upgrade apply` (one minor at a time) → per node drain → upgrade the kubelet → uncordon; the skew policy puts the control plane first. → 10

**Q. Where does a single nginx pod go? With a Deployment? How do I put it where I want?**
To the best-scoring node it tolerates; a Deployment keeps a count and spreads it; nodeSelector, (anti-)affinity, taints and tolerations, nodeName. → 04 (`%explain`)

**Q. What does a kubeconfig look like, and how is it different on a managed (EKS) cluster? How do you give other users access?**
clusters + users + contexts + current-context. On EKS, `aws eks update-kubeconfig` sets up an exec plugin that fetches tokens; IAM identities are mapped to Kubernetes users/groups with access entries, then RBAC grants permissions. → 02

**Q. Cloud vs on-premises?**
Managed control plane, fast scaling and the cloud-controller-manager (load balancers, …) vs air-gapped networks, self-operation and existing hardware — or a hybrid. → 01, 07 (`LoadBalancer` stuck at `<pending>`)
"""),
md("""
## ✏️ 연습 문제 11-recover

다음 셀은 클러스터를 **일부러 망가뜨립니다**. 실행한 뒤, 누군가 `web` 을 3개로 줄이려 했는데 아무 일도 일어나지 않는 상황을 진단하고 복구하세요.
- 어떤 컴포넌트가 멈췄는지 `%components` 로 찾고,
- 되살린 뒤, `web` 이 레플리카 3개로 Ready가 되게 하세요.

`%check 11-recover` 로 확인합니다.

<details><summary>힌트 1</summary>

멈춘 것이 하나가 아닐 수 있습니다. 레플리카셋이 따라오지 않으면 누구 책임이고, 새 파드가 Pending이면 누구 책임이었나요?
</details>
<details><summary>힌트 2</summary>

`%start COMPONENT` 후 `%kubectl rollout status deployment/web --timeout=30s`
</details>
""", """
## ✏️ Exercise 11-recover

The next cell **breaks the cluster on purpose**. Run it, then diagnose why scaling `web` to 3 does nothing, and recover:
- find the stopped components with `%components`,
- bring them back, and get `web` to 3 ready replicas.

Verify with `%check 11-recover`.

<details><summary>Hint 1</summary>

More than one thing may be stopped. Whose job is it when a ReplicaSet does not follow, and whose when a new pod stays Pending?
</details>
<details><summary>Hint 2</summary>

`%start COMPONENT`, then `%kubectl rollout status deployment/web --timeout=30s`
</details>
"""),
code("""
%stop kube-scheduler
%stop kube-controller-manager
%kubectl scale deployment web --replicas=3
%kubectl get deployment web
"""),
code(""),
solution("""
// Solution · 풀이
%components
%start kube-controller-manager
%start kube-scheduler
%kubectl rollout status deployment/web --timeout=30s
waitUntil("the scaled-down pod to be gone", Duration.ofSeconds(30), () ->
    client.pods().inNamespace("default").withLabel("app", "web").list().getItems().size() == 3);
"""),
code("%check 11-recover"),
md("""
## 정리

| 멈춘 것 | 멈추는 일 | 계속되는 일 | 복구 |
|---|---|---|---|
| kube-scheduler | 새 파드 배치 (Pending) | 기존 파드, 트래픽 | 재시작 |
| kube-controller-manager | 자가 치유, 스케일, 롤아웃, 엔드포인트, 노드 감시 | 기존 파드, 트래픽 | 재시작 (자동으로 따라잡음) |
| kube-apiserver | 모든 관리 작업, 컴포넌트 간 협업 | 기존 컨테이너, kube-proxy 규칙 | 재시작, HA + LB |
| etcd | API 읽기·쓰기 | 기존 컨테이너 | 재시작, 과반 유지, 스냅샷 복구 |
| 노드(kubelet) | 그 노드의 파드 (NotReady → 축출 → 재생성) | 다른 노드 | 노드 복구 또는 교체 |

이 과정 전체의 요약: 모든 것은 API 서버를 거치고, 상태는 etcd에 있고, 컨트롤러들이 원하는 상태로 끊임없이 맞춥니다. 그래서 컴포넌트가 잠시 멈춰도 되살아나면 스스로 따라잡습니다 — etcd 데이터만 잃지 않는다면.
""", """
## Recap

| stopped | what stops | what carries on | recovery |
|---|---|---|---|
| kube-scheduler | placing new pods (Pending) | running pods, traffic | restart |
| kube-controller-manager | self-healing, scaling, rollouts, endpoints, node monitoring | running pods, traffic | restart (catches up by itself) |
| kube-apiserver | all management, all cooperation between components | running containers, kube-proxy rules | restart; HA behind a load balancer |
| etcd | API reads and writes | running containers | restart; keep a quorum; restore a snapshot |
| a node (kubelet) | its pods (NotReady → eviction → recreated) | other nodes | repair or replace the node |

The whole course in one sentence: everything goes through the API server, state lives in etcd, and controllers keep converging on the desired state — so a component that stops for a while catches up when it returns, as long as etcd's data is not lost.
"""),
code("%cluster down"),
]
