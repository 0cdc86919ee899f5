NAME = "03-etcd"

WAIT_HELPER = """
import java.time.Duration;
import java.util.function.BooleanSupplier;

void waitUntil(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
        try {
            if (condition.getAsBoolean()) return;
        } catch (RuntimeException notYet) {
            // the API may answer with an error while it recovers: keep polling
        }
        if (System.nanoTime() > deadline) throw new IllegalStateException("timed out after " + timeout.toSeconds() + " s waiting for " + what);
        Thread.sleep(200);
    }
}
"""

CELLS = [
md("""
# 03. etcd: 클러스터의 기억

## 학습 목표
- 모든 쿠버네티스 오브젝트가 etcd의 `/registry/...` 키에 저장된다는 것을 직접 확인한다.
- etcd 리비전과 오브젝트의 `resourceVersion` 이 같은 것임을 보고, 낙관적 동시성 제어(409 Conflict)를 체험한다.
- watch가 어떻게 컨트롤러와 kubelet을 움직이는지 Java로 관찰한다.
- etcd가 멈추면 무엇이 멈추고 무엇이 계속 도는지 본다. 그래서 복제(RSM/Raft)와 백업이 왜 필수인지 설명한다.
""", """
# 03. etcd: the cluster's memory

## Learning goals
- See every Kubernetes object stored under an etcd key `/registry/...`.
- See that an object's `resourceVersion` is an etcd revision, and meet optimistic concurrency (409 Conflict).
- Watch from Java how changes stream out — the mechanism that drives controllers and kubelets.
- Stop etcd and see what stops and what keeps running; explain why replication (RSM/Raft) and backups are mandatory.
"""),
code("%cluster up"),
code(WAIT_HELPER),
md("""
## etcd는 무엇인가

etcd는 일관성과 고가용성을 갖춘 분산 **키-값 저장소**입니다. 파드, 서비스, 디플로이먼트, 노드 정보 같은 클러스터의 모든 상태가 여기에 있고, 나머지 컴포넌트는 거의 상태가 없습니다(stateless). 다르게 말하면 etcd를 잃으면 클러스터를 잃습니다.

먼저 멤버 목록과 엔드포인트 상태를 봅니다. `%etcdctl` 은 이 클러스터의 엔드포인트와 인증서를 알아서 붙여 줍니다. 실제 kubeadm 클러스터라면 `--endpoints=https://127.0.0.1:2379 --cacert=/etc/kubernetes/pki/etcd/ca.crt --cert=... --key=...` 를 직접 써야 합니다.
""", """
## What etcd is

etcd is a consistent, highly available, distributed **key-value store**. All cluster state — pods, Services, Deployments, nodes — lives there; the other components are close to stateless. Put differently: lose etcd and you lose the cluster.

Start with the member list and the endpoint status. `%etcdctl` adds this cluster's endpoints and certificates for you; on a real kubeadm cluster you pass `--endpoints=https://127.0.0.1:2379 --cacert=/etc/kubernetes/pki/etcd/ca.crt --cert=… --key=…` yourself.
"""),
code("%etcdctl member list -w table"),
code("%etcdctl endpoint status -w table"),
md("""
## `/registry` 키

API 서버는 오브젝트를 `/registry/<리소스>/<네임스페이스>/<이름>` 키에 저장합니다. 클러스터 범위 리소스(네임스페이스, 노드 등)는 네임스페이스 부분이 없습니다.
""", """
## The `/registry` keys

The API server stores objects under `/registry/<resource>/<namespace>/<name>`; cluster-scoped resources (namespaces, nodes, …) have no namespace part.
"""),
code("%etcdctl get /registry/namespaces --prefix --keys-only"),
code("""
%kubectl create configmap demo --from-literal=color=blue
%etcdctl get /registry/configmaps/default/demo
"""),
md("""
## 리비전과 resourceVersion

etcd는 쓰기가 일어날 때마다 전역 **리비전**을 1씩 올립니다. 각 키는 자신을 마지막으로 바꾼 리비전(`mod_revision`)을 기억하고, API 서버는 이 값을 오브젝트의 `metadata.resourceVersion` 으로 돌려줍니다. 값을 바꾸면 resourceVersion이 올라가는지 봅시다.
""", """
## Revisions and resourceVersion

Every write increments etcd's global **revision**. Each key remembers the revision that last changed it (`mod_revision`), and the API server hands that number out as the object's `metadata.resourceVersion`. Change the value and watch it move.
"""),
code("""
var demo = client.configMaps().inNamespace("default").withName("demo");
String before = demo.get().getMetadata().getResourceVersion();
demo.edit(cm -> { cm.getData().put("color", "green"); return cm; });
String after = demo.get().getMetadata().getResourceVersion();
System.out.println("resourceVersion " + before + " -> " + after);
"""),
code("%etcdctl get /registry/configmaps/default/demo -w fields"),
md("""
`ModRevision` 이 방금 본 resourceVersion과 같습니다.

### 낙관적 동시성 제어

두 클라이언트가 같은 오브젝트를 동시에 고치면? 쿠버네티스는 락 대신 **resourceVersion 비교**를 씁니다. 업데이트 요청에 담긴 resourceVersion이 현재 값과 다르면 API 서버는 **409 Conflict** 를 돌려주고, 클라이언트는 최신 값을 다시 읽어 재시도합니다. etcd의 트랜잭션(compare-and-swap)이 이를 보장합니다. 예전 버전(`before`)을 들고 업데이트해 봅시다.
""", """
`ModRevision` equals the resourceVersion we just saw.

### Optimistic concurrency

What if two clients change the same object at once? Kubernetes uses **resourceVersion comparison** instead of locks: when an update carries a resourceVersion that is no longer current, the API server answers **409 Conflict** and the client re-reads and retries. etcd's transactions (compare-and-swap) make this safe. Update with the stale version `before`:
"""),
code("""
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;

var stale = new ConfigMapBuilder(demo.get()).editMetadata().withResourceVersion(before).endMetadata()
    .addToData("color", "red").build();
try {
    client.configMaps().inNamespace("default").resource(stale).update();
} catch (KubernetesClientException e) {
    System.out.println("HTTP " + e.getCode() + " " + e.getStatus().getReason() + ": " + e.getStatus().getMessage());
}
"""),
md("""
## watch: 변화가 흘러나오는 통로

컨트롤러, 스케줄러, kubelet은 주기적으로 전체 목록을 다시 읽지 않습니다. API 서버에 **watch** 를 걸어 두면, API 서버는 etcd의 watch로 변경을 받아 ADDED / MODIFIED / DELETED 이벤트로 흘려 보냅니다. Java로 watch를 걸고 ConfigMap을 두 번 고친 뒤 지워 봅니다.

(fabric8은 기본적으로 WebSocket으로 watch를 엽니다. 이 실습의 API 서버는 kubectl과 client-go처럼 HTTP 스트리밍으로 watch를 제공하므로, 셀에서 HTTP watch를 쓰도록 설정합니다.)
""", """
## watch: how changes flow out

Controllers, the scheduler and kubelets do not re-read everything in a loop. They open a **watch** on the API server, which follows etcd's own watch and streams ADDED / MODIFIED / DELETED events. Open a watch from Java, change the ConfigMap twice, then delete it.

(fabric8 opens watches over WebSockets by default; this lab's API server serves watches as HTTP streams — the way kubectl and client-go watch — so the cell asks fabric8 for HTTP watches.)
"""),
code("""
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

var watcher = new KubernetesClientBuilder()
    .withConfig(new ConfigBuilder(client.getConfiguration()).withOnlyHttpWatches(true).build()).build();
var events = new LinkedBlockingQueue<String>();
var watch = watcher.configMaps().inNamespace("default").withName("demo").watch(new Watcher<ConfigMap>() {
    public void eventReceived(Action action, ConfigMap cm) {
        events.add(action + " resourceVersion=" + cm.getMetadata().getResourceVersion() + " color=" + cm.getData().get("color"));
    }
    public void onClose(WatcherException e) { }
});
demo.edit(cm -> { cm.getData().put("color", "yellow"); return cm; });
demo.edit(cm -> { cm.getData().put("color", "purple"); return cm; });
demo.delete();
for (String e; (e = events.poll(10, TimeUnit.SECONDS)) != null; ) {
    System.out.println(e);
    if (e.startsWith("DELETED")) break;
}
watch.close();
watcher.close();
"""),
md("""
## etcd가 멈추면?

etcd를 멈추고 무엇이 되고 무엇이 안 되는지 봅시다. 먼저 워크로드를 하나 띄워 둡니다.
""", """
## What if etcd is unavailable?

Stop etcd and see what still works. First start a workload.
"""),
code("""
%kubectl create deployment web --image=nginx:1.27 --replicas=2
%kubectl rollout status deployment/web --timeout=30s
%stop etcd
"""),
md("""
이제 API 서버는 떠 있지만 저장소가 없습니다. 읽기·쓰기 요청이 실패합니다(의도된 실패).
""", """
The API server is still up, but its store is gone: reads and writes fail (expected failures).
"""),
fails("%kubectl get pods --request-timeout=5s"),
fails("%kubectl scale deployment web --replicas=3 --request-timeout=5s"),
md("""
무슨 일이 일어났는지 정리하면:
- **컨트롤 플레인 전체가 사실상 멈춥니다.** 배포, 스케일링, 스케줄링, 자가 치유 등 상태를 바꾸는 일은 아무것도 할 수 없습니다. 컨트롤러와 스케줄러도 API 서버를 통해 etcd를 보기 때문입니다.
- **이미 떠 있는 컨테이너는 계속 돕니다.** kubelet과 컨테이너 런타임은 etcd 없이도 자기 노드의 컨테이너를 유지합니다. 다만 상태 보고가 쌓이지 못하고, 죽은 파드를 다른 노드로 옮기는 일도 일어나지 않습니다.

etcd를 다시 시작하면 API 서버가 재연결하고 모든 것이 이어집니다.
""", """
What that means:
- **The control plane is effectively down.** Nothing that changes state works — deploying, scaling, scheduling, self-healing — because controllers and the scheduler also see etcd only through the API server.
- **Running containers keep running.** kubelets and the runtime keep their node's containers alive without etcd; they just cannot report status, and nothing gets rescheduled elsewhere.

Start etcd again: the API server reconnects and everything carries on.
"""),
code("""
%start etcd
waitUntil("the API server to read from etcd again", Duration.ofSeconds(30),
    () -> client.apps().deployments().inNamespace("default").withName("web").get().getStatus().getReadyReplicas() == 2);
"""),
code("%kubectl get deployment web"),
md("""
## 그래서: 복제와 백업

etcd가 멈추면 치명적이므로 운영 환경의 etcd는 **복제 상태 머신(RSM, Replicated State Machine)** 으로 돌립니다. 같은 로그를 여러 서버에 똑같은 순서로 적용해서, 일부 서버가 죽어도 같은 상태를 유지하는 방식입니다. etcd는 **Raft** 합의 알고리즘으로 리더를 뽑고 로그를 복제하며, 쓰기는 과반(quorum)이 확인해야 커밋됩니다.

| 멤버 수 | 쿼럼 | 견딜 수 있는 장애 |
|---|---|---|
| 1 | 1 | 0 |
| 3 | 2 | 1 |
| 5 | 3 | 2 |

그래서 멤버는 홀수(3 또는 5)로 둡니다. kubeadm HA 구성에는 컨트롤 플레인 노드마다 etcd가 같이 도는 **stacked etcd** 와, 별도 서버 세 대에 etcd를 두고 `etcd.external.endpoints` 로 가리키는 **external etcd** 가 있습니다. 우리 실습 클러스터는 멤버가 하나뿐이라 `member list` 에 한 줄만 보입니다.

여러 컨트롤 플레인이 있을 때 스케줄러나 컨트롤러 매니저가 동시에 일하며 충돌하지 않도록, 리더 선출은 API의 **Lease** 오브젝트(역시 etcd에 저장됨)를 이용합니다.

복제는 하드웨어 장애를 막아 주지만, 실수로 네임스페이스를 지운 것까지 복제합니다. 그래서 **정기 백업(스냅샷)** 이 따로 필요합니다. 백업과 복구는 09에서 실습합니다.
""", """
## Hence: replication and backups

Because losing etcd is fatal, production etcd runs as a **replicated state machine (RSM)**: the same log applied in the same order on several servers, so the state survives some of them failing. etcd uses the **Raft** consensus algorithm to elect a leader and replicate the log; a write commits once a majority (quorum) has it.

| members | quorum | failures tolerated |
|---|---|---|
| 1 | 1 | 0 |
| 3 | 2 | 1 |
| 5 | 3 | 2 |

Hence odd member counts (3 or 5). kubeadm's HA layouts are **stacked etcd** (an etcd member on each control-plane node) and **external etcd** (three separate servers, listed in `etcd.external.endpoints`). Our lab cluster has a single member, so `member list` shows one line.

With several control-plane nodes, the schedulers and controller managers must not act at the same time: leader election uses **Lease** objects in the API (stored in etcd as well).

Replication protects against hardware failure — but it faithfully replicates an accidental `kubectl delete namespace` too. That is why you also need **regular backups (snapshots)**; notebook 09 practises backup and restore.
"""),
code("%kubectl get leases -n kube-system"),
md("""
## ✏️ 연습 문제 03-settings

1. `default` 네임스페이스에 ConfigMap `settings` 를 `mode=blue` 로 만드세요.
2. 레이블 `app=lab` 을 붙이세요.
3. `mode` 를 `green` 으로 **업데이트** 하고, 그 전후의 resourceVersion과 etcd의 `ModRevision` 을 비교해 보세요.

`%check 03-settings` 로 확인합니다.

<details><summary>힌트 1</summary>

`%kubectl create configmap settings --from-literal=mode=blue`, `%kubectl label configmap settings app=lab`
</details>
<details><summary>힌트 2</summary>

값 수정은 `%kubectl patch configmap settings -p {"data":{"mode":"green"}}` 또는 Java의 `edit(...)`. 리비전은 `%etcdctl get /registry/configmaps/default/settings -w fields`.
</details>
""", """
## ✏️ Exercise 03-settings

1. Create a ConfigMap `settings` in `default` with `mode=blue`.
2. Label it `app=lab`.
3. **Update** `mode` to `green`, and compare the resourceVersion before and after with etcd's `ModRevision`.

Verify with `%check 03-settings`.

<details><summary>Hint 1</summary>

`%kubectl create configmap settings --from-literal=mode=blue`, `%kubectl label configmap settings app=lab`
</details>
<details><summary>Hint 2</summary>

Change the value with `%kubectl patch configmap settings -p {"data":{"mode":"green"}}` or Java's `edit(...)`. The revision: `%etcdctl get /registry/configmaps/default/settings -w fields`.
</details>
"""),
code(""),
solution("""
// Solution · 풀이
%kubectl create configmap settings --from-literal=mode=blue
%kubectl label configmap settings app=lab
client.configMaps().inNamespace("default").withName("settings").edit(cm -> { cm.getData().put("mode", "green"); return cm; });
%kubectl get configmap settings -o jsonpath={.metadata.resourceVersion}
%etcdctl get /registry/configmaps/default/settings -w fields
"""),
code("%check 03-settings"),
md("""
## 정리

- etcd = 클러스터의 모든 상태를 담는 일관성 있는 분산 키-값 저장소. 오브젝트는 `/registry/<리소스>/<ns>/<이름>` 에 저장되고, etcd와 직접 말하는 건 API 서버뿐이다.
- `resourceVersion` = etcd 리비전. 오래된 버전으로 업데이트하면 409 Conflict (낙관적 동시성 제어).
- watch가 변경을 이벤트로 흘려보내고, 컨트롤러·스케줄러·kubelet은 이 이벤트로 움직인다.
- etcd가 멈추면 상태를 바꾸는 모든 작업이 멈추지만, 이미 도는 컨테이너는 계속 돈다.
- 그래서 etcd는 Raft 기반 RSM으로 3/5 멤버를 두고, 복제와 별개로 정기 스냅샷 백업을 한다(09).
""", """
## Recap

- etcd is the consistent, distributed key-value store holding all cluster state; objects live at `/registry/<resource>/<ns>/<name>`, and only the API server talks to etcd.
- `resourceVersion` is an etcd revision; an update with a stale version gets 409 Conflict (optimistic concurrency).
- Watches stream changes as events; controllers, the scheduler and kubelets run on them.
- Without etcd nothing that changes state works, yet running containers keep running.
- So etcd runs as a Raft-based RSM with 3 or 5 members, and — separately from replication — is backed up with regular snapshots (09).
"""),
code("%cluster down"),
]
