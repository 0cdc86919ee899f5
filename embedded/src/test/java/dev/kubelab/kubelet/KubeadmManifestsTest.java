package dev.kubelab.kubelet;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class KubeadmManifestsTest {
    @Test
    void staticPodsCarryKubeadmFlagsForTheVersion() {
        NodeConfig cp = NodeConfig.kindLike("kubelab", 0, "v1.31.4");
        Map<String, Pod> m = StaticPods.manifests(cp, StaticPods.Settings.kind("kubelab"));
        assertThat(m).containsOnlyKeys("etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler");
        Pod api = m.get("kube-apiserver");
        assertThat(api.getSpec().getContainers().get(0).getImage()).isEqualTo("registry.k8s.io/kube-apiserver:v1.31.4");
        assertThat(api.getSpec().getContainers().get(0).getCommand()).contains("--advertise-address=172.18.0.2",
                "--service-cluster-ip-range=10.96.0.0/16", "--authorization-mode=Node,RBAC");
        assertThat(api.getMetadata().getAnnotations()).containsEntry("kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint", "172.18.0.2:6443");
        assertThat(m.get("etcd").getSpec().getContainers().get(0).getImage()).isEqualTo("registry.k8s.io/etcd:3.5.15-0");
        assertThat(m.get("kube-controller-manager").getSpec().getContainers().get(0).getCommand())
                .contains("--cluster-cidr=10.244.0.0/16", "--cluster-name=kubelab");
        Pod mirror = StaticPods.mirror(m.get("kube-scheduler"), cp, "node-uid", Instant.parse("2024-05-01T10:00:00Z"));
        assertThat(mirror.getMetadata().getName()).isEqualTo("kube-scheduler-kubelab-control-plane");
        assertThat(mirror.getMetadata().getAnnotations()).containsEntry("kubernetes.io/config.source", "file")
                .containsEntry("kubernetes.io/config.seen", "2024-05-01T10:00:00.000000000Z");
        assertThat(mirror.getMetadata().getAnnotations().get("kubernetes.io/config.mirror")).hasSize(32)
                .isEqualTo(mirror.getMetadata().getAnnotations().get("kubernetes.io/config.hash"));
        assertThat(mirror.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> assertThat(o.getKind()).isEqualTo("Node"));
        assertThat(mirror.getSpec().getNodeName()).isEqualTo("kubelab-control-plane");
        assertThat(StaticPods.isMirror(mirror)).isTrue();
    }

    @Test
    void addonsAreKubeadms() {
        List<HasMetadata> objs = KubeadmAddons.objects("kubelab", "v1.31.4", "10.244.0.0/16", "10.96.0.10");
        DaemonSet ds = objs.stream().filter(DaemonSet.class::isInstance).map(DaemonSet.class::cast).findFirst().orElseThrow();
        assertThat(ds.getMetadata().getName()).isEqualTo("kube-proxy");
        assertThat(ds.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo("registry.k8s.io/kube-proxy:v1.31.4");
        assertThat(ds.getSpec().getTemplate().getSpec().getHostNetwork()).isTrue();
        Deployment coredns = objs.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast).findFirst().orElseThrow();
        assertThat(coredns.getSpec().getReplicas()).isEqualTo(2);
        assertThat(coredns.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo("registry.k8s.io/coredns/coredns:v1.11.3");
        Service dns = objs.stream().filter(Service.class::isInstance).map(Service.class::cast).findFirst().orElseThrow();
        assertThat(dns.getMetadata().getName()).isEqualTo("kube-dns");
        assertThat(dns.getSpec().getClusterIP()).isEqualTo("10.96.0.10");
        assertThat(objs).extracting(HasMetadata::getKind).contains("ConfigMap", "ServiceAccount", "ClusterRoleBinding");
        // every node image has these preloaded: their pods start without a pull
        assertThat(KubeadmImages.all("v1.31.4")).contains("registry.k8s.io/kube-proxy:v1.31.4", "registry.k8s.io/coredns/coredns:v1.11.3");
    }
}
