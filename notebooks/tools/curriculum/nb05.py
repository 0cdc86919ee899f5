NAME = "05-kube-controller-manager"

from pathlib import Path
WAIT_HELPER = Path(__file__).with_name("nb03.py").read_text().split('WAIT_HELPER = """', 1)[1].split('"""', 1)[0]

CELLS = [
md("""
# 05. kube-controller-manager: 원하는 상태를 지키는 루프들

## 학습 목표
- 컨트롤러의 기본 동작(관찰 → 원하는 상태와 비교 → 조치)을 설명한다.
- 레플리카셋의 자가 치유, 잡(Job), 엔드포인트슬라이스, 서비스어카운트 컨트롤러가 일하는 모습을 본다.
- 컨트롤러 매니저를 멈추면 자가 치유가 멈추고 상태(status)도 낡은 값으로 남는다는 것을 확인한다.
- 노드 컨트롤러: 노드가 NotReady가 되면 파드가 축출되고 다른 노드에 다시 만들어지는 과정을 따라간다.
""", """
# 05. kube-controller-manager: the loops that keep desired state

## Learning goals
- Explain a controller's loop: observe → compare with the desired state → act.
- Watch the ReplicaSet (self-healing), Job, EndpointSlice and ServiceAccount controllers at work.
- Stop the controller manager and see self-healing stop — and status go stale.
- Follow the node controller: a node goes NotReady, its pods are evicted and recreated on another node.
"""),
code("%cluster up"),
code(WAIT_HELPER),
md("""
## 컨트롤러란

컨트롤러는 하나의 리소스 종류를 맡아 끝없이 돌아가는 루프입니다. API 서버를 watch하다가 **원하는 상태**(spec, 예: 레플리카 3개)와 **실제 상태**(지금 파드 2개)가 다르면 차이를 메우는 요청(파드 하나 생성)을 API 서버에 보냅니다. 컨트롤러끼리 직접 호출하지 않고, 모두 API 서버의 오브젝트를 통해 협업합니다.

kube-controller-manager는 수십 개 컨트롤러를 **하나의 바이너리, 하나의 프로세스**로 묶어 돌립니다. 논리적으로는 각자 독립된 루프입니다. 대표적으로
- **Node 컨트롤러**: 노드 하트비트를 감시하고, 사라진 노드의 파드를 축출
- **ReplicaSet / Deployment 컨트롤러**: 파드 개수 유지, 롤링 업데이트 (예전의 Replication Controller 역할)
- **Job 컨트롤러**: 한 번 실행하고 끝나는 작업의 파드 관리
- **EndpointSlice 컨트롤러**: 서비스와 파드를 잇는 엔드포인트 목록 관리
- **ServiceAccount 컨트롤러**: 새 네임스페이스마다 `default` 서비스어카운트 생성

클라우드 전용 컨트롤러(클라우드 노드 수명, 라우트, 로드밸런서 서비스)는 cloud-controller-manager 에 따로 있습니다.
""", """
## What a controller is

A controller is an endless loop in charge of one kind of resource. It watches the API server, and when the **desired state** (the spec, e.g. 3 replicas) differs from the **actual state** (2 pods right now) it sends the API server whatever closes the gap (create a pod). Controllers never call each other; they cooperate through objects in the API server.

kube-controller-manager runs dozens of controllers compiled into **one binary, one process**, each logically its own loop. Among them:
- **Node controller**: watches node heartbeats, evicts pods from lost nodes,
- **ReplicaSet / Deployment controllers**: keep pod counts, roll out updates (the old Replication Controller's job),
- **Job controller**: pods for run-to-completion work,
- **EndpointSlice controller**: the endpoint lists linking Services to pods,
- **ServiceAccount controller**: a `default` ServiceAccount in every new namespace.

Cloud-specific controllers (cloud node lifecycle, routes, load-balancer Services) live separately in the cloud-controller-manager.
"""),
code("""
%kubectl create deployment web --image=nginx:1.27 --replicas=3
%kubectl rollout status deployment/web --timeout=30s
%kubectl get deployments,replicasets,pods -l app=web
"""),
md("""
## 레플리카셋의 자가 치유

파드 하나를 지워 봅니다. 레플리카셋 컨트롤러는 파드가 2개가 된 것을 보고 곧바로 새 파드를 만듭니다.
""", """
## ReplicaSet self-healing

Delete one pod. The ReplicaSet controller sees two pods where three are wanted and creates a new one at once.
"""),
code("""
var web = client.pods().inNamespace("default").withLabel("app", "web");
String victim = web.list().getItems().get(0).getMetadata().getName();
client.pods().inNamespace("default").withName(victim).withGracePeriod(0).delete();
waitUntil("3 running web pods, none named " + victim, Duration.ofSeconds(30), () -> {
    var pods = web.list().getItems();
    return pods.size() == 3 && pods.stream().allMatch(p -> !p.getMetadata().getName().equals(victim)
        && "Running".equals(p.getStatus().getPhase()));
});
System.out.println("deleted " + victim + "; now:");
web.list().getItems().forEach(p -> System.out.println("  " + p.getMetadata().getName() + " on " + p.getSpec().getNodeName()));
"""),
code("%kubectl get events --field-selector involvedObject.kind=ReplicaSet"),
md("""
## Job 컨트롤러

잡은 "끝나야 하는" 작업입니다. 컨테이너가 성공적으로 종료되면 잡은 `Complete` 가 됩니다.

> 이 클러스터의 kubelet은 시뮬레이션이라 컨테이너 명령을 실제로 실행하지 않습니다. 대신 `kubelab.dev/simulate` 어노테이션으로 컨테이너의 행동을 정합니다. 여기서는 `run-for=1s`: 1초 동안 돌고 종료 코드 0으로 끝납니다.
""", """
## The Job controller

A Job is work that is meant to finish. When its container exits successfully, the Job becomes `Complete`.

> This cluster's kubelet is simulated and does not run container commands; the `kubelab.dev/simulate` annotation scripts what a container does instead. Here `run-for=1s`: it runs for one second and exits 0.
"""),
code("""
%%apply
apiVersion: batch/v1
kind: Job
metadata:
  name: once
spec:
  template:
    metadata:
      annotations:
        kubelab.dev/simulate: run-for=1s
    spec:
      restartPolicy: Never
      containers:
      - name: task
        image: busybox:1.36
        command: ["sh", "-c", "echo migrating; sleep 1"]
"""),
code("""
%kubectl wait --for=condition=Complete job/once --timeout=30s
%kubectl get job once
%kubectl get pods -l job-name=once
"""),
md("""
## EndpointSlice 컨트롤러

서비스를 만들면 EndpointSlice 컨트롤러가 셀렉터에 맞는 **Ready 파드의 IP** 목록을 EndpointSlice 오브젝트로 유지합니다. kube-proxy는 이 목록으로 트래픽 규칙을 만듭니다(07).
""", """
## The EndpointSlice controller

For each Service, the EndpointSlice controller keeps the list of **ready pod IPs** matching its selector in EndpointSlice objects; kube-proxy turns those lists into traffic rules (notebook 07).
"""),
code("""
%kubectl expose deployment web --port=80
waitUntil("3 endpoints for web", Duration.ofSeconds(30), () ->
    client.discovery().v1().endpointSlices().inNamespace("default").withLabel("kubernetes.io/service-name", "web")
        .list().getItems().stream().mapToInt(s -> s.getEndpoints().size()).sum() == 3);
%kubectl get endpointslices -l kubernetes.io/service-name=web
"""),
md("""
## ServiceAccount 컨트롤러

새 네임스페이스를 만들면 곧 `default` 서비스어카운트가 생깁니다. 우리가 만든 게 아니라 컨트롤러가 만든 것입니다.
""", """
## The ServiceAccount controller

Create a namespace, and a `default` ServiceAccount appears in it shortly — made by a controller, not by us.
"""),
code("""
%kubectl create namespace team-a
waitUntil("the default ServiceAccount in team-a", Duration.ofSeconds(30), () ->
    client.serviceAccounts().inNamespace("team-a").withName("default").get() != null);
%kubectl get serviceaccounts -n team-a
"""),
md("""
## 컨트롤러 매니저를 멈추면

컨트롤러 매니저를 멈추고 파드를 하나 지웁니다. 이번에는 아무도 파드를 다시 만들지 않습니다. 눈여겨볼 점: 디플로이먼트의 `READY` 는 여전히 `3/3` 입니다. status를 쓰는 주체도 바로 그 (멈춘) 컨트롤러이기 때문에, 낡은 값이 그대로 남아 있습니다. 모니터링에서 status만 믿으면 안 되는 이유입니다.
""", """
## Stopping the controller manager

Stop the controller manager and delete a pod. This time nobody recreates it. Note that the Deployment still says `READY 3/3`: status is written by those same (stopped) controllers, so it goes stale — a reason not to trust status alone when monitoring.
"""),
code("""
%stop kube-controller-manager
String second = web.list().getItems().get(0).getMetadata().getName();
client.pods().inNamespace("default").withName(second).withGracePeriod(0).delete();
waitUntil(second + " to be gone", Duration.ofSeconds(30), () -> web.list().getItems().size() == 2);
%kubectl get deployment web
%kubectl get pods -l app=web
"""),
code("""
%start kube-controller-manager
waitUntil("3 running web pods again", Duration.ofSeconds(30), () ->
    web.list().getItems().stream().filter(p -> "Running".equals(p.getStatus().getPhase())).count() == 3);
%kubectl get deployment web
"""),
md("""
## 노드 컨트롤러: 노드가 사라지면

kubelet은 약 10초마다 `kube-node-lease` 네임스페이스의 Lease를 갱신해 "살아 있다"고 알립니다. Lease가 `node-monitor-grace-period`(기본 40초, 1.32부터 50초) 동안 갱신되지 않으면 노드 컨트롤러가
1. 노드의 `Ready` 조건을 `Unknown` 으로 바꾸고 (`kubectl get nodes` 에 `NotReady`),
2. `node.kubernetes.io/unreachable:NoExecute` 테인트를 붙입니다.
3. 이 테인트를 견디지 못하는 파드는 축출됩니다. 보통 파드는 어드미션이 넣어 준 `tolerationSeconds: 300` 때문에 5분을 버티는데, 이 실습에서는 기다리지 않도록 0초로 줄였습니다.

축출된 파드는 kubelet이 확인해 주지 않으니 `Terminating` 으로 남지만, 레플리카셋은 그 자리를 다른 노드의 새 파드로 채웁니다. kubelet이 돌아오면 남은 파드가 정리됩니다.

이 셀은 노드 감시 유예 시간만큼(수십 초) 걸립니다.
""", """
## The node controller: when a node disappears

Every ~10 s the kubelet renews its Lease in the `kube-node-lease` namespace to say it is alive. When the Lease is not renewed for `node-monitor-grace-period` (40 s by default, 50 s from 1.32) the node controller
1. sets the node's `Ready` condition to `Unknown` (`NotReady` in `kubectl get nodes`),
2. adds the taint `node.kubernetes.io/unreachable:NoExecute`,
3. evicts pods that do not tolerate it. Ordinary pods tolerate it for 300 s (`tolerationSeconds` added at admission); this lab sets 0 so we don't wait five minutes.

Without a kubelet to confirm, evicted pods stay `Terminating`, but the ReplicaSet fills their places with new pods on other nodes. When the kubelet comes back the leftovers are cleaned up.

This cell takes as long as the grace period (tens of seconds).
"""),
code("%kubectl get leases -n kube-node-lease"),
code("""
%%apply
apiVersion: apps/v1
kind: Deployment
metadata:
  name: resilient
spec:
  replicas: 4
  selector:
    matchLabels: {app: resilient}
  template:
    metadata:
      labels: {app: resilient}
    spec:
      tolerations:
      - {key: node.kubernetes.io/unreachable, operator: Exists, effect: NoExecute, tolerationSeconds: 0}
      - {key: node.kubernetes.io/not-ready, operator: Exists, effect: NoExecute, tolerationSeconds: 0}
      containers:
      - name: app
        image: nginx:1.27
"""),
code("""
%kubectl rollout status deployment/resilient --timeout=30s
%kubectl get pods -l app=resilient -o wide
"""),
code("""
%stop kubelet --node kubelab-worker2
var worker2 = client.nodes().withName("kubelab-worker2");
waitUntil("kubelab-worker2 to be NotReady", Duration.ofSeconds(90), () -> worker2.get().getStatus().getConditions().stream()
    .anyMatch(c -> c.getType().equals("Ready") && !c.getStatus().equals("True")));
var resilient = client.pods().inNamespace("default").withLabel("app", "resilient");
waitUntil("4 running resilient pods on kubelab-worker", Duration.ofSeconds(30), () -> resilient.list().getItems().stream()
    .filter(p -> p.getMetadata().getDeletionTimestamp() == null && "kubelab-worker".equals(p.getSpec().getNodeName())
        && "Running".equals(p.getStatus().getPhase())).count() == 4);
%kubectl get nodes
%kubectl get pods -l app=resilient -o wide
"""),
code("%kubectl describe node kubelab-worker2"),
md("""
노드를 되살립니다. kubelet이 다시 Lease를 갱신하면 노드 컨트롤러가 테인트를 걷고, `Terminating` 으로 남았던 파드는 kubelet이 정리합니다.
""", """
Bring the node back: the kubelet renews its Lease again, the node controller removes the taint, and the kubelet finishes off the `Terminating` leftovers.
"""),
code("""
%start kubelet --node kubelab-worker2
waitUntil("kubelab-worker2 Ready", Duration.ofSeconds(30), () -> worker2.get().getStatus().getConditions().stream()
    .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True")));
%kubectl get nodes
"""),
md("""
## ✏️ 연습 문제 05-backend

1. 이미지 `nginx:1.27`, 레플리카 3개인 디플로이먼트 `api` 를 만들고 레이블 `tier=backend` 를 붙이세요(디플로이먼트 오브젝트에).
2. 파드 하나를 지우고 레플리카셋이 다시 3개로 맞추는 것을 확인하세요.

`%check 05-backend` 로 확인합니다.

<details><summary>힌트 1</summary>

`%kubectl create deployment api --image=nginx:1.27 --replicas=3` 후 `%kubectl label deployment api tier=backend`
</details>
<details><summary>힌트 2</summary>

파드 하나 지우기: `%kubectl delete pod -l app=api --field-selector ...` 는 여러 개가 지워질 수 있으니, 위의 Java 셀처럼 이름 하나를 골라 지우세요.
</details>
""", """
## ✏️ Exercise 05-backend

1. Create a Deployment `api` running `nginx:1.27` with 3 replicas, and label the Deployment object `tier=backend`.
2. Delete one of its pods and see the ReplicaSet bring it back to 3.

Verify with `%check 05-backend`.

<details><summary>Hint 1</summary>

`%kubectl create deployment api --image=nginx:1.27 --replicas=3`, then `%kubectl label deployment api tier=backend`.
</details>
<details><summary>Hint 2</summary>

To delete exactly one pod, pick one name as the Java cell above does.
</details>
"""),
code(""),
solution("""
// Solution · 풀이
%kubectl create deployment api --image=nginx:1.27 --replicas=3
%kubectl label deployment api tier=backend
%kubectl rollout status deployment/api --timeout=30s
var api = client.pods().inNamespace("default").withLabel("app", "api");
client.pods().inNamespace("default").withName(api.list().getItems().get(0).getMetadata().getName()).withGracePeriod(0).delete();
waitUntil("3 running api pods", Duration.ofSeconds(30), () -> api.list().getItems().stream()
    .filter(p -> p.getMetadata().getDeletionTimestamp() == null && "Running".equals(p.getStatus().getPhase())).count() == 3);
%kubectl rollout status deployment/api --timeout=30s
"""),
code("%check 05-backend"),
md("""
## 정리

- 컨트롤러 = 관찰 → 비교 → 조치 루프. 모두 API 서버를 통해 일하고, kube-controller-manager는 여러 컨트롤러를 한 프로세스로 돌린다.
- 레플리카셋은 지워진 파드를 다시 만들고(자가 치유), 잡은 끝나는 작업을, 엔드포인트슬라이스는 서비스 뒤의 Ready 파드 목록을, 서비스어카운트 컨트롤러는 네임스페이스마다 default SA를 만든다.
- 컨트롤러 매니저가 멈추면 자가 치유가 멈추고 status도 갱신되지 않는다. 기존 파드는 계속 돈다.
- 노드 컨트롤러: Lease가 끊기면 NotReady → NoExecute 테인트 → tolerationSeconds 후 축출 → 레플리카셋이 다른 노드에 다시 생성.
""", """
## Recap

- A controller is an observe → compare → act loop working through the API server; kube-controller-manager runs many of them in one process.
- The ReplicaSet controller recreates deleted pods (self-healing); the Job controller runs work to completion; the EndpointSlice controller tracks the ready pods behind a Service; the ServiceAccount controller creates `default` in every namespace.
- With the controller manager stopped, self-healing stops and status is no longer updated; running pods carry on.
- Node controller: Lease not renewed → NotReady → NoExecute taint → eviction after tolerationSeconds → the ReplicaSet recreates the pods elsewhere.
"""),
code("%cluster down"),
]
