NAME = "08-pod-creation-flow"

from pathlib import Path
WAIT_HELPER = Path(__file__).with_name("nb03.py").read_text().split('WAIT_HELPER = """', 1)[1].split('"""', 1)[0]

CELLS = [
md("""
# 08. 파드 생성 흐름, 처음부터 끝까지

## 학습 목표
- `kubectl apply` 한 번이 kubectl → kube-apiserver → etcd → kube-scheduler → kubelet 을 거쳐 `Running` 이 되기까지를 `%%trace` 시퀀스 다이어그램으로 읽는다.
- 각 단계에서 누가 무엇을 쓰고(etcd 키, 리비전) 누가 무엇을 watch하는지 설명한다.
- 파드를 직접 만들 때와 디플로이먼트로 만들 때의 차이(컨트롤러 매니저, 레플리카셋)를 흐름으로 비교한다.
""", """
# 08. The pod-creation flow, end to end

## Learning goals
- Read, as a `%%trace` sequence diagram, how one `kubectl apply` travels kubectl → kube-apiserver → etcd → kube-scheduler → kubelet until the pod is `Running`.
- Say at each step who writes what (etcd key, revision) and who is watching.
- Compare the flow for a bare Pod with the flow for a Deployment (controller manager, ReplicaSet).
"""),
code("%cluster up"),
code(WAIT_HELPER),
md("""
매니페스트 두 개를 파일로 씁니다. 하나는 파드 하나, 하나는 디플로이먼트입니다.
""", """
Write two manifests to files: a single Pod, and a Deployment.
"""),
code('''
Path dir = Files.createDirectories(Path.of("/tmp/kubelab-08"));
Files.writeString(dir.resolve("nginx-pod.yaml"), """
    apiVersion: v1
    kind: Pod
    metadata:
      name: nginx
      labels: {app: nginx}
    spec:
      containers:
      - name: nginx
        image: nginx:1.14.2
        ports:
        - containerPort: 80
    """);
Files.writeString(dir.resolve("web-deployment.yaml"), """
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: web
    spec:
      replicas: 2
      selector:
        matchLabels: {app: web}
      template:
        metadata:
          labels: {app: web}
        spec:
          containers:
          - name: nginx
            image: nginx:1.27
    """);
System.out.println(Files.readString(dir.resolve("nginx-pod.yaml")));
'''),
md("""
## 파드 하나의 여정

`%%trace` 는 셀 안의 명령을 실행하는 동안 컨트롤 플레인이 한 일을 기록해서, 컴포넌트마다 한 줄(lane)씩인 시퀀스 다이어그램과 시간순 표로 보여 줍니다.
""", """
## The journey of one pod

`%%trace` runs the cell while recording what the control plane does, and draws a sequence diagram with one lane per component, plus a timestamped table.
"""),
code("""
%%trace
%kubectl apply -f /tmp/kubelab-08/nginx-pod.yaml
%kubectl wait --for=condition=Ready pod/nginx --timeout=30s
"""),
md("""
### 다이어그램 읽기

1. **kubectl → kube-apiserver**: kubectl이 YAML을 JSON으로 바꿔 `POST /api/v1/namespaces/default/pods` 를 보냅니다(apply는 먼저 GET으로 있는지 확인). API 서버는 인증 → 인가 → 어드미션(ServiceAccount, 기본 톨러레이션 추가 등) → 검증을 거칩니다.
2. **kube-apiserver → etcd**: `/registry/pods/default/nginx` 키에 저장. 이때 파드에는 `nodeName` 이 없고 phase는 `Pending` 입니다. 저장된 리비전이 resourceVersion이 되고, API 서버는 `201 Created` 로 답합니다. **kubectl은 여기서 끝납니다.** 나머지는 모두 비동기로 일어납니다.
3. **kube-scheduler**: 노드 없는 파드를 watch하던 스케줄러가 ADDED 이벤트를 받고, 필터링·점수로 노드를 고른 뒤 `POST …/pods/nginx/binding` 을 보냅니다. API 서버는 `spec.nodeName` 을 채워 etcd에 다시 쓰고, `Scheduled` 이벤트가 남습니다.
4. **kubelet@노드**: 자기 노드(`spec.nodeName=…`)의 파드를 watch하던 kubelet이 파드를 받아, 실제 클러스터라면 CRI로 샌드박스 생성 → 이미지 pull → 컨테이너 생성·시작을 합니다(`Pulling`, `Pulled`, `Created`, `Started` 이벤트).
5. **kubelet → kube-apiserver**: `PATCH …/pods/nginx/status` 로 `Running`, `Ready=True` 를 보고 → etcd에 또 한 번 쓰기. `kubectl wait` 가 이 변화를 보고 끝납니다.

모든 컴포넌트가 API 서버하고만 말하고, 서로의 존재를 몰라도 된다는 점을 눈여겨보세요. 각자 watch로 자기 몫의 변화를 알아챌 뿐입니다.
""", """
### Reading the diagram

1. **kubectl → kube-apiserver**: kubectl turns the YAML into JSON and sends `POST /api/v1/namespaces/default/pods` (apply first GETs to see whether it exists). The API server runs authentication → authorization → admission (ServiceAccount, default tolerations, …) → validation.
2. **kube-apiserver → etcd**: stored at `/registry/pods/default/nginx`, with no `nodeName` yet and phase `Pending`. The revision becomes the resourceVersion, and the API server answers `201 Created`. **kubectl is done here**; everything else happens asynchronously.
3. **kube-scheduler**: watching for pods without a node, it gets the ADDED event, filters and scores nodes, and sends `POST …/pods/nginx/binding`. The API server sets `spec.nodeName` and writes to etcd again; a `Scheduled` event is recorded.
4. **kubelet@node**: the kubelet watching pods of its node (`spec.nodeName=…`) picks the pod up; on a real cluster it has the runtime create the sandbox, pull the image and create and start the container over the CRI (`Pulling`, `Pulled`, `Created`, `Started` events).
5. **kubelet → kube-apiserver**: `PATCH …/pods/nginx/status` reports `Running`, `Ready=True` → another etcd write. `kubectl wait` sees that change and returns.

Notice that every component talks only to the API server and needs to know nothing about the others: each notices its share of changes through its watch.
"""),
code("%kubectl get events --field-selector involvedObject.name=nginx --sort-by=.metadata.creationTimestamp"),
code("%explain pod nginx"),
code("%etcdctl get /registry/pods/default/nginx"),
md("""
## 디플로이먼트는 무엇을 더하나

디플로이먼트를 적용하면 API 서버에 저장되는 것은 **디플로이먼트 하나** 뿐입니다. 그 다음은 컨트롤러 매니저의 몫입니다.
1. **Deployment 컨트롤러**가 디플로이먼트를 보고 **ReplicaSet** 을 만듭니다(파드 템플릿 해시가 이름에 붙습니다).
2. **ReplicaSet 컨트롤러**가 레플리카셋을 보고 파드 2개를 만듭니다(ownerReference로 레플리카셋을 가리킴).
3. 그 뒤로는 파드마다 위의 3–5단계(스케줄러 → kubelet)가 그대로 반복됩니다.

다이어그램에 kube-controller-manager 레인이 새로 생기는 것을 확인하세요.
""", """
## What a Deployment adds

Applying a Deployment stores **one Deployment** in the API server — and the controller manager takes it from there:
1. the **Deployment controller** sees it and creates a **ReplicaSet** (named with the pod-template hash),
2. the **ReplicaSet controller** sees that and creates two pods (with an ownerReference to the ReplicaSet),
3. then, per pod, steps 3–5 above (scheduler → kubelet) repeat unchanged.

Look for the new kube-controller-manager lane in the diagram.
"""),
code("""
%%trace
%kubectl apply -f /tmp/kubelab-08/web-deployment.yaml
%kubectl rollout status deployment/web --timeout=30s
"""),
code("""
for (var pod : client.pods().inNamespace("default").withLabel("app", "web").list().getItems()) {
    var rsRef = pod.getMetadata().getOwnerReferences().get(0);
    var rs = client.apps().replicaSets().inNamespace("default").withName(rsRef.getName()).get();
    var deployRef = rs.getMetadata().getOwnerReferences().get(0);
    System.out.println("Pod " + pod.getMetadata().getName() + "  <-  " + rsRef.getKind() + " " + rsRef.getName()
        + "  <-  " + deployRef.getKind() + " " + deployRef.getName());
}
"""),
md("""
차이는 장애가 났을 때 드러납니다. 직접 만든 파드 `nginx` 를 지우면 그걸로 끝이지만, 디플로이먼트의 파드를 지우면 레플리카셋이 곧바로 새 파드를 만듭니다.
""", """
The difference shows when something goes wrong: delete the bare pod `nginx` and it is gone for good; delete a Deployment's pod and the ReplicaSet replaces it at once.
"""),
code("""
%kubectl delete pod nginx --wait=true
var webPods = client.pods().inNamespace("default").withLabel("app", "web");
String gone = webPods.list().getItems().get(0).getMetadata().getName();
client.pods().inNamespace("default").withName(gone).withGracePeriod(0).delete();
waitUntil("2 running web pods without " + gone, Duration.ofSeconds(30), () -> webPods.list().getItems().stream()
    .filter(p -> !p.getMetadata().getName().equals(gone) && "Running".equals(p.getStatus().getPhase())).count() == 2);
%kubectl get pods
"""),
md("""
## ✏️ 연습 문제 08-scale-traced

`%%trace` 안에서 디플로이먼트 `web` 을 레플리카 **3개**로 늘리고, 롤아웃이 끝날 때까지 기다리세요. 다이어그램에서 다음을 찾아보세요.
- 디플로이먼트 컨트롤러는 무엇을 바꿨나? (힌트: 파드가 아니라 레플리카셋의 `replicas`)
- 새 파드 하나에 대해 스케줄러와 kubelet이 한 일

그다음 `%check 08-scale-traced`.

<details><summary>힌트 1</summary>

`%kubectl scale deployment web --replicas=3` 후 `%kubectl rollout status deployment/web --timeout=30s` — 둘 다 `%%trace` 셀 안에.
</details>
""", """
## ✏️ Exercise 08-scale-traced

Inside `%%trace`, scale the Deployment `web` to **3** replicas and wait for the rollout. In the diagram, find:
- what the Deployment controller changed (hint: not pods — the ReplicaSet's `replicas`),
- what the scheduler and the kubelet did for the one new pod.

Then `%check 08-scale-traced`.

<details><summary>Hint 1</summary>

`%kubectl scale deployment web --replicas=3`, then `%kubectl rollout status deployment/web --timeout=30s` — both inside the `%%trace` cell.
</details>
"""),
code(""),
solution("""
%%trace
%kubectl scale deployment web --replicas=3
%kubectl rollout status deployment/web --timeout=30s
"""),
code("%check 08-scale-traced"),
code("""
Files.deleteIfExists(dir.resolve("nginx-pod.yaml"));
Files.deleteIfExists(dir.resolve("web-deployment.yaml"));
Files.deleteIfExists(dir);
"""),
md("""
## 정리

- 파드 생성 흐름: kubectl apply → kube-apiserver(인증·인가·어드미션·검증) → etcd에 Pending 파드 저장(201, kubectl 종료) → 스케줄러가 watch로 발견·노드 선택·binding → kubelet이 watch로 발견·CRI로 실행 → status를 Running으로 보고.
- 모든 컴포넌트는 API 서버하고만 말하고, watch로 자기 일을 찾는다. 상태 변화는 전부 etcd 쓰기로 남는다.
- 디플로이먼트는 그 앞에 컨트롤러 두 단계를 더한다: Deployment 컨트롤러 → ReplicaSet, ReplicaSet 컨트롤러 → 파드. 그래서 지워진 파드가 다시 생긴다.
""", """
## Recap

- Pod creation: kubectl apply → kube-apiserver (authn, authz, admission, validation) → a Pending pod stored in etcd (201; kubectl is done) → the scheduler notices it through its watch, picks a node, binds → the kubelet notices it through its watch, runs it over the CRI → reports Running in the status.
- Components talk only to the API server and find their work through watches; every state change is an etcd write.
- A Deployment adds two controller steps in front: Deployment controller → ReplicaSet, ReplicaSet controller → pods. That is why deleted pods come back.
"""),
code("%cluster down"),
]
