NAME = "07-kube-proxy-and-services"

from pathlib import Path
WAIT_HELPER = Path(__file__).with_name("nb03.py").read_text().split('WAIT_HELPER = """', 1)[1].split('"""', 1)[0]

CELLS = [
md("""
# 07. kube-proxy와 서비스

## 학습 목표
- 파드 IP가 왜 바뀌는지, 서비스(ClusterIP)가 어떻게 고정된 주소를 주는지 설명한다.
- 서비스 → EndpointSlice → kube-proxy 규칙으로 이어지는 흐름을 라이브 오브젝트로 따라간다.
- kube-proxy(iptables 모드)가 노드에 설치하는 규칙을 읽고, 파드 사이에 트래픽이 어떻게 나뉘는지 계산한다.
- readiness가 엔드포인트에 미치는 영향, 그리고 ClusterIP / NodePort / LoadBalancer 의 차이를 안다.
""", """
# 07. kube-proxy and Services

## Learning goals
- Explain why pod IPs change and how a Service (ClusterIP) gives a stable address.
- Follow Service → EndpointSlice → kube-proxy rules through live objects.
- Read the rules kube-proxy (iptables mode) installs on a node and work out how traffic is shared between pods.
- Know how readiness affects endpoints, and how ClusterIP, NodePort and LoadBalancer differ.
"""),
code("%cluster up"),
code(WAIT_HELPER),
md("""
## 파드 네트워크

쿠버네티스 네트워크 모델에서 모든 파드는 고유한 IP를 갖고, NAT 없이 서로 통신할 수 있어야 합니다. 이것을 실제로 구현하는 것은 **CNI 플러그인**(Calico, Cilium, Flannel 등)입니다. 보통 노드마다 파드 CIDR 한 조각(`spec.podCIDR`)을 받아 그 안에서 파드 IP를 나눠 줍니다. Calico라면 `IPPool`(예: `192.168.0.0/16`, IPIP 캡슐화, 외부로 나갈 때 NAT) 같은 설정으로 이 범위를 정합니다.
""", """
## The pod network

In the Kubernetes network model every pod gets its own IP and can reach every other pod without NAT. A **CNI plugin** (Calico, Cilium, Flannel, …) makes it real, typically giving each node a slice of the pod range (`spec.podCIDR`) to assign pod IPs from. With Calico, for example, an `IPPool` (say `192.168.0.0/16`, IPIP encapsulation, NAT for outgoing traffic) defines that range.
"""),
code("""
%kubectl create deployment web --image=nginx:1.27 --replicas=3
%kubectl rollout status deployment/web --timeout=30s
%kubectl get nodes -o custom-columns=NAME:.metadata.name,POD_CIDR:.spec.podCIDR
%kubectl get pods -l app=web -o wide
"""),
md("""
## 서비스: 바뀌지 않는 주소

파드는 언제든 죽고 다른 IP로 다시 태어납니다. 그래서 클라이언트는 파드 IP 대신 **서비스**를 씁니다. 서비스는 셀렉터(`app=web`)로 파드 집합을 고르고, 가상 IP(**ClusterIP**)와 DNS 이름(`web.default.svc.cluster.local`, CoreDNS가 응답)을 줍니다. EndpointSlice 컨트롤러는 셀렉터에 맞는 파드 IP를 EndpointSlice에 기록합니다(05).
""", """
## Services: an address that stays

Pods die and come back with new IPs at any time, so clients use a **Service** instead of pod IPs. A Service selects a set of pods (`app=web`) and gives them a virtual IP (the **ClusterIP**) and a DNS name (`web.default.svc.cluster.local`, answered by CoreDNS). The EndpointSlice controller records the matching pod IPs in EndpointSlices (notebook 05).
"""),
code("""
%kubectl expose deployment web --port=80 --target-port=80
waitUntil("3 endpoints for web", Duration.ofSeconds(30), () ->
    client.discovery().v1().endpointSlices().inNamespace("default").withLabel("kubernetes.io/service-name", "web")
        .list().getItems().stream().mapToInt(s -> s.getEndpoints().size()).sum() == 3);
%kubectl get service web -o wide
%kubectl get endpointslices -l kubernetes.io/service-name=web
"""),
md("""
## kube-proxy가 하는 일

ClusterIP는 어떤 네트워크 카드에도 붙어 있지 않은 가상 주소입니다. 모든 노드의 **kube-proxy** 가 서비스와 EndpointSlice를 watch하면서, "이 IP:포트로 가는 패킷은 이 파드들 중 하나로 보낸다"는 규칙을 노드의 커널에 설치합니다. 모드는 `iptables`(기본), `ipvs`, 최근의 `nftables` 가 있고, 운영 체제에 패킷 필터링 계층이 없으면 사용자 공간에서 직접 포워딩하는 방식도 있었습니다. kube-proxy 자신은 패킷 경로에 서 있지 않습니다. 규칙만 관리하고, 실제 전달은 커널이 합니다.

아래 셀은 iptables 모드의 kube-proxy가 지금의 서비스와 EndpointSlice로부터 만들 `nat` 테이블 규칙을, 실제 kube-proxy와 같은 체인 이름 규칙(해시)과 확률 계산으로 Java에서 그려 봅니다. 실제 노드에서는 `sudo iptables-save -t nat | grep default/web` 으로 같은 모양을 볼 수 있습니다.

> 이 실습 클러스터에서는 컨테이너도 커널 규칙도 없어서 패킷이 실제로 흐르지는 않습니다. 규칙의 *입력*(서비스, EndpointSlice)은 진짜 API 오브젝트입니다.
""", """
## What kube-proxy does

A ClusterIP is a virtual address no network card owns. On every node, **kube-proxy** watches Services and EndpointSlices and installs kernel rules saying "packets to this IP:port go to one of these pods". Modes: `iptables` (the default), `ipvs`, and recently `nftables`; where the OS offered no packet-filtering layer there used to be a userspace mode forwarding traffic itself. kube-proxy is not in the packet path: it only manages rules, the kernel forwards.

The next cell draws, in Java, the `nat` table rules kube-proxy in iptables mode would derive from the current Service and EndpointSlices, with the same chain-name hashing and probabilities as the real kube-proxy. On a real node `sudo iptables-save -t nat | grep default/web` shows the same shape.

> This lab cluster has neither containers nor kernel rules, so no packet actually flows; the rules' *inputs* (the Service, the EndpointSlices) are the real API objects.
"""),
code("""
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;

// kube-proxy's chain names: "KUBE-SVC-"/"KUBE-SEP-" + the first 16 chars of base32(sha256(...))
String chainHash(String s) throws Exception {
    byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    StringBuilder out = new StringBuilder();
    int buffer = 0, bits = 0;
    for (byte b : d) {
        buffer = (buffer << 8) | (b & 0xff);
        bits += 8;
        while (bits >= 5 && out.length() < 16) {
            out.append(alphabet.charAt((buffer >> (bits - 5)) & 31));
            bits -= 5;
        }
    }
    return out.toString();
}

List<Endpoint> readyEndpoints(String service) {
    return client.discovery().v1().endpointSlices().inNamespace("default").withLabel("kubernetes.io/service-name", service)
        .list().getItems().stream().flatMap(s -> s.getEndpoints().stream())
        .filter(e -> e.getConditions() == null || !Boolean.FALSE.equals(e.getConditions().getReady()))
        .sorted(java.util.Comparator.comparing(e -> e.getAddresses().get(0))).toList();
}

List<String> proxyRules(String service) throws Exception {
    var svc = client.services().inNamespace("default").withName(service).get();
    var port = svc.getSpec().getPorts().get(0);
    String portName = "default/" + service + (port.getName() == null || port.getName().isEmpty() ? "" : ":" + port.getName());
    String svcChain = "KUBE-SVC-" + chainHash(portName + "tcp");
    var eps = readyEndpoints(service);
    var rules = new java.util.ArrayList<String>();
    var endpointRules = new java.util.ArrayList<String>();
    rules.add("-A KUBE-SERVICES -d " + svc.getSpec().getClusterIP() + "/32 -p tcp -m comment --comment \\"" + portName
        + " cluster IP\\" -m tcp --dport " + port.getPort() + " -j " + svcChain);
    for (int i = 0; i < eps.size(); i++) {
        String ep = eps.get(i).getAddresses().get(0) + ":" + port.getTargetPort().getIntVal();
        String sepChain = "KUBE-SEP-" + chainHash(portName + "tcp" + ep);
        String pick = i == eps.size() - 1 ? "" : String.format(" -m statistic --mode random --probability %.10f", 1.0 / (eps.size() - i));
        rules.add("-A " + svcChain + " -m comment --comment \\"" + portName + " -> " + ep + "\\"" + pick + " -j " + sepChain);
        endpointRules.add("-A " + sepChain + " -p tcp -m comment --comment " + portName + " -m tcp -j DNAT --to-destination " + ep);
    }
    rules.addAll(endpointRules);
    return rules;
}

proxyRules("web").forEach(System.out::println);
"""),
md("""
## 로드 밸런싱: 확률의 사다리

`KUBE-SVC-…` 체인의 규칙은 위에서부터 차례로 검사됩니다. 엔드포인트가 3개면 첫 규칙이 1/3 확률로 첫 파드를 고르고, 떨어진 나머지 2/3 중 두 번째 규칙이 1/2, 마지막은 무조건 — 결국 각 파드가 1/3씩 받습니다. 새 연결 3000개를 이 사다리로 흘려 봅니다(conntrack 덕분에 한 연결의 패킷은 계속 같은 파드로 갑니다).
""", """
## Load balancing: a ladder of probabilities

The rules in the `KUBE-SVC-…` chain are tried top to bottom. With 3 endpoints the first rule takes the first pod with probability 1/3; of the remaining 2/3, the second takes half; the last takes the rest — each pod gets 1/3. Run 3000 new connections down that ladder (conntrack keeps all packets of one connection on the same pod).
"""),
code("""
java.util.Map<String, Integer> spread(String service, int connections) {
    var eps = readyEndpoints(service);
    var random = new java.util.Random(7);
    var hits = new java.util.TreeMap<String, Integer>();
    for (int c = 0; c < connections; c++) {
        for (int i = 0; i < eps.size(); i++) {
            if (i == eps.size() - 1 || random.nextDouble() < 1.0 / (eps.size() - i)) {
                hits.merge(eps.get(i).getTargetRef().getName(), 1, Integer::sum);
                break;
            }
        }
    }
    return hits;
}
spread("web", 3000)
"""),
md("""
## readiness와 엔드포인트

`app=web` 레이블을 단 파드를 하나 더 띄우되, readiness 검사에 계속 실패하게(`not-ready`) 합니다. 이 파드는 EndpointSlice에 들어가지만 `ready: false` 로 표시되고, kube-proxy는 Ready 엔드포인트로만 트래픽을 보냅니다. 규칙은 그대로 3개입니다.
""", """
## Readiness and endpoints

Start one more pod labelled `app=web`, but make its readiness check fail forever (`not-ready`). It is listed in the EndpointSlice with `ready: false`, and kube-proxy sends traffic to ready endpoints only: still three rules.
"""),
code("""
%%apply
apiVersion: v1
kind: Pod
metadata:
  name: web-warming-up
  labels: {app: web}
  annotations:
    kubelab.dev/simulate: not-ready
spec:
  containers:
  - name: nginx
    image: nginx:1.27
    readinessProbe:
      httpGet: {path: /, port: 80}
      periodSeconds: 1
"""),
code("""
waitUntil("4 endpoints for web, one not ready", Duration.ofSeconds(30), () ->
    client.discovery().v1().endpointSlices().inNamespace("default").withLabel("kubernetes.io/service-name", "web")
        .list().getItems().stream().mapToInt(s -> s.getEndpoints().size()).sum() == 4);
client.discovery().v1().endpointSlices().inNamespace("default").withLabel("kubernetes.io/service-name", "web").list().getItems()
    .forEach(s -> s.getEndpoints().forEach(e -> System.out.println(e.getTargetRef().getName() + " " + e.getAddresses()
        + " ready=" + e.getConditions().getReady())));
proxyRules("web").forEach(System.out::println);
"""),
md("""
디플로이먼트를 4개로 늘리면 규칙이 4개가 되고 확률이 1/4, 1/3, 1/2, 1로 바뀝니다.
""", """
Scale the Deployment to 4: four rules, with probabilities 1/4, 1/3, 1/2, 1.
"""),
code("""
%kubectl scale deployment web --replicas=4
%kubectl rollout status deployment/web --timeout=30s
waitUntil("4 ready endpoints for web", Duration.ofSeconds(30), () -> readyEndpoints("web").size() == 4);
proxyRules("web").forEach(System.out::println);
spread("web", 4000)
"""),
md("""
## 서비스 타입

- **ClusterIP**(기본): 클러스터 안에서만 닿는 가상 IP.
- **NodePort**: ClusterIP + 모든 노드의 같은 포트(기본 30000–32767). 외부에서 `노드IP:노드포트` 로 접근. kube-proxy가 그 포트에도 규칙을 건다.
- **LoadBalancer**: NodePort + 클라우드 로드밸런서. 로드밸런서를 만드는 것은 **cloud-controller-manager** 의 서비스 컨트롤러이므로, 온프레미스나 이 실습처럼 그것이 없으면 `EXTERNAL-IP` 가 `<pending>` 으로 남습니다(온프레미스에서는 MetalLB 같은 구현을 씁니다).
""", """
## Service types

- **ClusterIP** (the default): a virtual IP reachable inside the cluster only.
- **NodePort**: a ClusterIP plus the same port on every node (30000–32767 by default), reachable from outside at `nodeIP:nodePort`; kube-proxy adds rules for that port.
- **LoadBalancer**: a NodePort plus a cloud load balancer. The **cloud-controller-manager**'s service controller creates the load balancer, so on premises — or in this lab — without one, `EXTERNAL-IP` stays `<pending>` (on premises, implementations such as MetalLB fill the gap).
"""),
code("""
%kubectl expose deployment web --name=web-nodeport --type=NodePort --port=80
%kubectl expose deployment web --name=web-lb --type=LoadBalancer --port=80
%kubectl get services
"""),
md("""
## ✏️ 연습 문제 07-expose-api

1. 이미지 `nginx:1.27`, 레플리카 2개인 디플로이먼트 `api` 를 만드세요.
2. 포트 **8080** 으로 받아 파드의 **80** 으로 보내는 ClusterIP 서비스 `api` 를 만드세요.
3. EndpointSlice에 Ready 엔드포인트가 2개인지, 그리고 `proxyRules("api")` 가 어떤 규칙을 그리는지 보세요.

`%check 07-expose-api` 로 확인합니다.

<details><summary>힌트 1</summary>

`%kubectl expose deployment api --port=8080 --target-port=80`
</details>
<details><summary>힌트 2</summary>

엔드포인트가 채워지기까지 잠깐 걸립니다. 위의 `waitUntil(...)` 를 `readyEndpoints("api").size() == 2` 로 써 보세요.
</details>
""", """
## ✏️ Exercise 07-expose-api

1. Create a Deployment `api` running `nginx:1.27` with 2 replicas.
2. Create a ClusterIP Service `api` that takes port **8080** and forwards to the pods' port **80**.
3. Check its EndpointSlice has 2 ready endpoints, and look at what `proxyRules("api")` draws.

Verify with `%check 07-expose-api`.

<details><summary>Hint 1</summary>

`%kubectl expose deployment api --port=8080 --target-port=80`
</details>
<details><summary>Hint 2</summary>

Endpoints take a moment to fill in: `waitUntil(...)` on `readyEndpoints("api").size() == 2`.
</details>
"""),
code(""),
solution("""
// Solution · 풀이
%kubectl create deployment api --image=nginx:1.27 --replicas=2
%kubectl rollout status deployment/api --timeout=30s
%kubectl expose deployment api --port=8080 --target-port=80
waitUntil("2 ready endpoints for api", Duration.ofSeconds(30), () -> readyEndpoints("api").size() == 2);
proxyRules("api").forEach(System.out::println);
"""),
code("%check 07-expose-api"),
md("""
## 정리

- 파드 IP는 CNI가 노드의 podCIDR에서 나눠 주고, 파드가 다시 생기면 바뀐다. 그래서 서비스(ClusterIP + DNS 이름)를 쓴다.
- 서비스 셀렉터 → EndpointSlice 컨트롤러가 Ready 파드 목록 유지 → 모든 노드의 kube-proxy가 이를 커널 규칙(iptables/ipvs/nftables)으로 설치. 전달은 커널이 한다.
- iptables 모드의 로드 밸런싱은 1/n, 1/(n-1), … 확률 사다리로 균등 분배.
- readiness에 실패한 파드는 엔드포인트에 `ready: false` 로 남고 트래픽을 받지 않는다.
- ClusterIP ⊂ NodePort ⊂ LoadBalancer. LoadBalancer는 cloud-controller-manager(또는 MetalLB 등)가 있어야 주소를 받는다.
""", """
## Recap

- Pod IPs come from the node's podCIDR via the CNI plugin and change when pods are recreated; hence Services (a ClusterIP plus a DNS name).
- Service selector → the EndpointSlice controller keeps the ready pods → kube-proxy on every node installs kernel rules (iptables/ipvs/nftables); the kernel forwards.
- iptables-mode load balancing is a ladder of probabilities 1/n, 1/(n-1), … giving each pod an equal share.
- A pod failing readiness stays in the EndpointSlice with `ready: false` and gets no traffic.
- ClusterIP ⊂ NodePort ⊂ LoadBalancer; a LoadBalancer needs a cloud-controller-manager (or MetalLB & co.) to get an address.
"""),
code("%cluster down"),
]
