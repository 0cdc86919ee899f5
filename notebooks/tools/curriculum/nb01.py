NAME = "01-architecture"

CELLS = [
md("""
# 01. 쿠버네티스 아키텍처 한눈에 보기

## 학습 목표
- 클러스터, 노드, 컨트롤 플레인, 워커 노드가 각각 무엇인지 라이브 클러스터에서 직접 확인한다.
- 컨트롤 플레인 컴포넌트(kube-apiserver, etcd, kube-scheduler, kube-controller-manager)와 노드 컴포넌트(kubelet, 컨테이너 런타임, kube-proxy)의 역할을 한 줄로 말할 수 있다.
- `kubectl cluster-info`, `kubectl get nodes`, `kubectl get pods -n kube-system` 으로 클러스터 상태를 읽는다.
- 왜 컨테이너 오케스트레이션이 필요한지, 클라우드와 온프레미스 클러스터가 어떻게 다른지 설명한다.
""", """
# 01. Kubernetes architecture at a glance

## Learning goals
- Identify the cluster, its nodes, the control plane and the worker nodes on a live cluster.
- Name every control-plane component (kube-apiserver, etcd, kube-scheduler, kube-controller-manager) and node component (kubelet, container runtime, kube-proxy) and say what each one is for.
- Read the state of a cluster with `kubectl cluster-info`, `kubectl get nodes` and `kubectl get pods -n kube-system`.
- Explain why we need container orchestration at all, and how a cloud cluster differs from an on-premises one.
"""),
md("""
## 왜 오케스트레이션인가

컨테이너 몇 개는 `docker run` 으로도 충분합니다. 하지만 서버가 수십 대로 늘어나면 "어느 서버에 띄울지", "죽으면 누가 다시 띄울지", "트래픽은 어떻게 나눌지"를 사람이 매번 판단할 수 없습니다.
쿠버네티스는 **원하는 상태(desired state)** 를 선언하면 배포·확장·복구를 알아서 맞춰 주는 오케스트레이션 플랫폼입니다. 개발자와 운영자는 인프라 세부 사항 대신 "무엇이 몇 개 떠 있어야 하는가"에 집중하게 됩니다.

첫 번째 셀에서 클러스터를 띄웁니다. 이 과정의 모든 노트북은 **처음에 `%cluster up`, 마지막에 `%cluster down`** 을 실행하는 규칙을 따르므로, 각 노트북은 깨끗한 클러스터에서 시작합니다.
""", """
## Why orchestration

A handful of containers can be started by hand. Once you have dozens of machines, nobody can keep deciding which machine runs what, who restarts a crashed process, or how traffic is spread.
Kubernetes is an orchestration platform: you declare the **desired state**, and it deploys, scales and heals workloads until reality matches. Developers and operators think about *what should run and how many*, not about individual machines.

The first cell starts a cluster. Every notebook in this course follows one convention: **`%cluster up` at the top, `%cluster down` at the end**, so each notebook starts from a fresh cluster.
"""),
code("%cluster up"),
md("""
## 클러스터와 노드

**노드**는 쿠버네티스가 설치된 물리 서버나 VM입니다(아주 옛날 문서에서는 *minion* 이라고도 불렀습니다). **클러스터**는 이런 노드를 묶은 것이고, 노드가 여러 대여야 한 대가 죽어도 애플리케이션이 다른 노드에서 계속 서비스되고 부하도 나눌 수 있습니다. 그래서 운영 환경에서는 워커 노드를 최소 두 대 이상 두는 것이 기본입니다.

`kubectl cluster-info` 는 kubectl이 바라보는 API 서버 주소를 보여 줍니다. kubectl은 이 주소를 kubeconfig 파일(기본 위치 `$HOME/.kube/config`)에서 읽습니다. 이 노트북에서는 `%kubectl` 이 방금 만든 클러스터의 kubeconfig를 자동으로 씁니다.
""", """
## The cluster and its nodes

A **node** is a physical or virtual machine with Kubernetes installed (very old material calls them *minions*). A **cluster** is a set of nodes working together: with several nodes, an application keeps serving when one machine fails, and the load is shared. That is why production clusters run at least two worker nodes.

`kubectl cluster-info` prints the API server address kubectl talks to. kubectl finds it in a kubeconfig file (by default `$HOME/.kube/config`); here `%kubectl` uses the kubeconfig of the cluster we just started.
"""),
code("%kubectl cluster-info"),
code("%kubectl get nodes -o wide"),
md("""
노드가 세 대 보입니다. `kubelab-control-plane` 은 **컨트롤 플레인**(예전 용어로 마스터) 노드이고, `kubelab-worker`, `kubelab-worker2` 는 애플리케이션 파드가 실제로 돌아가는 **워커 노드**입니다.
`ROLES` 열은 `node-role.kubernetes.io/control-plane` 레이블에서 나옵니다. 컨트롤 플레인 노드에는 보통 `NoSchedule` 테인트가 붙어 있어서, 사용자 파드는 이 노드에 올라가지 않습니다. Java로 직접 확인해 봅시다.
""", """
Three nodes. `kubelab-control-plane` is the **control-plane** node (the older word is *master*); `kubelab-worker` and `kubelab-worker2` are **worker nodes**, where application pods run.
The `ROLES` column comes from the `node-role.kubernetes.io/control-plane` label. The control-plane node normally carries a `NoSchedule` taint so that user pods stay off it. Let's read that from Java.
"""),
code("""
for (var node : client.nodes().list().getItems()) {
    var labels = node.getMetadata().getLabels();
    boolean controlPlane = labels.containsKey("node-role.kubernetes.io/control-plane");
    var taints = node.getSpec().getTaints() == null ? java.util.List.<io.fabric8.kubernetes.api.model.Taint>of() : node.getSpec().getTaints();
    System.out.printf("%-24s %-14s kubelet=%s taints=%s%n",
        node.getMetadata().getName(),
        controlPlane ? "control-plane" : "worker",
        node.getStatus().getNodeInfo().getKubeletVersion(),
        taints.stream().map(t -> t.getKey() + ":" + t.getEffect()).toList());
}
"""),
md("""
## 컴포넌트 지도

`%components` 는 클러스터의 모든 컴포넌트를 노드별로 그리고, 각 컴포넌트가 지금 살아 있는지 보여 줍니다.

| 위치 | 컴포넌트 | 한 줄 역할 |
|---|---|---|
| 컨트롤 플레인 | **kube-apiserver** | 클러스터의 프론트엔드. 사용자·kubectl·다른 컴포넌트 모두 여기로만 말한다 |
| 컨트롤 플레인 | **etcd** | 모든 오브젝트의 상태를 저장하는 분산 키-값 저장소 |
| 컨트롤 플레인 | **kube-scheduler** | 아직 노드가 정해지지 않은 파드에 알맞은 노드를 고른다 |
| 컨트롤 플레인 | **kube-controller-manager** | 노드·레플리카셋·잡 등 여러 컨트롤러를 한 프로세스로 돌리며 원하는 상태를 유지한다 |
| 컨트롤 플레인 (클라우드만) | cloud-controller-manager | 클라우드 API와 연동(노드 수명, 라우트, 로드밸런서) |
| 모든 노드 | **kubelet** | 노드 에이전트. API 서버에서 받은 PodSpec대로 컨테이너를 띄우고 상태를 보고한다 |
| 모든 노드 | **컨테이너 런타임** | 실제로 컨테이너를 실행한다 (containerd, CRI-O, 예전엔 Docker·rkt) |
| 모든 노드 | **kube-proxy** | 서비스(Service)를 구현하는 네트워크 규칙을 노드에 설정한다 |
""", """
## The component map

`%components` draws every component per node, with its live state.

| where | component | its job in one line |
|---|---|---|
| control plane | **kube-apiserver** | the cluster's front end: users, kubectl and every other component talk only to it |
| control plane | **etcd** | the distributed key-value store holding the state of every object |
| control plane | **kube-scheduler** | picks a node for each pod that has none yet |
| control plane | **kube-controller-manager** | runs the node, ReplicaSet, Job, … controllers in one process, keeping actual state at the desired state |
| control plane (cloud only) | cloud-controller-manager | talks to the cloud provider's API (node lifecycle, routes, load balancers) |
| every node | **kubelet** | the node agent: runs the containers a PodSpec asks for and reports their status |
| every node | **container runtime** | actually runs containers (containerd, CRI-O; formerly Docker, rkt) |
| every node | **kube-proxy** | programs the node's network rules that implement Services |
"""),
code("%components"),
md("""
컨트롤 플레인 컴포넌트도 파드로 보입니다. kubeadm으로 만든 클러스터처럼, 이 클러스터의 컨트롤 플레인은 kubelet이 `/etc/kubernetes/manifests` 의 매니페스트로 띄우는 **스태틱 파드**입니다(06에서 자세히). 노드마다 하나씩 있는 kube-proxy도 여기서 보입니다.

> 이 실습의 기본 provider(embedded)에서는 etcd만 진짜 바이너리이고, 나머지 컴포넌트는 같은 API를 그대로 쓰는 Java 구현이며 컨테이너는 실제로 실행되지 않습니다. kubectl이 보는 API와 오브젝트는 실제 클러스터와 같습니다.
""", """
The control-plane components show up as pods too. As on a kubeadm cluster, they are **static pods** the kubelet starts from manifests in `/etc/kubernetes/manifests` (notebook 06 explains them). The per-node kube-proxy pods are listed here as well.

> On this course's default provider (embedded) etcd is the real binary; the other components are Java implementations speaking the same API, and no container actually runs. What kubectl sees — the API and its objects — is what a real cluster shows.
"""),
code("%kubectl get pods -n kube-system -o wide"),
md("""
`kubectl get componentstatuses` 는 면접 답변이나 오래된 자료에 자주 나오지만 1.19부터 deprecated 입니다. 지금은 API 서버의 `/readyz`, `/livez` 헬스 체크와 `kube-system` 파드 상태를 봅니다.
""", """
`kubectl get componentstatuses` still appears in older material and interview answers, but it has been deprecated since 1.19. Today you look at the API server's `/readyz` and `/livez` checks and at the `kube-system` pods.
"""),
code("%kubectl get --raw /readyz?verbose"),
md("""
## 컨트롤 플레인과 워커 노드, 무엇이 다른가

- **컨트롤 플레인**은 클러스터 전체에 대한 결정을 내립니다: 어디에 스케줄할지, 레플리카 수가 모자라면 새 파드를 만들지, 노드가 죽었는지. 대부분의 설치 도구는 컨트롤 플레인 컴포넌트를 같은 머신에 모아 두고, 그 머신에서는 사용자 컨테이너를 돌리지 않습니다.
- **워커 노드**는 파드를 호스팅합니다. 노드 컴포넌트(kubelet, kube-proxy, 런타임)는 모든 노드에서 돌면서 파드를 살려 두고 실행 환경을 제공합니다.
- **클라우드 vs 온프레미스**: EKS·GKE·AKS 같은 관리형 서비스는 컨트롤 플레인을 대신 운영해 주고 cloud-controller-manager로 로드밸런서·노드 수명을 연동합니다. 빠르게 만들고 늘리기 쉽고, 쓰지 않는 자원을 줄여 비용을 아낄 수 있습니다. 온프레미스는 cloud-controller-manager가 없고 컨트롤 플레인까지 직접 운영하지만, 폐쇄망(금융권 등)이나 기존 베어메탈 서버를 활용해야 할 때 맞습니다. 평소엔 온프레미스, 피크 때는 클라우드를 쓰는 하이브리드 구성도 흔합니다.

## 파드: 가장 작은 배포 단위

쿠버네티스가 배포하는 최소 단위는 컨테이너가 아니라 **파드**입니다. 파드는 하나 이상의 컨테이너 묶음이고, 같은 파드의 컨테이너는 네트워크와 볼륨을 공유하며 함께 하나의 애플리케이션 인스턴스처럼 동작합니다. `kubectl run` 으로 파드 하나를 띄워 봅시다.
""", """
## Control plane vs worker nodes

- The **control plane** makes cluster-wide decisions: where to schedule, whether a Deployment is short of replicas, whether a node died. Most installers put all control-plane components on the same machine(s) and run no user containers there.
- **Worker nodes** host the pods. Node components (kubelet, kube-proxy, the runtime) run on every node, keeping pods alive and providing the runtime environment.
- **Cloud vs on-premises**: managed offerings (EKS, GKE, AKS) run the control plane for you and use the cloud-controller-manager for load balancers and node lifecycle; they are quick to create and scale, and you can shed idle capacity to save cost. On premises there is no cloud-controller-manager and you operate the control plane yourself, which fits air-gapped environments (finance, security-sensitive companies) or existing bare-metal servers. Hybrid setups — on-prem by default, bursting to the cloud at peak — are common too.

## The pod: the smallest deployable unit

Kubernetes does not deploy containers directly; it deploys **pods**. A pod is a group of one or more containers that share a network namespace and volumes and act together as one instance of an application. Start one with `kubectl run`.
"""),
code("""
%kubectl run hello --image=nginx:1.27 --labels=app=hello
%kubectl wait --for=condition=Ready pod/hello --timeout=30s
%kubectl get pods -o wide
"""),
md("""
## ✏️ 연습 문제 01-first-deployment

`kubectl create deployment` 로 이미지 `nginx:1.27`, 레플리카 **2개**짜리 디플로이먼트 `greeter` 를 만들고, 모든 파드가 Ready 가 될 때까지 기다리세요. 그다음 `%check 01-first-deployment` 로 확인합니다.

아래 빈 셀에 직접 작성해 보세요. 그 다음 셀(접혀 있음)은 풀이입니다.

<details><summary>힌트 1</summary>

`%kubectl create deployment --help` 에 `--image` 와 `--replicas` 옵션이 있습니다.
</details>
<details><summary>힌트 2</summary>

`%kubectl rollout status deployment/greeter --timeout=30s` 는 원하는 레플리카가 모두 준비될 때까지 기다립니다.
</details>
""", """
## ✏️ Exercise 01-first-deployment

Use `kubectl create deployment` to create a Deployment `greeter` running `nginx:1.27` with **2** replicas, and wait until all its pods are ready. Then verify with `%check 01-first-deployment`.

Write your answer in the empty cell below; the collapsed cell after it is the solution.

<details><summary>Hint 1</summary>

`%kubectl create deployment --help` lists `--image` and `--replicas`.
</details>
<details><summary>Hint 2</summary>

`%kubectl rollout status deployment/greeter --timeout=30s` waits until every desired replica is available.
</details>
"""),
code(""),
solution("""
// Solution · 풀이
%kubectl create deployment greeter --image=nginx:1.27 --replicas=2
%kubectl rollout status deployment/greeter --timeout=30s
"""),
code("%check 01-first-deployment"),
md("""
## 정리

- 클러스터 = 노드들의 집합. 컨트롤 플레인이 결정하고, 워커 노드가 파드를 실행한다.
- 컨트롤 플레인: kube-apiserver(유일한 입구), etcd(상태 저장소), kube-scheduler(노드 선택), kube-controller-manager(원하는 상태 유지), 클라우드라면 cloud-controller-manager.
- 노드: kubelet(노드 에이전트), 컨테이너 런타임(containerd 등), kube-proxy(서비스 네트워킹).
- `kubectl cluster-info` → API 서버 주소(kubeconfig에서), `kubectl get nodes` → 노드와 역할, `kubectl get pods -n kube-system` → 시스템 컴포넌트.
- 배포 단위는 파드이고, 보통은 디플로이먼트 같은 상위 리소스로 파드를 관리한다.

다음 노트북(02)은 모든 요청이 지나가는 kube-apiserver를 따라갑니다.
""", """
## Recap

- A cluster is a set of nodes; the control plane decides, worker nodes run pods.
- Control plane: kube-apiserver (the only entry point), etcd (the state store), kube-scheduler (node choice), kube-controller-manager (keeps desired state), plus the cloud-controller-manager on clouds.
- Nodes: kubelet (node agent), a container runtime (containerd, …), kube-proxy (Service networking).
- `kubectl cluster-info` → the API server address (from kubeconfig); `kubectl get nodes` → nodes and roles; `kubectl get pods -n kube-system` → the system components.
- The unit of deployment is the pod, usually managed through a higher-level object such as a Deployment.

Next (02): the kube-apiserver, which every request passes through.
"""),
code("%cluster down"),
]
