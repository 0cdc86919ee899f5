package dev.kubelab.cluster.kind;

import dev.kubelab.cluster.ProviderName;
import dev.kubelab.cluster.Realism;
import dev.kubelab.cluster.Text;

import java.util.List;

/** What is real on kind: everything on the kind node; extra workers are simulated. */
final class KindRealism {
    private KindRealism() {
    }

    static Realism get() {
        return new Realism(ProviderName.KIND,
                Text.of("A real Kubernetes cluster: kubeadm inside a Docker container (kind). Extra workers are simulated.",
                        "실제 쿠버네티스 클러스터: Docker 컨테이너 안에서 kubeadm으로 구성(kind). 추가 워커 노드는 시뮬레이션입니다."),
                List.of(
                        Realism.real("etcd", "the real etcd, a static pod on the control-plane node", "실제 etcd, 컨트롤 플레인 노드의 스태틱 파드"),
                        Realism.real("kube-apiserver", "the real kube-apiserver, a static pod", "실제 kube-apiserver, 스태틱 파드"),
                        Realism.real("kube-scheduler", "the real kube-scheduler, a static pod", "실제 kube-scheduler, 스태틱 파드"),
                        Realism.real("kube-controller-manager", "the real kube-controller-manager, a static pod", "실제 kube-controller-manager, 스태틱 파드"),
                        Realism.real("kubelet", "the real kubelet (systemd) on the kind node; simulated on extra workers",
                                "kind 노드의 실제 kubelet(systemd); 추가 워커에서는 시뮬레이션"),
                        Realism.real("kube-proxy", "the real kube-proxy DaemonSet (iptables) on the kind node",
                                "kind 노드의 실제 kube-proxy DaemonSet(iptables)"),
                        Realism.real("containers", "containerd really runs containers on the kind node; none run on simulated workers",
                                "kind 노드에서는 containerd가 실제로 컨테이너를 실행; 시뮬레이션 워커에서는 실행되지 않음"),
                        Realism.real("networking", "kindnet CNI and iptables rules inside the node container",
                                "노드 컨테이너 안의 kindnet CNI와 iptables 규칙")));
    }
}
