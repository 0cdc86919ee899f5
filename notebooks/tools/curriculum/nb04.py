NAME = "04-kube-scheduler"

CELLS = [
md("""
# 04. kube-scheduler: 파드는 어느 노드로 가는가

## 학습 목표
- 스케줄러가 하는 일(노드가 정해지지 않은 파드를 찾아 노드를 고르고 바인딩)을 관찰한다.
- 노트의 질문에 라이브 클러스터로 답한다: **nginx 파드 하나는 어디로 가나? 디플로이먼트로 배포하면 무엇이 달라지나? 원하는 노드에 띄우려면?**
- requests와 allocatable, nodeSelector, 노드 어피니티, 파드 안티어피니티, 테인트와 톨러레이션, nodeName의 차이를 설명한다.
- 스케줄러를 멈추고 파드가 Pending으로 기다리는 것을 본다. `%explain` 으로 스케줄러의 판단 근거를 읽는다.
""", """
# 04. kube-scheduler: which node does a pod go to?

## Learning goals
- Watch what the scheduler does: find pods without a node, pick a node, bind.
- Answer the study notes' questions on a live cluster: **where does a single nginx pod go? What changes with a Deployment? How do I put a pod where I want?**
- Tell apart requests vs allocatable, nodeSelector, node affinity, pod anti-affinity, taints and tolerations, and nodeName.
- Stop the scheduler and watch pods wait in Pending; read the scheduler's reasoning with `%explain`.
"""),
code("%cluster up"),
md("""
## 스케줄러의 판단 재료

kube-scheduler는 `spec.nodeName` 이 비어 있는 파드를 watch합니다. 파드마다 두 단계로 노드를 고릅니다.
1. **필터링**: 이 파드를 받을 수 *없는* 노드를 제외합니다. 자원 요청(requests)이 남은 allocatable에 들어가는지, nodeSelector·어피니티가 맞는지, 톨러레이션 없는 테인트가 있는지 등.
2. **점수 매기기**: 남은 노드에 점수를 매겨(자원 균형, 이미지 보유 여부, 같은 워크로드 분산 등) 가장 높은 노드를 고르고, `Binding` 으로 API 서버에 기록합니다.

그 밖에도 하드웨어·소프트웨어·정책 제약, 데이터 지역성, 워크로드 간 간섭, 데드라인 같은 요구를 플러그인으로 반영합니다. 먼저 각 노드가 내놓은 자원과 테인트를 봅니다.
""", """
## What the scheduler decides with

kube-scheduler watches pods whose `spec.nodeName` is empty and picks a node in two phases:
1. **Filtering** removes nodes that *cannot* take the pod: do its resource requests fit the remaining allocatable, do nodeSelector and affinity match, does the node have a taint the pod does not tolerate, …
2. **Scoring** ranks the rest (resource balance, images already present, spreading a workload, …); the best node wins and the choice is written to the API server as a `Binding`.

Hardware, software and policy constraints, data locality, inter-workload interference and deadlines all enter through such plugins. First, what each node offers and which taints it carries:
"""),
code("%kubectl get nodes -o custom-columns=NAME:.metadata.name,CPU:.status.allocatable.cpu,MEMORY:.status.allocatable.memory,PODS:.status.allocatable.pods,TAINTS:.spec.taints[*].key"),
md("""
## 질문 1: nginx 파드 하나는 어디로 가나?

컨트롤 플레인 노드는 `NoSchedule` 테인트 때문에 후보에서 빠지고, 두 워커 중 점수가 높은 쪽으로 갑니다. `%explain` 은 노드마다 어느 필터가 거절했는지, 각 플러그인이 몇 점을 줬는지 보여 줍니다.
""", """
## Question 1: where does a single nginx pod go?

The control-plane node drops out because of its `NoSchedule` taint; the pod goes to whichever worker scores higher. `%explain` shows, per node, which filter rejected it and what each scoring plugin gave.
"""),
code("""
%kubectl run nginx --image=nginx:1.27
%kubectl wait --for=condition=Ready pod/nginx --timeout=30s
%kubectl get pod nginx -o wide
"""),
code("%explain pod nginx"),
md("""
## 질문 2: 디플로이먼트로 배포하면 무엇이 달라지나?

파드 하나를 직접 만들면 그 파드가 죽거나 노드가 사라져도 아무도 다시 만들지 않습니다. 디플로이먼트는 레플리카셋을 통해 **원하는 개수**를 유지하고, 롤링 업데이트도 해 줍니다. 스케줄러 입장에서는 같은 레플리카셋의 파드를 여러 노드에 **분산**시키는 점수(PodTopologySpread 기본 제약)가 더해집니다.
""", """
## Question 2: what changes with a Deployment?

A pod you create yourself is never recreated when it dies or its node disappears. A Deployment keeps the **desired number** of replicas through a ReplicaSet and performs rolling updates. For the scheduler, pods of the same ReplicaSet also get a score for **spreading** across nodes (the default PodTopologySpread constraints).
"""),
code("""
%kubectl create deployment web --image=nginx:1.27 --replicas=4
%kubectl rollout status deployment/web --timeout=30s
%kubectl get pods -l app=web -o wide
"""),
code("""
var perNode = new java.util.TreeMap<String, Integer>();
client.pods().inNamespace("default").withLabel("app", "web").list().getItems()
    .forEach(p -> perNode.merge(p.getSpec().getNodeName(), 1, Integer::sum));
perNode
"""),
md("""
### 배포 방법이 이 둘뿐인가? 언제 무엇을 쓰나?

| 리소스 | 언제 쓰나 |
|---|---|
| Pod | 실험, 디버깅. 운영에서는 거의 직접 만들지 않는다 |
| Deployment | 상태 없는(stateless) 웹·API 서버. 개수 유지와 롤링 업데이트 |
| StatefulSet | 고정된 이름·순서·볼륨이 필요한 DB, 메시지 큐 |
| DaemonSet | 노드마다 하나씩: 로그 수집기, 모니터링 에이전트, CNI, kube-proxy |
| Job / CronJob | 끝나는 작업(배치, 마이그레이션) / 정해진 시각에 반복 |

DaemonSet은 스케줄러와 함께 **모든 (해당) 노드에 하나씩** 파드를 놓습니다. 컨트롤 플레인 노드는 테인트 때문에 빠집니다.
""", """
### Are those the only ways to deploy? Which one when?

| resource | use it for |
|---|---|
| Pod | experiments, debugging; rarely created directly in production |
| Deployment | stateless web and API servers: keeps a count, rolling updates |
| StatefulSet | databases and queues needing stable names, ordering and volumes |
| DaemonSet | one per node: log shippers, monitoring agents, CNI, kube-proxy |
| Job / CronJob | work that finishes (batch, migrations) / on a schedule |

A DaemonSet puts **one pod on every (matching) node**; the control-plane node is skipped because of its taint.
"""),
code("""
%%apply
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: node-agent
spec:
  selector:
    matchLabels: {app: node-agent}
  template:
    metadata:
      labels: {app: node-agent}
    spec:
      containers:
      - name: agent
        image: busybox:1.36
        command: ["sh", "-c", "while true; do sleep 3600; done"]
"""),
code("""
%kubectl rollout status daemonset/node-agent --timeout=30s
%kubectl get pods -l app=node-agent -o wide
"""),
md("""
## requests와 allocatable: 들어갈 자리가 없으면 Pending

스케줄러는 실제 사용량이 아니라 **requests** 의 합을 노드의 **allocatable** 과 비교합니다. CPU 64개를 요청하는 파드는 어느 노드에도 들어가지 않으므로 `PodScheduled=False` 인 채 Pending으로 남고, `FailedScheduling` 이벤트에 노드별 이유가 적힙니다.
""", """
## Requests vs allocatable: no room means Pending

The scheduler compares the sum of **requests** — not actual usage — with each node's **allocatable**. A pod requesting 64 CPUs fits nowhere: it stays Pending with `PodScheduled=False`, and a `FailedScheduling` event lists the reason per node.
"""),
code("""
%%apply
apiVersion: v1
kind: Pod
metadata:
  name: huge
spec:
  containers:
  - name: app
    image: nginx:1.27
    resources:
      requests: {cpu: "64", memory: 1Gi}
"""),
code("""
%kubectl wait --for=condition=PodScheduled=false pod/huge --timeout=20s
%kubectl get events --field-selector involvedObject.name=huge
"""),
code("%explain pod huge"),
md("""
## 질문 3: 원하는 노드에 띄우려면?

가장 단순한 것부터 강한 것까지:
1. **nodeSelector**: 노드 레이블이 정확히 일치해야 한다.
2. **노드 어피니티**: `In`, `NotIn`, `Exists` 같은 표현식. `required…`(필수)와 `preferred…`(선호, 점수)가 있다.
3. **파드 (안티)어피니티**: 다른 *파드* 가 있는(없는) 곳으로. 레플리카를 노드마다 하나씩 흩어 놓을 때 쓴다.
4. **테인트/톨러레이션**: 노드 쪽에서 "이 표식을 견디는 파드만 와라"라고 밀어낸다.
5. **nodeName**: 스케줄러를 아예 건너뛰고 노드를 직접 지정한다.

### nodeSelector
""", """
## Question 3: how do I place a pod where I want?

From simplest to strongest:
1. **nodeSelector**: node labels must match exactly.
2. **Node affinity**: expressions (`In`, `NotIn`, `Exists`, …), either `required…` (a filter) or `preferred…` (a score).
3. **Pod (anti-)affinity**: go where other *pods* are (or are not) — e.g. one replica per node.
4. **Taints and tolerations**: the node repels every pod that does not tolerate its mark.
5. **nodeName**: skip the scheduler and name the node yourself.

### nodeSelector
"""),
code("%kubectl label node kubelab-worker2 disktype=ssd"),
code("""
%%apply
apiVersion: v1
kind: Pod
metadata:
  name: fast
spec:
  nodeSelector:
    disktype: ssd
  containers:
  - name: app
    image: nginx:1.27
"""),
code("""
%kubectl wait --for=condition=Ready pod/fast --timeout=30s
%kubectl get pod fast -o wide
"""),
md("""
### 파드 안티어피니티: 레플리카를 노드마다 하나씩

캐시 서버 두 대가 같은 노드에 몰리면 그 노드 하나가 죽을 때 둘 다 사라집니다. `requiredDuringSchedulingIgnoredDuringExecution` 안티어피니티를 `kubernetes.io/hostname` 기준으로 걸면 같은 노드에 두 개가 올 수 없습니다. 워커가 둘뿐이니 **세 번째 레플리카는 갈 곳이 없습니다.**
""", """
### Pod anti-affinity: one replica per node

Two cache replicas on the same node both vanish when that node dies. A `requiredDuringSchedulingIgnoredDuringExecution` anti-affinity on `kubernetes.io/hostname` forbids two on one node. With only two workers, **a third replica has nowhere to go.**
"""),
code("""
%%apply
apiVersion: apps/v1
kind: Deployment
metadata:
  name: cache
spec:
  replicas: 2
  selector:
    matchLabels: {app: cache}
  template:
    metadata:
      labels: {app: cache}
    spec:
      affinity:
        podAntiAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
          - labelSelector:
              matchLabels: {app: cache}
            topologyKey: kubernetes.io/hostname
      containers:
      - name: redis
        image: redis:7.2
"""),
code("""
%kubectl rollout status deployment/cache --timeout=30s
%kubectl scale deployment cache --replicas=3
"""),
code("""
import java.time.Duration;

long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
java.util.List<String> unschedulable = java.util.List.of();
while (unschedulable.isEmpty() && System.nanoTime() < deadline) {
    Thread.sleep(200);
    unschedulable = client.pods().inNamespace("default").withLabel("app", "cache").list().getItems().stream()
        .filter(p -> p.getStatus().getConditions().stream()
            .anyMatch(c -> c.getType().equals("PodScheduled") && c.getStatus().equals("False")))
        .map(p -> p.getMetadata().getName()).toList();
}
System.out.println("unschedulable: " + unschedulable);
"""),
code("%kubectl get pods -l app=cache -o wide"),
md("""
세 번째 파드는 `Pending` 입니다. 안티어피니티가 있는 한 워커를 늘리기 전까지 스케줄되지 않습니다. 레플리카를 2로 되돌립니다.

### 테인트와 톨러레이션

테인트는 노드가 파드를 **밀어내는** 표식입니다. 두 워커에 `dedicated=batch:NoSchedule` 을 걸면, 톨러레이션 없는 새 파드는 갈 곳이 없습니다. 이미 떠 있던 파드는 그대로입니다(`NoExecute` 였다면 쫓겨났을 것입니다). 같은 테인트를 견디는(`tolerations`) 파드만 들어갑니다. 톨러레이션은 "가도 된다"는 허락일 뿐 "그리로 가라"는 뜻은 아니므로, 특정 노드 전용으로 만들려면 테인트와 nodeSelector/어피니티를 함께 씁니다.
""", """
The third pod is `Pending`: with that anti-affinity it will not schedule until there is another worker. Scale back to 2.

### Taints and tolerations

A taint is a node's way of **repelling** pods. Put `dedicated=batch:NoSchedule` on both workers and a new pod without a toleration has nowhere to go; pods already running stay put (a `NoExecute` taint would evict them). Only pods that tolerate the taint get in. A toleration is a permission, not an instruction: to dedicate nodes, combine a taint with a nodeSelector or affinity.
"""),
code("""
%kubectl scale deployment cache --replicas=2
%kubectl taint nodes kubelab-worker kubelab-worker2 dedicated=batch:NoSchedule
%kubectl run plain --image=nginx:1.27
%kubectl wait --for=condition=PodScheduled=false pod/plain --timeout=20s
"""),
code("""
%%apply
apiVersion: v1
kind: Pod
metadata:
  name: tolerant
spec:
  tolerations:
  - key: dedicated
    operator: Equal
    value: batch
    effect: NoSchedule
  containers:
  - name: app
    image: nginx:1.27
"""),
code("""
%kubectl wait --for=condition=Ready pod/tolerant --timeout=30s
%kubectl get pods plain tolerant -o wide
"""),
md("""
테인트를 지우면(`키=값:효과-`) 기다리던 `plain` 도 스케줄됩니다.
""", """
Remove the taint (`key=value:effect-`) and the waiting `plain` pod is scheduled too.
"""),
code("""
%kubectl taint nodes kubelab-worker kubelab-worker2 dedicated=batch:NoSchedule-
%kubectl wait --for=condition=Ready pod/plain --timeout=30s
"""),
md("""
### nodeName: 스케줄러 건너뛰기

`spec.nodeName` 을 처음부터 채워서 만들면 스케줄러는 그 파드를 아예 보지 않고, 해당 노드의 kubelet이 바로 실행합니다. 그래서 `Scheduled` 이벤트가 없습니다. 편하지만 자원·어피니티 검사를 건너뛰므로 운영에서는 거의 쓰지 않습니다(스태틱 파드와 DaemonSet 초기 구현이 이런 방식이었습니다).
""", """
### nodeName: bypassing the scheduler

A pod created with `spec.nodeName` already set is never seen by the scheduler; that node's kubelet runs it straight away, so there is no `Scheduled` event. Convenient, but it skips the resource and affinity checks, so production rarely uses it (static pods and the early DaemonSet controller worked this way).
"""),
code("""
%%apply
apiVersion: v1
kind: Pod
metadata:
  name: direct
spec:
  nodeName: kubelab-worker2
  containers:
  - name: app
    image: nginx:1.27
"""),
code("""
%kubectl wait --for=condition=Ready pod/direct --timeout=30s
%kubectl get events --field-selector involvedObject.name=direct
"""),
md("""
## 스케줄러를 멈추면

스케줄러가 없으면 새 파드는 만들어지기는 하지만(API 서버와 etcd는 멀쩡하므로) 노드가 정해지지 않아 **Pending** 으로 기다립니다. 이미 떠 있는 파드에는 아무 영향이 없습니다. 스케줄러가 돌아오면 밀린 파드를 바로 처리합니다.
""", """
## Stopping the scheduler

Without a scheduler, new pods are still created (the API server and etcd are fine) but never get a node: they wait in **Pending**. Running pods are unaffected. When the scheduler returns it works through the backlog.
"""),
code("""
%stop kube-scheduler
%kubectl run waiting --image=nginx:1.27
%kubectl get pod waiting -o wide
"""),
code("""
%start kube-scheduler
%kubectl wait --for=condition=Ready pod/waiting --timeout=30s
%kubectl get pod waiting -o wide
"""),
md("""
## ✏️ 연습 문제 04-pin-a-pod

`kubelab-worker` 에 레이블 `zone=blue` 를 붙이고, 파드 `pinned`(이미지 `nginx:1.27`)가 **노드 어피니티**(`requiredDuringSchedulingIgnoredDuringExecution`)로 그 노드에 스케줄되게 만드세요. `nodeName` 은 쓰지 마세요 — 스케줄러가 고르게 해야 합니다.

`%check 04-pin-a-pod` 로 확인하고, `%explain pod pinned` 로 다른 노드가 왜 탈락했는지도 읽어 보세요.

<details><summary>힌트 1</summary>

`%kubectl label node kubelab-worker zone=blue`
</details>
<details><summary>힌트 2</summary>

`spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions` 에 `{key: zone, operator: In, values: [blue]}`
</details>
""", """
## ✏️ Exercise 04-pin-a-pod

Label `kubelab-worker` with `zone=blue`, and make a pod `pinned` (image `nginx:1.27`) land on it through **node affinity** (`requiredDuringSchedulingIgnoredDuringExecution`). No `nodeName` — the scheduler must make the choice.

Verify with `%check 04-pin-a-pod`, and read with `%explain pod pinned` why the other nodes were rejected.

<details><summary>Hint 1</summary>

`%kubectl label node kubelab-worker zone=blue`
</details>
<details><summary>Hint 2</summary>

Put `{key: zone, operator: In, values: [blue]}` under `spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions`.
</details>
"""),
code(""),
solution("""
// Solution · 풀이
%kubectl label node kubelab-worker zone=blue
"""),
solution("""
%%apply
# Solution · 풀이
apiVersion: v1
kind: Pod
metadata:
  name: pinned
spec:
  affinity:
    nodeAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
        nodeSelectorTerms:
        - matchExpressions:
          - {key: zone, operator: In, values: [blue]}
  containers:
  - name: app
    image: nginx:1.27
"""),
code("""
%kubectl wait --for=condition=Ready pod/pinned --timeout=30s
%check 04-pin-a-pod
"""),
code("%explain pod pinned"),
md("""
## 정리

- 스케줄러는 `nodeName` 이 빈 파드를 찾아 **필터링 → 점수** 로 노드를 고르고 Binding으로 기록한다. 실제 실행은 그 노드의 kubelet 몫이다.
- nginx 파드 하나: 테인트가 있는 컨트롤 플레인을 제외한 워커 중 점수가 높은 곳으로. 디플로이먼트: 개수 유지 + 노드에 분산. 그 밖에 StatefulSet, DaemonSet, Job/CronJob.
- 자리 판단은 실제 사용량이 아니라 requests vs allocatable. 맞는 노드가 없으면 Pending + FailedScheduling 이벤트.
- 원하는 곳에: nodeSelector < 노드 어피니티 < 파드 (안티)어피니티, 밀어내기는 테인트/톨러레이션, 우회는 nodeName.
- 스케줄러가 멈추면 새 파드만 Pending, 기존 파드는 영향 없음.
""", """
## Recap

- The scheduler finds pods without `nodeName`, picks a node by **filtering then scoring**, and records a Binding; running the pod is the kubelet's job.
- One nginx pod: the best-scoring worker (the tainted control plane is filtered out). A Deployment: a kept count, spread over nodes. Also StatefulSet, DaemonSet, Job/CronJob.
- Fit is requests vs allocatable, not real usage; no fitting node means Pending plus a FailedScheduling event.
- To place pods: nodeSelector < node affinity < pod (anti-)affinity; taints and tolerations repel; nodeName bypasses the scheduler.
- Scheduler down: new pods wait in Pending; running pods are untouched.
"""),
code("%cluster down"),
]
