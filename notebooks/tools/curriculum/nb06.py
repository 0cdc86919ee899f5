NAME = "06-kubelet-and-runtime"

from pathlib import Path
WAIT_HELPER = Path(__file__).with_name("nb03.py").read_text().split('WAIT_HELPER = """', 1)[1].split('"""', 1)[0]

CELLS = [
md("""
# 06. kubelet과 컨테이너 런타임

## 학습 목표
- kubelet이 노드 에이전트로서 하는 일(파드 실행, 상태·하트비트 보고)과 컨테이너 런타임(containerd, CRI-O)과의 분담을 설명한다.
- 파드 라이프사이클: phase와 conditions(PodScheduled, Initialized, ContainersReady, Ready)가 바뀌는 순서를 관찰한다.
- 스태틱 파드와 미러 파드를 구별한다.
- 프로브(liveness, readiness)와 대표 장애 상태 `ImagePullBackOff`, `CrashLoopBackOff` 를 만들어 보고 읽는다.
""", """
# 06. The kubelet and the container runtime

## Learning goals
- Explain what the kubelet does as the node agent (run pods, report status and heartbeats) and what it leaves to the container runtime (containerd, CRI-O).
- Follow a pod's lifecycle: phase and conditions (PodScheduled, Initialized, ContainersReady, Ready) in order.
- Tell static pods and mirror pods apart.
- Use probes (liveness, readiness) and produce and read the classic failures `ImagePullBackOff` and `CrashLoopBackOff`.
"""),
code("%cluster up"),
code(WAIT_HELPER),
md("""
## 진짜 kubelet, 그리고 이 실습의 kubelet

실제 노드에서 kubelet은
1. API 서버를 watch하다가 자기 노드에 바인딩된 파드(PodSpec)를 받고,
2. **CRI**(Container Runtime Interface, gRPC)로 containerd나 CRI-O에게 파드 샌드박스(pause 컨테이너, CNI가 붙여 주는 네트워크 네임스페이스)를 만들게 하고, 이미지를 pull하고, 컨테이너를 만들고 시작시킵니다.
3. 프로브를 돌리고, cgroup 자원 한도를 걸고, 컨테이너 상태 변화를 감지해 파드 status와 이벤트를 API 서버에 보고합니다.
4. Lease를 갱신하고 노드 status(용량, 조건, 이미지 목록)를 보고합니다.

예전에는 Docker를 런타임으로 많이 썼지만(dockershim은 1.24에서 제거), 지금은 CRI 구현체인 containerd와 CRI-O가 표준입니다. rkt 같은 대안도 있었습니다.

> **이 실습 클러스터(embedded)의 kubelet은 시뮬레이션입니다.** 실제 컨테이너는 실행되지 않습니다. 하지만 API에 보이는 것, 즉 파드 phase·conditions·containerStatuses·재시작 횟수·이벤트·노드 Lease는 진짜 kubelet이 쓰는 것과 같은 모양으로 같은 순서로 씁니다. 컨테이너의 행동(크래시, 이미지 pull 실패, 프로브 실패 등)은 파드 어노테이션 `kubelab.dev/simulate`(컨테이너 하나만이면 `kubelab.dev/simulate.<컨테이너이름>`)로 정합니다: `image-pull-error`, `crash-loop[=D]`, `oom[=D]`, `exit-code=N`, `run-for=D`, `run-forever`, `slow-start=D`, `not-ready`, `liveness-fail-after=D`, `ignore-sigterm`. 이미지 이름이나 명령어는 해석하지 않습니다.
""", """
## A real kubelet, and the one in this lab

On a real node the kubelet
1. watches the API server for pods (PodSpecs) bound to its node,
2. asks containerd or CRI-O over the **CRI** (Container Runtime Interface, gRPC) to create the pod sandbox (the pause container and a network namespace wired up by the CNI plugin), pull images, create and start containers,
3. runs probes, sets cgroup limits, notices container state changes and reports pod status and events to the API server,
4. renews its Lease and reports node status (capacity, conditions, images).

Docker used to be the usual runtime (dockershim was removed in 1.24); today the CRI implementations containerd and CRI-O are the norm (rkt was another alternative once).

> **In this lab cluster (embedded) the kubelet is simulated**: no container actually runs. What the API shows — pod phase, conditions, containerStatuses, restart counts, events, node Leases — is written in the same shape and order a real kubelet writes it. What a container *does* (crash, fail to pull, fail a probe, …) is scripted with the pod annotation `kubelab.dev/simulate` (or `kubelab.dev/simulate.<container>` for one container): `image-pull-error`, `crash-loop[=D]`, `oom[=D]`, `exit-code=N`, `run-for=D`, `run-forever`, `slow-start=D`, `not-ready`, `liveness-fail-after=D`, `ignore-sigterm`. Image names and commands are never interpreted.
"""),
code("%kubectl get nodes -o custom-columns=NAME:.metadata.name,KUBELET:.status.nodeInfo.kubeletVersion,RUNTIME:.status.nodeInfo.containerRuntimeVersion,OS:.status.nodeInfo.osImage"),
code("%kubectl describe node kubelab-worker"),
md("""
## 파드 라이프사이클

컨테이너 두 개(`app`, `log-shipper`)짜리 파드를 만들고, 상태가 바뀔 때마다 출력합니다. `app` 은 시작 후 3초가 지나야 Ready가 되도록(`slow-start=3s`) 했습니다. 같은 파드의 컨테이너는 네트워크(IP)와 볼륨을 공유하며 함께 스케줄됩니다.

조건이 켜지는 순서: `PodScheduled`(스케줄러) → `PodReadyToStartContainers`(샌드박스 준비) → `Initialized`(init 컨테이너 완료) → `ContainersReady` → `Ready`(모든 컨테이너 Ready, 서비스 엔드포인트에 포함됨).
""", """
## The pod lifecycle

Create a pod with two containers (`app`, `log-shipper`) and print every change of its status. `app` only becomes ready 3 s after starting (`slow-start=3s`). Containers of one pod share its network (one IP) and volumes and are scheduled together.

Conditions turn true in this order: `PodScheduled` (scheduler) → `PodReadyToStartContainers` (sandbox ready) → `Initialized` (init containers done) → `ContainersReady` → `Ready` (all containers ready; now included in Service endpoints).
"""),
code("""
%%apply
apiVersion: v1
kind: Pod
metadata:
  name: lifecycle
  annotations:
    kubelab.dev/simulate.app: slow-start=3s
spec:
  containers:
  - name: app
    image: nginx:1.27
    readinessProbe:
      httpGet: {path: /, port: 80}
      periodSeconds: 1
  - name: log-shipper
    image: fluent/fluent-bit:3.0
"""),
code("""
var lifecycle = client.pods().inNamespace("default").withName("lifecycle");
String last = "";
long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
while (System.nanoTime() < deadline) {
    var st = lifecycle.get().getStatus();
    String now = st.getPhase() + "  " + st.getConditions().stream()
        .map(c -> c.getType() + "=" + c.getStatus()).sorted().toList();
    if (!now.equals(last)) {
        System.out.println(now);
        last = now;
    }
    if (now.contains("Ready=True") && !now.contains("=False")) break;
    Thread.sleep(100);
}
"""),
code("%kubectl get pod lifecycle -o wide"),
md("""
## 스태틱 파드와 미러 파드

컨트롤 플레인 컴포넌트는 누가 띄울까요? 스케줄러가 있기도 전에 떠야 하므로, kubeadm은 이들을 **스태틱 파드**로 만듭니다. kubelet이 API 서버가 아니라 로컬 디렉터리(`/etc/kubernetes/manifests`)의 매니페스트를 직접 읽어 실행하는 파드입니다. kubelet은 API에 그 사본인 **미러 파드**를 만들어 보여 줄 뿐이고, 미러 파드의 주인(ownerReference)은 노드이며 `kubernetes.io/config.source` 어노테이션이 `file` 입니다.

그래서 미러 파드를 `kubectl delete` 해도 스태틱 파드는 멈추지 않고, kubelet이 다음 동기화 때 미러 파드를 다시 만듭니다(UID만 바뀝니다). 스태틱 파드를 정말 멈추려면 노드에서 매니페스트 파일을 치워야 합니다. 10에서 `kubeadm upgrade` 가 컨트롤 플레인을 올릴 때 바꾸는 것도 바로 이 매니페스트입니다.
""", """
## Static pods and mirror pods

Who starts the control-plane components? They must run before there is a scheduler, so kubeadm makes them **static pods**: the kubelet reads their manifests from a local directory (`/etc/kubernetes/manifests`) instead of the API server and runs them itself. In the API it only publishes a copy, a **mirror pod**, owned by the Node and annotated `kubernetes.io/config.source: file`.

So `kubectl delete` on a mirror pod does not stop the static pod: the kubelet recreates the mirror at its next sync (only the UID changes). To really stop a static pod you remove its manifest file on the node — and those manifests are what `kubeadm upgrade` rewrites when it upgrades the control plane (notebook 10).
"""),
code("""
client.pods().inNamespace("kube-system").list().getItems().stream()
    .filter(p -> p.getMetadata().getAnnotations() != null
        && "file".equals(p.getMetadata().getAnnotations().get("kubernetes.io/config.source")))
    .forEach(p -> System.out.printf("%-45s node=%s owner=%s%n", p.getMetadata().getName(), p.getSpec().getNodeName(),
        p.getMetadata().getOwnerReferences().isEmpty() ? "-" : p.getMetadata().getOwnerReferences().get(0).getKind()));
"""),
md("""
## 프로브

- **livenessProbe**: 실패하면 kubelet이 컨테이너를 죽이고 다시 시작합니다(교착 상태 탈출).
- **readinessProbe**: 실패하면 재시작하지 않고 `Ready=False` 로 두어 서비스 엔드포인트에서 뺍니다.
- **startupProbe**: 느리게 뜨는 앱이 준비될 때까지 liveness를 미룹니다.

`flaky` 는 시작 2초 뒤부터 liveness 검사에 실패합니다. kubelet이 컨테이너를 재시작하고 `restartCount` 가 올라갑니다.
""", """
## Probes

- **livenessProbe**: on failure the kubelet kills and restarts the container (escaping deadlocks).
- **readinessProbe**: on failure no restart, but `Ready=False`, which takes the pod out of Service endpoints.
- **startupProbe**: holds liveness checks off until a slow starter is up.

`flaky` starts failing its liveness check 2 s after it starts; the kubelet restarts the container and `restartCount` goes up.
"""),
code("""
%%apply
apiVersion: v1
kind: Pod
metadata:
  name: flaky
  annotations:
    kubelab.dev/simulate: liveness-fail-after=2s
spec:
  containers:
  - name: app
    image: nginx:1.27
    livenessProbe:
      httpGet: {path: /healthz, port: 80}
      periodSeconds: 1
      failureThreshold: 1
"""),
code("""
waitUntil("flaky to be restarted", Duration.ofSeconds(30), () ->
    client.pods().inNamespace("default").withName("flaky").get().getStatus().getContainerStatuses().get(0).getRestartCount() >= 1);
%kubectl get pod flaky
%kubectl get events --field-selector involvedObject.name=flaky
"""),
md("""
## 장애 1: ImagePullBackOff

이미지 이름 오타, 없는 태그, 프라이빗 레지스트리 인증 실패 등으로 pull에 실패하면 컨테이너는 `ErrImagePull`, 이어서 `ImagePullBackOff` 로 대기합니다. kubelet은 재시도 간격을 지수적으로(최대 5분) 늘립니다. 확인 순서: `kubectl describe pod` 의 이벤트 → 이미지 이름·태그 → `imagePullSecrets`.
""", """
## Failure 1: ImagePullBackOff

A typo in the image name, a tag that does not exist, failed registry authentication: the pull fails and the container waits in `ErrImagePull`, then `ImagePullBackOff`, with the kubelet backing off exponentially (up to 5 minutes). Check: events in `kubectl describe pod` → image name and tag → `imagePullSecrets`.
"""),
code("""
%%apply
apiVersion: v1
kind: Pod
metadata:
  name: bad-image
  annotations:
    kubelab.dev/simulate: image-pull-error
spec:
  containers:
  - name: app
    image: nginx:1.27-typo
"""),
code("""
%kubectl wait --for=jsonpath={.status.containerStatuses[0].state.waiting.reason}=ImagePullBackOff pod/bad-image --timeout=30s
%kubectl get pod bad-image
%kubectl get events --field-selector involvedObject.name=bad-image
"""),
md("""
## 장애 2: CrashLoopBackOff

컨테이너가 시작하자마자 죽으면(설정 오류, 의존 서비스 없음, OOM 등) kubelet은 `restartPolicy` 에 따라 재시작하되, 재시작 사이 대기를 10초, 20초, 40초 … 최대 5분으로 늘립니다. 그 대기 상태가 `CrashLoopBackOff` 입니다. 원인은 `kubectl logs --previous` 와 `describe` 의 `Last State`(종료 코드)에서 찾습니다.
""", """
## Failure 2: CrashLoopBackOff

When a container dies right after starting (bad configuration, a missing dependency, OOM, …) the kubelet restarts it per `restartPolicy`, waiting 10 s, 20 s, 40 s … up to 5 minutes between attempts; that waiting state is `CrashLoopBackOff`. Find the cause in `kubectl logs --previous` and in `Last State` (the exit code) of `describe`.
"""),
code("""
%%apply
apiVersion: v1
kind: Pod
metadata:
  name: crasher
  annotations:
    kubelab.dev/simulate: crash-loop=1s
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: ["sh", "-c", "echo starting; exit 1"]
"""),
code("""
%kubectl wait --for=jsonpath={.status.containerStatuses[0].state.waiting.reason}=CrashLoopBackOff pod/crasher --timeout=30s
%kubectl get pod crasher
%kubectl describe pod crasher
"""),
md("""
## ✏️ 연습 문제 06-probes

파드 `probed`(이미지 `nginx:1.27`, 컨테이너 이름 `web`)를 만드세요.
- readinessProbe: `httpGet` 경로 `/`, 포트 80
- livenessProbe: `tcpSocket` 포트 80

파드가 Ready가 되고 재시작 없이 도는지 확인한 뒤 `%check 06-probes` 를 실행하세요.

<details><summary>힌트 1</summary>

위 `lifecycle`, `flaky` 파드의 YAML에서 프로브 부분을 가져오세요. 어노테이션은 필요 없습니다.
</details>
<details><summary>힌트 2</summary>

`%kubectl wait --for=condition=Ready pod/probed --timeout=30s`
</details>
""", """
## ✏️ Exercise 06-probes

Create a pod `probed` (image `nginx:1.27`, container name `web`) with
- a readinessProbe: `httpGet` on path `/`, port 80,
- a livenessProbe: `tcpSocket` on port 80.

Check it becomes Ready and runs without restarts, then run `%check 06-probes`.

<details><summary>Hint 1</summary>

Borrow the probe parts of the `lifecycle` and `flaky` YAML above; no annotation needed.
</details>
<details><summary>Hint 2</summary>

`%kubectl wait --for=condition=Ready pod/probed --timeout=30s`
</details>
"""),
code(""),
solution("""
%%apply
# Solution · 풀이
apiVersion: v1
kind: Pod
metadata:
  name: probed
spec:
  containers:
  - name: web
    image: nginx:1.27
    readinessProbe:
      httpGet: {path: /, port: 80}
      periodSeconds: 1
    livenessProbe:
      tcpSocket: {port: 80}
"""),
code("""
%kubectl wait --for=condition=Ready pod/probed --timeout=30s
%check 06-probes
"""),
md("""
## 정리

- kubelet = 노드 에이전트. 자기 노드의 PodSpec을 받아 CRI로 런타임(containerd, CRI-O)에 실행을 맡기고, 프로브·상태·Lease를 보고한다.
- 파드 conditions: PodScheduled → PodReadyToStartContainers → Initialized → ContainersReady → Ready.
- 스태틱 파드는 kubelet이 로컬 매니페스트로 직접 띄우고, API에는 미러 파드로만 보인다(컨트롤 플레인 컴포넌트가 그렇다).
- liveness 실패 = 재시작, readiness 실패 = 엔드포인트에서 제외.
- ImagePullBackOff = 이미지를 못 받음(이름·태그·인증 확인), CrashLoopBackOff = 시작 후 계속 죽음(logs --previous, 종료 코드 확인).
- 이 실습의 kubelet은 시뮬레이션이며 `kubelab.dev/simulate` 어노테이션으로 장애를 재현한다.
""", """
## Recap

- The kubelet is the node agent: it takes its node's PodSpecs, has the runtime (containerd, CRI-O) run them over the CRI, and reports probes, status and its Lease.
- Pod conditions: PodScheduled → PodReadyToStartContainers → Initialized → ContainersReady → Ready.
- Static pods are started by the kubelet from local manifests and only mirrored into the API — that is how control-plane components run.
- Liveness failure = restart; readiness failure = out of the endpoints.
- ImagePullBackOff = cannot get the image (name, tag, credentials); CrashLoopBackOff = keeps dying after start (logs --previous, exit code).
- This lab's kubelet is simulated; `kubelab.dev/simulate` annotations reproduce the failures.
"""),
code("%cluster down"),
]
