NAME = "02-kube-apiserver"

CELLS = [
md("""
# 02. kube-apiserver: 모든 요청의 입구

## 학습 목표
- kube-apiserver가 클러스터의 프론트엔드이며, 다른 컴포넌트도 서로 직접 말하지 않고 API 서버를 거친다는 것을 확인한다.
- 같은 REST API를 kubectl과 Java(fabric8) 양쪽에서 호출해 본다.
- kubeconfig의 구조(clusters, users, contexts, current-context)를 읽는다.
- 요청 경로 **인증 → 인가 → 어드미션 → etcd** 를 단계별로 관찰하고, 권한 없는 사용자가 받는 403을 직접 만든다.
- API 서버와 kubelet 사이의 통신(HTTPS/TLS, 클라이언트 인증서·Bearer 토큰)을 설명한다.
""", """
# 02. kube-apiserver: the front door

## Learning goals
- See that kube-apiserver is the cluster's front end, and that components never talk to each other directly — always through it.
- Call the same REST API from kubectl and from Java (fabric8).
- Read a kubeconfig: clusters, users, contexts, current-context.
- Follow a request through **authentication → authorization → admission → etcd**, and provoke a 403 for a restricted user.
- Explain how the API server and the kubelets talk to each other (HTTPS/TLS, client certificates, bearer tokens).
"""),
code("%cluster up"),
md("""
## kubeconfig: kubectl은 어디로, 누구로 접속하나

kubeconfig는 세 목록과 포인터 하나로 이뤄집니다.
- `clusters`: API 서버 주소(`server`)와 그 서버 인증서를 검증할 CA
- `users`: 나를 증명할 수단(클라이언트 인증서·키, 토큰, 또는 `exec` 플러그인)
- `contexts`: cluster + user (+ 기본 namespace) 조합
- `current-context`: 지금 쓰는 context

`--minify` 는 현재 context에 필요한 부분만 보여 주고, 인증서 같은 비밀 값은 `DATA+OMITTED`/`REDACTED` 로 가려집니다.
EKS 같은 관리형 클러스터는 `aws eks update-kubeconfig` 가 kubeconfig를 만들어 주는데, `users` 항목이 고정 인증서 대신 **exec 플러그인**(`aws eks get-token`)으로 짧게 사는 토큰을 받아 온다는 점이 다릅니다. 그 토큰의 IAM 신원은 클러스터의 access entry(예전엔 `aws-auth` ConfigMap)로 쿠버네티스 사용자·그룹에 매핑되고, 그 다음부터는 똑같이 RBAC가 인가합니다. 클러스터를 만든 사람 외의 사용자에게 권한을 줄 때도 신원을 매핑하고 RBAC 바인딩을 만드는 같은 두 단계를 거칩니다.
""", """
## kubeconfig: where kubectl connects, and as whom

A kubeconfig holds three lists and one pointer:
- `clusters`: the API server address (`server`) and the CA that verifies its certificate,
- `users`: how you prove who you are (client certificate and key, a token, or an `exec` plugin),
- `contexts`: a cluster + user (+ default namespace) pair,
- `current-context`: the context in use.

`--minify` keeps only what the current context needs, and secret values show as `DATA+OMITTED`/`REDACTED`.
On a managed cluster such as EKS, `aws eks update-kubeconfig` writes the kubeconfig; the difference is the `users` entry: an **exec plugin** (`aws eks get-token`) fetches a short-lived token instead of a fixed certificate. The IAM identity behind that token is mapped to a Kubernetes user and groups by the cluster's access entries (formerly the `aws-auth` ConfigMap), and from there RBAC authorizes as everywhere else. Giving someone other than the cluster's creator access takes the same two steps: map their identity, then bind RBAC roles.
"""),
code("%kubectl config view --minify"),
md("""
이 클러스터는 kubeadm처럼 설정되어 있습니다. `server` 는 `https://` 이고, `certificate-authority-data` 에는 클러스터 CA 인증서가, `users` 에는 kubeadm이 `admin.conf` 에 넣어 주는 **클라이언트 인증서와 키**가 들어 있습니다. 인증서 안을 열어 봅시다. x509 인증에서 쿠버네티스는 인증서 주체(subject)의 **CN을 사용자 이름**으로, **O를 그룹**으로 읽습니다.
""", """
This cluster is set up as kubeadm sets one up: `server` is `https://`, `certificate-authority-data` holds the cluster CA's certificate, and `users` holds the **client certificate and key** kubeadm writes into `admin.conf`. Let's open the certificates. For x509 authentication Kubernetes reads the subject's **CN as the user name** and each **O as a group**.
"""),
code("""
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;

var kc = cluster.kubeconfig();
var cfg = client.getConfiguration();
var x509 = CertificateFactory.getInstance("X.509");
var ca = (X509Certificate) x509.generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(cfg.getCaCertData())));
var me = (X509Certificate) x509.generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(cfg.getClientCertData())));
System.out.println("context:     " + kc.context());
System.out.println("server:      " + kc.server());
System.out.println("cluster CA:  " + ca.getSubjectX500Principal());
System.out.println("client cert: " + me.getSubjectX500Principal() + ", issued by " + me.getIssuerX500Principal()
    + ", valid until " + me.getNotAfter().toInstant());
"""),
md("""
kubeadm은 컨트롤 플레인 노드의 `/etc/kubernetes` 에 PKI와 kubeconfig 파일을 둡니다. 이 실습 클러스터도 같은 구성을 클러스터 디렉터리의 `kubernetes/` 아래에 둡니다. `pki/ca.crt`·`ca.key`(클러스터 CA), `apiserver.crt`(API 서버의 서버 인증서), `apiserver-kubelet-client.crt`(API 서버가 kubelet에 접속할 때 쓰는 클라이언트 인증서), `sa.key`·`sa.pub`(서비스 어카운트 토큰 서명 키), `front-proxy-*`, `etcd/` 가 있고, 컴포넌트마다 kubeconfig가 따로 있습니다. `controller-manager.conf` 는 `system:kube-controller-manager`, `scheduler.conf` 는 `system:kube-scheduler`, `kubelet.conf` 는 `system:node:<노드>` 로 접속합니다. 컴포넌트마다 신원이 다르므로 RBAC가 각자에게 필요한 권한만 줄 수 있습니다.
""", """
kubeadm keeps the PKI and the kubeconfig files in `/etc/kubernetes` on the control-plane node; this cluster keeps the same layout under `kubernetes/` in its cluster directory: `pki/ca.crt` and `ca.key` (the cluster CA), `apiserver.crt` (the API server's serving certificate), `apiserver-kubelet-client.crt` (the client certificate the API server shows kubelets), `sa.key`/`sa.pub` (the service-account token signing key), `front-proxy-*`, `etcd/`, and one kubeconfig per component: `controller-manager.conf` connects as `system:kube-controller-manager`, `scheduler.conf` as `system:kube-scheduler`, `kubelet.conf` as `system:node:<node>`. Because every component has its own identity, RBAC can give each one exactly what it needs.
"""),
code("""
import java.nio.file.Files;

var etcKubernetes = kc.path().getParent().resolve("kubernetes");
try (var files = Files.walk(etcKubernetes)) {
    files.filter(Files::isRegularFile).map(f -> etcKubernetes.relativize(f).toString()).sorted().forEach(System.out::println);
}
"""),
md("""
## 같은 REST API, 두 개의 클라이언트

kubectl은 결국 HTTP 클라이언트입니다. `-v=6` 을 주면 kubectl이 보내는 요청의 메서드, URL, 응답 코드가 보입니다. 리소스는 `/api/v1/namespaces/{ns}/pods` 같은 경로로 표현되고, 읽기는 GET, 생성은 POST, 수정은 PUT/PATCH, 삭제는 DELETE 입니다.
""", """
## One REST API, two clients

kubectl is just an HTTP client. With `-v=6` it logs each request's method, URL and response code. Resources live at paths such as `/api/v1/namespaces/{ns}/pods`; reading is GET, creating POST, updating PUT/PATCH, deleting DELETE.
"""),
code("%kubectl get pods -n kube-system -v=6"),
code("%kubectl get --raw /version"),
md("""
Java 셀의 `client` 는 fabric8 KubernetesClient 입니다. 같은 엔드포인트를 타입이 있는 객체로 다룹니다.
""", """
In Java cells, `client` is a fabric8 KubernetesClient: the same endpoints, as typed objects.
"""),
code("""
System.out.println("API server " + client.getMasterUrl() + " runs " + client.getKubernetesVersion().getGitVersion());
client.pods().inNamespace("kube-system").list().getItems()
    .forEach(p -> System.out.println(p.getMetadata().getName() + " on " + p.getSpec().getNodeName()));
"""),
md("""
## 요청이 거치는 길

```
사용자/kubectl ──HTTPS──▶ kube-apiserver
                           ① 인증(Authentication): 누구인가?  (클라이언트 인증서, Bearer 토큰, …)
                           ② 인가(Authorization): 이 동작을 해도 되는가?  (RBAC, Node authorizer)
                           ③ 어드미션(Admission): 객체를 고치거나(mutating) 거부한다(validating)
                           ④ 검증·기본값 → etcd에 저장
```

### ① 인증
`kubectl auth whoami` 는 API 서버가 나를 누구로 인식했는지 돌려줍니다(SelfSubjectReview API).
""", """
## The path of a request

```
user/kubectl ──HTTPS──▶ kube-apiserver
                          ① authentication: who is this?  (client certificate, bearer token, …)
                          ② authorization: may they do this?  (RBAC, the Node authorizer)
                          ③ admission: mutate the object, or reject it
                          ④ validation and defaults → stored in etcd
```

### ① Authentication
`kubectl auth whoami` asks the API server who it thinks we are (the SelfSubjectReview API).
"""),
code("%kubectl auth whoami"),
md("""
API 서버는 클라이언트 인증서를 클러스터 CA로 검증한 뒤 CN `kubernetes-admin` 을 사용자로, O `kubeadm:cluster-admins` 를 그룹으로 받아들였습니다. `system:authenticated` 는 인증된 모든 요청에 붙는 그룹입니다. kubeadm 1.29부터 `admin.conf` 는 이 그룹을 쓰고, 그룹은 ClusterRoleBinding `kubeadm:cluster-admins` 로 `cluster-admin` 에 묶입니다. RBAC 바인딩이므로 나중에 회수할 수 있습니다. RBAC를 아예 건너뛰는 `system:masters` 그룹 인증서는 비상용 `super-admin.conf` 에만 들어 있습니다.
""", """
The API server verified the client certificate against the cluster CA, then took the CN `kubernetes-admin` as the user and the O `kubeadm:cluster-admins` as a group; `system:authenticated` is added to every authenticated request. Since kubeadm 1.29, `admin.conf` uses that group, which the ClusterRoleBinding `kubeadm:cluster-admins` binds to `cluster-admin`: an RBAC binding, so it can be revoked. A certificate in `system:masters`, the group that bypasses RBAC altogether, exists only in the break-glass `super-admin.conf`.
"""),
code("%kubectl get clusterrolebinding kubeadm:cluster-admins -o wide"),
md("""
### ② 인가: 아무 권한도 없는 사용자 jane

인증은 "누구인가"만 정합니다. 무엇을 할 수 있는지는 인가(RBAC)가 정합니다. 클러스터 CA가 서명한 `CN=jane` 인증서만 있으면 API 서버는 jane을 알아보지만, jane에게 바인딩된 Role이 없으면 요청은 거부됩니다. 아래 셀은 컨트롤 플레인 노드에서 `kubeadm kubeconfig user --client-name=jane` 이 하는 일을 그대로 합니다. 클러스터 CA로 jane의 클라이언트 인증서를 발급해 kubeconfig를 만들고, 그 kubeconfig로 접속합니다.
""", """
### ② Authorization: jane, a user with no permissions

Authentication only settles who you are; authorization (RBAC) settles what you may do. With a certificate for `CN=jane` signed by the cluster CA the API server knows jane, but with no role bound to jane every request is refused. The next cell does what `kubeadm kubeconfig user --client-name=jane` does on a control-plane node: it issues jane a client certificate from the cluster CA, builds a kubeconfig around it, and connects with it.
"""),
code("""
import io.fabric8.kubernetes.client.KubernetesClientException;

// the cluster CA's key signs jane's certificate: CN=jane, no O (no groups)
var pki = dev.kubelab.pki.Pki.ensure(etcKubernetes, dev.kubelab.pki.PkiOptions.defaults("kubelab-control-plane"));
String janeKubeconfig = pki.userKubeconfig("jane", java.util.List.of(), kc.server());
try (var jane = dev.kubelab.cluster.Clients.forKubeconfig(janeKubeconfig)) {
    var review = jane.authentication().v1().selfSubjectReviews()
        .create(new io.fabric8.kubernetes.api.model.authentication.SelfSubjectReviewBuilder().build());
    System.out.println("authenticated as " + review.getStatus().getUserInfo().getUsername()
        + " in " + review.getStatus().getUserInfo().getGroups());
    jane.pods().inNamespace("default").list();
} catch (KubernetesClientException e) {
    System.out.println("HTTP " + e.getCode() + " " + e.getStatus().getReason() + ": " + e.getStatus().getMessage());
}
"""),
md("""
kubectl로도 같은 거부를 볼 수 있습니다. 관리자는 `--as` 로 다른 사용자를 흉내 낼 수 있습니다(impersonation). API 서버는 먼저 관리자에게 `impersonate` 권한이 있는지 확인한 뒤, 요청을 jane의 것으로 인가합니다. 그래서 실제 클러스터에서 jane이 보게 될 메시지가 그대로 나옵니다(의도된 실패).
""", """
kubectl shows the same refusal. An admin can act as another user with `--as` (impersonation): the API server checks that the admin may `impersonate`, then authorizes the request as jane's, so this is exactly the message jane would see on a real cluster (an expected failure).
"""),
fails("%kubectl get pods --as=jane"),
md("""
`kubectl auth can-i` 는 API 서버에 SelfSubjectAccessReview를 보내 같은 인가 판단을 미리 물어봅니다. 답이 `no` 이면 종료 코드 1로 끝납니다.
""", """
`kubectl auth can-i` asks the API server the same authorization question in advance (a SelfSubjectAccessReview); a `no` exits with status 1.
"""),
fails("%kubectl auth can-i list pods --as=jane"),
md("""
jane에게 `default` 네임스페이스에서 기본 ClusterRole `view` 를 주면 읽기는 허용되고, 쓰기는 여전히 거부됩니다.
""", """
Bind the built-in ClusterRole `view` to jane in `default`: reading is allowed now, writing still is not.
"""),
code("""
%%apply
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: jane-view
  namespace: default
subjects:
- kind: User
  apiGroup: rbac.authorization.k8s.io
  name: jane
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: view
"""),
code("""
%kubectl auth can-i list pods --as=jane -n default
%kubectl get pods --as=jane -n default
"""),
fails("%kubectl auth can-i delete pods --as=jane -n default"),
md("""
### ServiceAccount: 파드가 쓰는 신원

사람이 아닌 워크로드는 ServiceAccount로 인증합니다. 파드를 **읽기만** 할 수 있는 ServiceAccount `viewer` 를 만듭니다. Role은 "무엇을 할 수 있는가", RoleBinding은 "누구에게"를 정합니다.
""", """
### ServiceAccounts: the identity of workloads

Workloads authenticate as ServiceAccounts, not people. Create a ServiceAccount `viewer` that may only **read** pods. A Role says what may be done; a RoleBinding says who may do it.
"""),
code("""
%%apply
apiVersion: v1
kind: ServiceAccount
metadata:
  name: viewer
  namespace: default
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: pod-viewer
  namespace: default
rules:
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["get", "list", "watch"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: viewer-pod-viewer
  namespace: default
subjects:
- kind: ServiceAccount
  name: viewer
  namespace: default
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: pod-viewer
"""),
code("%kubectl auth can-i list pods --as=system:serviceaccount:default:viewer"),
md("""
생성 권한은 없으므로 다음 셀은 `no` 를 출력하고 종료 코드 1로 끝납니다(의도된 실패).
""", """
Creating is not allowed, so the next cell prints `no` and exits with status 1 (an expected failure).
"""),
fails("%kubectl auth can-i create pods --as=system:serviceaccount:default:viewer"),
md("""
`--as` 는 관리자가 다른 사용자를 흉내 내는 방법(impersonation)입니다. 실제 사용자처럼 접속해 봅시다: TokenRequest API로 `viewer` 의 **Bearer 토큰**을 발급받고, 그 토큰만 가진 새 클라이언트를 만듭니다. 목록 조회는 되고, 생성은 **403 Forbidden** 이 돌아옵니다.
""", """
`--as` is impersonation, an admin acting as someone else. Now connect as the real user: get a **bearer token** for `viewer` from the TokenRequest API, and build a second client that holds only that token. Listing works; creating comes back **403 Forbidden**.
"""),
code("""
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;

String token = client.serviceAccounts().inNamespace("default").withName("viewer").tokenRequest().getStatus().getToken();
Config viewerConfig = new ConfigBuilder(client.getConfiguration())
    .withClientCertData(null).withClientKeyData(null).withClientCertFile(null).withClientKeyFile(null)
    .withUsername(null).withPassword(null)
    .withOauthToken(token).build();
try (var viewer = new KubernetesClientBuilder().withConfig(viewerConfig).build()) {
    System.out.println("viewer lists pods in default: " + viewer.pods().inNamespace("default").list().getItems().size());
    try {
        viewer.pods().inNamespace("default").resource(new PodBuilder()
            .withNewMetadata().withName("sneaky").endMetadata()
            .withNewSpec().addNewContainer().withName("c").withImage("nginx:1.27").endContainer().endSpec()
            .build()).create();
    } catch (KubernetesClientException e) {
        System.out.println("viewer creates a pod: HTTP " + e.getCode() + " " + e.getStatus().getReason());
        System.out.println(e.getStatus().getMessage());
    }
}
"""),
md("""
### ③ 어드미션

인가를 통과한 요청은 어드미션 플러그인을 거칩니다. **mutating** 플러그인은 객체를 고칩니다. 예를 들어 `ServiceAccount` 플러그인은 `serviceAccountName: default` 를, `DefaultTolerationSeconds` 는 노드 장애 시 300초 동안 버티는 톨러레이션을 넣습니다. 우리가 쓰지 않은 필드가 저장된 파드에 들어 있는지 보세요.
""", """
### ③ Admission

Authorized requests then pass the admission plugins. **Mutating** plugins change the object: `ServiceAccount` fills in `serviceAccountName: default`, `DefaultTolerationSeconds` adds tolerations that keep the pod on a failed node for 300 s. Look for fields we never wrote in the stored pod.
"""),
code("%kubectl run hello --image=nginx:1.27"),
code("""
var pod = client.pods().inNamespace("default").withName("hello").get();
System.out.println("serviceAccountName: " + pod.getSpec().getServiceAccountName());
pod.getSpec().getTolerations().forEach(t ->
    System.out.println("toleration: " + t.getKey() + " " + t.getEffect() + " for " + t.getTolerationSeconds() + "s"));
"""),
md("""
**validating** 플러그인은 요청을 거부합니다. `NamespaceLifecycle` 은 없는 네임스페이스(또는 삭제 중인 네임스페이스)에 객체를 만들지 못하게 막습니다.
""", """
**Validating** plugins reject requests. `NamespaceLifecycle` refuses objects in a namespace that does not exist (or is being deleted).
"""),
fails("%kubectl run ghost --image=nginx:1.27 -n no-such-namespace"),
md("""
### ④ etcd에 저장

모든 관문을 통과한 객체는 `/registry/<리소스>/<네임스페이스>/<이름>` 키로 etcd에 저장됩니다. etcd에 직접 접근하는 컴포넌트는 API 서버뿐입니다. (실제 쿠버네티스는 protobuf로 저장하지만 여기서는 읽기 쉬운 JSON으로 저장합니다.)
""", """
### ④ Stored in etcd

An object that passed every gate is written to etcd under `/registry/<resource>/<namespace>/<name>`. The API server is the only component that talks to etcd. (Real Kubernetes stores protobuf; this cluster stores readable JSON.)
"""),
code("%etcdctl get /registry/pods/default/hello"),
md("""
## API 서버 ↔ kubelet

통신은 양방향이고 모두 HTTPS(TLS)입니다.
- **노드 → 컨트롤 플레인**: kubelet, kube-proxy, 파드는 API 서버에 접속합니다. kubelet은 자기 노드의 PodSpec을 watch하고 노드·파드 상태를 보고하며, **클라이언트 인증서**(`system:node:<노드이름>`, 그룹 `system:nodes`) 또는 **Bearer 토큰**으로 인증합니다. Node authorizer와 `NodeRestriction` 어드미션이 kubelet이 자기 노드 것만 고치도록 제한합니다.
- **컨트롤 플레인 → 노드**: `kubectl logs`, `exec`, `port-forward` 는 API 서버가 kubelet의 HTTPS 엔드포인트(기본 포트 10250의 `/containerLogs`, `/exec`, `/portForward`)를 호출해서 처리합니다. API 서버는 `--kubelet-client-certificate/--kubelet-client-key` 로 자신을 증명하고, `--kubelet-certificate-authority` 가 있으면 kubelet의 서버 인증서를 검증합니다. 이렇게 TLS가 전송 중 데이터를 암호화하고 변조를 막습니다.

아래 셀은 kubeadm이 만든 API 서버 매니페스트의 관련 플래그와, API 서버가 kubelet에 제시하는 클라이언트 인증서, 그리고 kubelet이 광고하는 포트를 보여 줍니다. 이어서 `kubectl logs` 가 API 서버 → kubelet 경로로 로그를 가져옵니다.

**이 실습 클러스터에서 시뮬레이션되는 부분**: 노드 → API 서버 방향은 실제와 같습니다. kubelet마다 자기 인증서(`system:node:<노드>`)로 HTTPS 접속하고, Node authorizer와 `NodeRestriction` 이 적용됩니다. 반대 방향은 다릅니다. kubelet은 시뮬레이션이라 컨테이너도 로그도 진짜가 아니고, kubelet 엔드포인트는 10250 대신 루프백의 빈 포트에서 평문 HTTP로 열립니다. API 서버도 로그를 가져올 때 TLS 연결 없이 같은 프로세스 안의 kubelet 시뮬레이터를 직접 부릅니다. `apiserver-kubelet-client.crt` 는 실제 클러스터처럼 만들어져 있지만 이 경로에서는 쓰이지 않습니다.
""", """
## API server ↔ kubelet

Traffic goes both ways, always over HTTPS (TLS):
- **nodes → control plane**: kubelets, kube-proxies and pods connect to the API server. The kubelet watches the PodSpecs bound to its node and reports node and pod status, authenticating with a **client certificate** (`system:node:<node-name>`, group `system:nodes`) or a **bearer token**. The Node authorizer and the `NodeRestriction` admission plugin limit a kubelet to its own node's objects.
- **control plane → nodes**: `kubectl logs`, `exec` and `port-forward` make the API server call the kubelet's HTTPS endpoint (port 10250: `/containerLogs`, `/exec`, `/portForward`). The API server proves itself with `--kubelet-client-certificate/--kubelet-client-key` and, when `--kubelet-certificate-authority` is set, verifies the kubelet's serving certificate. TLS keeps that traffic encrypted and tamper-proof in transit.

The next cell shows the relevant flags of the API server's kubeadm manifest, the client certificate the API server presents to kubelets, and the port the kubelet advertises; then `kubectl logs` travels API server → kubelet.

**What is simulated here**: the nodes → API server direction is real: each kubelet connects over HTTPS with its own certificate (`system:node:<node>`), and the Node authorizer and `NodeRestriction` apply. The other direction is not: the kubelets are simulated, so are their containers and log lines; the kubelet endpoint is plain HTTP on a free loopback port rather than HTTPS on 10250, and the API server fetches logs by calling the in-process kubelet simulator directly, without a TLS hop. `apiserver-kubelet-client.crt` is issued as on a real cluster but unused on that path.
"""),
code("""
var apiserver = client.pods().inNamespace("kube-system").withName("kube-apiserver-kubelab-control-plane").get();
apiserver.getSpec().getContainers().get(0).getCommand().stream()
    .filter(f -> f.matches("--(kubelet|authorization|enable-admission|etcd|client-ca|tls).*"))
    .forEach(System.out::println);
var kubeletClient = (X509Certificate) x509.generateCertificate(
    Files.newInputStream(etcKubernetes.resolve("pki/apiserver-kubelet-client.crt")));
System.out.println("API server's kubelet client certificate: " + kubeletClient.getSubjectX500Principal());
System.out.println("kubelet port on kubelab-worker: "
    + client.nodes().withName("kubelab-worker").get().getStatus().getDaemonEndpoints().getKubeletEndpoint().getPort());
"""),
code("""
%kubectl wait --for=condition=Ready pod/hello --timeout=30s
%kubectl logs hello --tail=5
"""),
md("""
## ✏️ 연습 문제 02-read-only-user

감사(audit) 담당자를 위한 읽기 전용 계정을 만드세요.
1. `default` 네임스페이스에 ServiceAccount `auditor`
2. 파드에 `get`, `list`, `watch` 만 허용하는 Role `pod-reader`
3. 둘을 잇는 RoleBinding `auditor-pod-reader`

그다음 `%kubectl auth can-i list pods --as=system:serviceaccount:default:auditor` 로 스스로 확인하고, `%check 02-read-only-user` 를 실행하세요.

<details><summary>힌트 1</summary>

위에서 `viewer` 에 쓴 `%%apply` 셀을 이름만 바꿔 재사용할 수 있습니다.
</details>
<details><summary>힌트 2</summary>

명령형으로도 됩니다: `kubectl create serviceaccount`, `kubectl create role pod-reader --verb=get,list,watch --resource=pods`, `kubectl create rolebinding ... --role=pod-reader --serviceaccount=default:auditor`.
</details>
""", """
## ✏️ Exercise 02-read-only-user

Create a read-only account for an auditor:
1. a ServiceAccount `auditor` in `default`,
2. a Role `pod-reader` allowing only `get`, `list` and `watch` on pods,
3. a RoleBinding `auditor-pod-reader` tying them together.

Check it yourself with `%kubectl auth can-i list pods --as=system:serviceaccount:default:auditor`, then run `%check 02-read-only-user`.

<details><summary>Hint 1</summary>

The `%%apply` cell used for `viewer` above works with the names changed.
</details>
<details><summary>Hint 2</summary>

Imperatively: `kubectl create serviceaccount`, `kubectl create role pod-reader --verb=get,list,watch --resource=pods`, `kubectl create rolebinding … --role=pod-reader --serviceaccount=default:auditor`.
</details>
"""),
code(""),
solution("""
// Solution · 풀이
%kubectl create serviceaccount auditor
%kubectl create role pod-reader --verb=get,list,watch --resource=pods
%kubectl create rolebinding auditor-pod-reader --role=pod-reader --serviceaccount=default:auditor
%kubectl auth can-i list pods --as=system:serviceaccount:default:auditor
"""),
code("%check 02-read-only-user"),
md("""
## 정리

- kube-apiserver는 클러스터의 유일한 입구이자 etcd의 유일한 클라이언트다. kubectl·컨트롤러·스케줄러·kubelet 모두 이 REST API를 쓴다.
- kubeconfig = clusters + users + contexts + current-context. 관리형 클러스터는 users에 exec 플러그인으로 토큰을 받는다.
- kubeadm 클러스터의 신원은 클러스터 CA가 서명한 인증서다. CN이 사용자, O가 그룹이다. admin.conf는 `kubeadm:cluster-admins`, 컴포넌트는 각자 `system:kube-scheduler`, `system:kube-controller-manager`, `system:node:<노드>` 로 접속한다.
- 요청 경로: 인증(누구?) → 인가(RBAC: 해도 되나?) → 어드미션(고치기/거부) → 검증 → etcd 저장. 권한이 없으면 403 Forbidden. `kubectl auth can-i` 로 미리 물어볼 수 있다.
- API 서버 ↔ kubelet은 양방향 HTTPS. kubelet은 인증서/토큰으로 API 서버에 붙고, API 서버는 logs/exec/port-forward를 위해 kubelet의 10250 포트를 클라이언트 인증서로 호출한다.

다음(03): API 서버 뒤의 저장소, etcd.
""", """
## Recap

- kube-apiserver is the cluster's only entry point and etcd's only client; kubectl, controllers, the scheduler and kubelets all use its REST API.
- kubeconfig = clusters + users + contexts + current-context; managed clusters fetch tokens with an exec plugin in `users`.
- On a kubeadm cluster identities are certificates signed by the cluster CA: CN is the user, O the groups. admin.conf is in `kubeadm:cluster-admins`; the components connect as `system:kube-scheduler`, `system:kube-controller-manager`, `system:node:<node>`.
- A request goes authentication (who?) → authorization (RBAC: allowed?) → admission (mutate/reject) → validation → etcd. Not allowed means 403 Forbidden. `kubectl auth can-i` asks in advance.
- API server ↔ kubelet is HTTPS both ways: kubelets connect with certificates or tokens; the API server calls the kubelet's port 10250 with its client certificate for logs, exec and port-forward.

Next (03): the store behind the API server, etcd.
"""),
code("%cluster down"),
]
