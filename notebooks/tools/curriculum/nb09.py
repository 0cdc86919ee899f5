NAME = "09-etcd-backup-and-restore"

from pathlib import Path
WAIT_HELPER = Path(__file__).with_name("nb03.py").read_text().split('WAIT_HELPER = """', 1)[1].split('"""', 1)[0]

CELLS = [
md("""
# 09. etcd 백업과 복구

## 학습 목표
- `etcdctl snapshot save` 로 etcd 스냅샷을 만들고 `snapshot status` 로 확인한다. 실제 클러스터에서 필요한 엔드포인트·인증서 옵션을 안다.
- 사고(네임스페이스 삭제)를 일으키고, 스냅샷으로 복구해서 모든 오브젝트가 돌아왔는지 검증한다.
- 복구가 "클러스터 전체를 스냅샷 시점으로 되감는 것"임을 이해한다.
- 백업을 자동화하고 정기적으로 복구를 테스트하는 방법을 설계한다.
""", """
# 09. etcd backup and restore

## Learning goals
- Take an etcd snapshot with `etcdctl snapshot save` and inspect it with `snapshot status`; know the endpoint and certificate flags a real cluster needs.
- Cause a disaster (delete a namespace), restore from the snapshot, and verify that everything came back.
- Understand that a restore rewinds the *whole* cluster to the moment of the snapshot.
- Design automated backups and regular restore tests.
"""),
code("%cluster up"),
code(WAIT_HELPER),
md("""
## 지킬 것 만들기

네임스페이스 `shop` 에 디플로이먼트, 서비스, ConfigMap, Secret을 만듭니다.
""", """
## Something worth protecting

Create a namespace `shop` with a Deployment, a Service, a ConfigMap and a Secret.
"""),
code("""
%%apply
apiVersion: v1
kind: Namespace
metadata:
  name: shop
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: shop-config
  namespace: shop
data:
  currency: KRW
---
apiVersion: v1
kind: Secret
metadata:
  name: shop-db
  namespace: shop
stringData:
  password: s3cr3t
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: shop-web
  namespace: shop
spec:
  replicas: 2
  selector:
    matchLabels: {app: shop-web}
  template:
    metadata:
      labels: {app: shop-web}
    spec:
      containers:
      - name: web
        image: nginx:1.27
---
apiVersion: v1
kind: Service
metadata:
  name: shop-web
  namespace: shop
spec:
  selector: {app: shop-web}
  ports:
  - port: 80
"""),
code("""
%kubectl rollout status deployment/shop-web -n shop --timeout=30s
%kubectl get all,configmaps,secrets -n shop
String shopUid = client.apps().deployments().inNamespace("shop").withName("shop-web").get().getMetadata().getUid();
"""),
md("""
## 스냅샷 저장

etcd에는 일관된 시점의 키스페이스 전체를 파일 하나로 떠내는 **내장 스냅샷** 기능이 있습니다. 실제 kubeadm 클러스터의 컨트롤 플레인 노드에서는 이렇게 실행합니다(etcd 3.4 이전 etcdctl은 `ETCDCTL_API=3` 도 필요).

```bash
ETCDCTL_API=3 etcdctl snapshot save /var/backups/etcd/snapshot.db \\
  --endpoints=https://127.0.0.1:2379 \\
  --cacert=/etc/kubernetes/pki/etcd/ca.crt \\
  --cert=/etc/kubernetes/pki/etcd/server.crt \\
  --key=/etc/kubernetes/pki/etcd/server.key
```

etcd가 AWS EBS처럼 스냅샷을 지원하는 볼륨에 있다면 **볼륨 스냅샷**으로도 백업할 수 있지만, 쓰는 도중의 디스크를 뜨는 것이라 일관성이 보장되는 내장 스냅샷이 기본입니다. `%etcdctl` 은 이 클러스터의 엔드포인트와 인증서를 알아서 붙입니다.
""", """
## Saving a snapshot

etcd has a **built-in snapshot**: the whole keyspace at one consistent point in time, in a single file. On a kubeadm control-plane node you run (etcdctl before 3.4 also needs `ETCDCTL_API=3`):

```bash
ETCDCTL_API=3 etcdctl snapshot save /var/backups/etcd/snapshot.db \\
  --endpoints=https://127.0.0.1:2379 \\
  --cacert=/etc/kubernetes/pki/etcd/ca.crt \\
  --cert=/etc/kubernetes/pki/etcd/server.crt \\
  --key=/etc/kubernetes/pki/etcd/server.key
```

If etcd lives on a volume that supports snapshots (AWS EBS, say) a **volume snapshot** is another option, but it copies a disk being written to; the consistent built-in snapshot is the default choice. `%etcdctl` adds this cluster's endpoints and certificates for you.
"""),
code("%etcdctl snapshot save /tmp/kubelab-09-snapshot.db"),
code("%etcdctl snapshot status /tmp/kubelab-09-snapshot.db -w table"),
md("""
`HASH`, `REVISION`, `TOTAL KEYS`, `TOTAL SIZE` 를 기록해 두면 나중에 어떤 백업이 어느 시점인지 알 수 있습니다.

## 사고: 네임스페이스 삭제

누군가 실수로 `shop` 네임스페이스를 지웠습니다. 네임스페이스 컨트롤러가 안의 모든 오브젝트를 지우고 나서 네임스페이스 자체가 사라집니다. etcd가 3중 복제되어 있었어도 삭제까지 충실히 복제되었을 것입니다.
""", """
Record `HASH`, `REVISION`, `TOTAL KEYS` and `TOTAL SIZE`: later they tell you which backup is from when.

## The disaster: a deleted namespace

Someone deletes the `shop` namespace by mistake. The namespace controller deletes everything in it, then the namespace itself goes. A three-member etcd would have replicated the deletion faithfully.
"""),
code("%kubectl delete namespace shop --timeout=60s"),
fails("%kubectl get all -n shop --request-timeout=5s\n%kubectl get namespace shop"),
md("""
## 복구

`%etcd restore` 는 이 클러스터에 맞는 복구 절차 전체를 실행하고 단계마다 보고합니다. kubeadm 클러스터에서 직접 한다면 순서는 이렇습니다.
1. **API 서버를 멈춘다** (`/etc/kubernetes/manifests` 의 kube-apiserver.yaml을 잠시 치움). 복구 중에 쓰기가 들어오면 안 됩니다.
2. 스냅샷을 **새 데이터 디렉터리**에 푼다: `etcdctl snapshot restore snapshot.db --data-dir /var/lib/etcd-from-backup` (etcd 3.5+는 `etcdutl snapshot restore`).
3. etcd가 새 디렉터리를 쓰게 한다 (etcd.yaml의 `hostPath` 경로 수정) → etcd 재시작.
4. API 서버를 다시 올리고, kubelet·컨트롤러가 재연결되었는지 확인한다.

HA etcd라면 모든 멤버를 같은 스냅샷에서 새 클러스터(새 `--initial-cluster-token`)로 복구합니다.
""", """
## The restore

`%etcd restore` performs the whole restore procedure for this cluster and reports each step. By hand on a kubeadm cluster the order is:
1. **stop the API server** (move kube-apiserver.yaml out of `/etc/kubernetes/manifests` for a while) — no writes may arrive during the restore;
2. restore the snapshot into a **new data directory**: `etcdctl snapshot restore snapshot.db --data-dir /var/lib/etcd-from-backup` (`etcdutl snapshot restore` on etcd 3.5+);
3. point etcd at the new directory (the `hostPath` in etcd.yaml) and restart it;
4. bring the API server back and check that kubelets and controllers reconnected.

With HA etcd, every member is restored from the same snapshot as a new cluster (a new `--initial-cluster-token`).
"""),
code("%etcd restore /tmp/kubelab-09-snapshot.db"),
md("""
## 검증

다 돌아왔는지 확인합니다. 디플로이먼트의 UID가 사고 전과 같다는 것은 "비슷한 것을 새로 만든" 게 아니라 **바로 그 오브젝트가 되살아났다**는 뜻입니다.
""", """
## Verify

Check that everything came back. The Deployment's UID equals the one from before the disaster: this is not a look-alike recreated, but **the very same object** restored.
"""),
code("""
waitUntil("shop-web restored with 2 ready replicas", Duration.ofSeconds(30), () ->
    client.apps().deployments().inNamespace("shop").withName("shop-web").get().getStatus().getReadyReplicas() == 2);
%kubectl get all,configmaps,secrets -n shop
String restoredUid = client.apps().deployments().inNamespace("shop").withName("shop-web").get().getMetadata().getUid();
System.out.println("same object: " + restoredUid.equals(shopUid) + " (" + restoredUid + ")");
"""),
md("""
### 복구는 되감기다

스냅샷 복구는 `shop` 만이 아니라 **클러스터 전체**를 스냅샷 시점으로 되돌립니다. 스냅샷 뒤에 만든 오브젝트는 사라지고, 지운 오브젝트는 돌아옵니다. 그 사이 실제 노드에서 돌던 컨테이너와 되돌아간 상태가 어긋날 수 있는데, 컨트롤러와 kubelet이 다시 맞춰 갑니다. 그래서 백업 주기가 곧 잃어도 되는 데이터의 양(RPO)입니다. 연습 문제에서 직접 확인합니다.

## 백업 자동화와 복구 테스트

백업은 사람이 기억해서 하는 일이 아니어야 합니다.
- **정기 스냅샷**: 컨트롤 플레인 노드의 cron/systemd 타이머, 또는 아래 같은 CronJob(컨트롤 플레인 노드에 고정, etcd 인증서를 hostPath로 마운트).
- **노드 밖으로 복사**: 오브젝트 스토리지(S3 등)에, 보관 기간(retention)을 정해서. 스냅샷에는 Secret이 들어 있으니 **암호화**해서 보관.
- **감시**: 마지막 성공 백업의 시각을 모니터링하고 오래되면 알림.
- **복구 훈련**: 정기적으로 별도 클러스터에 복구해 보고, 절차를 문서로 남긴다. 한 번도 복구해 보지 않은 백업은 백업이 아닙니다.

아래 CronJob은 서버 측 dry-run으로만 검증합니다(이 실습 클러스터에서는 컨테이너가 실제로 돌지 않습니다).
""", """
### A restore is a rewind

A snapshot restore rewinds the **whole cluster**, not just `shop`, to the moment of the snapshot: objects created after it vanish, objects deleted after it return. Containers that kept running on real nodes in between may disagree with the rewound state; controllers and kubelets reconcile. Your backup interval is therefore how much change you can afford to lose (the RPO). The exercise shows it.

## Automating backups and testing restores

Backups must not depend on someone remembering them:
- **regular snapshots**: a cron job or systemd timer on the control-plane nodes, or a CronJob like the one below (pinned to the control plane, etcd certificates mounted from the host),
- **copied off the node**: to object storage (S3, …) with a retention policy — and **encrypted**, since snapshots contain Secrets,
- **monitored**: alert when the last successful backup gets old,
- **restore drills**: restore into a scratch cluster regularly and keep the procedure written down. A backup never restored is not a backup.

The CronJob below is only validated with a server-side dry run (containers do not actually run in this lab cluster).
"""),
code("""
%%apply --dry-run
apiVersion: batch/v1
kind: CronJob
metadata:
  name: etcd-backup
  namespace: kube-system
spec:
  schedule: "0 */6 * * *"
  concurrencyPolicy: Forbid
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          hostNetwork: true
          nodeSelector:
            node-role.kubernetes.io/control-plane: ""
          tolerations:
          - {key: node-role.kubernetes.io/control-plane, operator: Exists, effect: NoSchedule}
          containers:
          - name: backup
            image: registry.k8s.io/etcd:3.5.16-0
            command:
            - /bin/sh
            - -c
            - >
              etcdctl --endpoints=https://127.0.0.1:2379
              --cacert=/etc/kubernetes/pki/etcd/ca.crt
              --cert=/etc/kubernetes/pki/etcd/healthcheck-client.crt
              --key=/etc/kubernetes/pki/etcd/healthcheck-client.key
              snapshot save /backup/etcd-$(date +%Y%m%d-%H%M).db
            volumeMounts:
            - {name: pki, mountPath: /etc/kubernetes/pki/etcd, readOnly: true}
            - {name: backup, mountPath: /backup}
          volumes:
          - name: pki
            hostPath: {path: /etc/kubernetes/pki/etcd}
          - name: backup
            hostPath: {path: /var/backups/etcd, type: DirectoryOrCreate}
"""),
md("""
## ✏️ 연습 문제 09-rewind

복구가 되감기라는 것을 직접 확인합니다.
1. `shop` 네임스페이스에 ConfigMap `before-backup` 을 만든다.
2. 스냅샷을 `/tmp/kubelab-09-exercise.db` 로 저장한다.
3. ConfigMap `after-backup` 을 만든다.
4. 2번의 스냅샷으로 복구한다.

`before-backup` 은 있고 `after-backup` 은 없어야 합니다. `%check 09-rewind` 로 확인하세요.

<details><summary>힌트 1</summary>

`%kubectl create configmap before-backup -n shop --from-literal=t=1`
</details>
<details><summary>힌트 2</summary>

`%etcdctl snapshot save /tmp/kubelab-09-exercise.db` → `%etcd restore /tmp/kubelab-09-exercise.db`
</details>
""", """
## ✏️ Exercise 09-rewind

See for yourself that a restore is a rewind:
1. create a ConfigMap `before-backup` in the `shop` namespace,
2. save a snapshot to `/tmp/kubelab-09-exercise.db`,
3. create a ConfigMap `after-backup`,
4. restore the snapshot from step 2.

`before-backup` must exist and `after-backup` must not. Verify with `%check 09-rewind`.

<details><summary>Hint 1</summary>

`%kubectl create configmap before-backup -n shop --from-literal=t=1`
</details>
<details><summary>Hint 2</summary>

`%etcdctl snapshot save /tmp/kubelab-09-exercise.db` → `%etcd restore /tmp/kubelab-09-exercise.db`
</details>
"""),
code(""),
solution("""
// Solution · 풀이
%kubectl create configmap before-backup -n shop --from-literal=t=1
%etcdctl snapshot save /tmp/kubelab-09-exercise.db
%kubectl create configmap after-backup -n shop --from-literal=t=2
%etcd restore /tmp/kubelab-09-exercise.db
waitUntil("the API server to serve shop again", Duration.ofSeconds(30), () ->
    client.configMaps().inNamespace("shop").withName("before-backup").get() != null);
"""),
code("%check 09-rewind"),
code("""
Files.deleteIfExists(Path.of("/tmp/kubelab-09-snapshot.db"));
Files.deleteIfExists(Path.of("/tmp/kubelab-09-exercise.db"));
"""),
md("""
## 정리

- 백업: `etcdctl snapshot save` (+ `--endpoints`, `--cacert`, `--cert`, `--key`), 확인은 `snapshot status`. 볼륨 스냅샷은 보조 수단.
- 복구 순서: API 서버 중지 → 새 data-dir로 `snapshot restore` → etcd가 새 디렉터리를 쓰게 → etcd·API 서버 재시작 → 검증.
- 복구는 클러스터 전체를 스냅샷 시점으로 되감는다. 백업 주기 = 잃을 수 있는 변경의 양.
- 운영: 자동 정기 백업, 노드 밖·암호화 보관, 백업 나이 모니터링, 정기 복구 훈련과 문서화.
""", """
## Recap

- Backup: `etcdctl snapshot save` (+ `--endpoints`, `--cacert`, `--cert`, `--key`); inspect with `snapshot status`. Volume snapshots are a complement.
- Restore: stop the API server → `snapshot restore` into a new data dir → point etcd at it → restart etcd and the API server → verify.
- A restore rewinds the whole cluster to the snapshot; the backup interval is how much change you can lose.
- In operations: automated regular backups, stored off-node and encrypted, backup age monitored, restores rehearsed and documented.
"""),
code("%cluster down"),
]
