package dev.kubelab.cluster.embedded;

import dev.kubelab.cluster.KubernetesVersion;
import dev.kubelab.kubelet.KubeadmImages;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.List;
import java.util.Map;

/**
 * kubeadm's {@code addon} phase: CoreDNS (a two-replica Deployment behind the {@code kube-dns} Service at
 * 10.96.0.10) and kube-proxy (a DaemonSet), with their ServiceAccounts and ConfigMaps, shaped as kubeadm creates
 * them. The controllers then make their pods, and the simulated kubelets run them.
 */
final class KubeadmAddons {
    static final String DNS_SERVICE_IP = "10.96.0.10";

    private KubeadmAddons() {
    }

    static List<HasMetadata> objects(KubernetesVersion version, String podSubnet) {
        String v = version.toString();
        Map<String, String> dns = Map.of("k8s-app", "kube-dns");
        Map<String, String> proxy = Map.of("k8s-app", "kube-proxy");
        return List.of(
                new ServiceAccountBuilder().withNewMetadata().withName("coredns").withNamespace("kube-system").endMetadata().build(),
                new ConfigMapBuilder().withNewMetadata().withName("coredns").withNamespace("kube-system").endMetadata()
                        .addToData("Corefile", String.join("\n",
                                ".:53 {", "    errors", "    health {", "       lameduck 5s", "    }", "    ready",
                                "    kubernetes cluster.local in-addr.arpa ip6.arpa {", "       pods insecure",
                                "       fallthrough in-addr.arpa ip6.arpa", "       ttl 30", "    }", "    prometheus :9153",
                                "    forward . /etc/resolv.conf {", "       max_concurrent 1000", "    }", "    cache 30", "    loop",
                                "    reload", "    loadbalance", "}", "")).build(),
                new DeploymentBuilder().withNewMetadata().withName("coredns").withNamespace("kube-system").withLabels(dns).endMetadata()
                        .withNewSpec().withReplicas(2).withNewSelector().withMatchLabels(dns).endSelector()
                        .withNewStrategy().withType("RollingUpdate").withNewRollingUpdate().withMaxUnavailable(new IntOrString(1))
                        .endRollingUpdate().endStrategy()
                        .withNewTemplate().withNewMetadata().withLabels(dns).endMetadata().withNewSpec()
                        .withServiceAccountName("coredns").withPriorityClassName("system-cluster-critical")
                        .withNodeSelector(Map.of("kubernetes.io/os", "linux"))
                        .withTolerations(new TolerationBuilder().withKey("CriticalAddonsOnly").withOperator("Exists").build(),
                                new TolerationBuilder().withKey("node-role.kubernetes.io/control-plane").withEffect("NoSchedule").build())
                        .addNewContainer().withName("coredns").withImage("registry.k8s.io/coredns/coredns:" + KubeadmImages.corednsTag(v))
                        .withArgs("-conf", "/etc/coredns/Corefile")
                        .addNewPort().withName("dns").withContainerPort(53).withProtocol("UDP").endPort()
                        .addNewPort().withName("dns-tcp").withContainerPort(53).withProtocol("TCP").endPort()
                        .addNewPort().withName("metrics").withContainerPort(9153).withProtocol("TCP").endPort()
                        .withNewResources().addToRequests("cpu", new io.fabric8.kubernetes.api.model.Quantity("100m"))
                        .addToRequests("memory", new io.fabric8.kubernetes.api.model.Quantity("70Mi"))
                        .addToLimits("memory", new io.fabric8.kubernetes.api.model.Quantity("170Mi")).endResources()
                        .endContainer().endSpec().endTemplate().endSpec().build(),
                new ServiceBuilder().withNewMetadata().withName("kube-dns").withNamespace("kube-system")
                        .withLabels(Map.of("k8s-app", "kube-dns", "kubernetes.io/cluster-service", "true", "kubernetes.io/name", "CoreDNS"))
                        .endMetadata().withNewSpec().withClusterIP(DNS_SERVICE_IP).withSelector(dns)
                        .addNewPort().withName("dns").withPort(53).withProtocol("UDP").withTargetPort(new IntOrString(53)).endPort()
                        .addNewPort().withName("dns-tcp").withPort(53).withProtocol("TCP").withTargetPort(new IntOrString(53)).endPort()
                        .addNewPort().withName("metrics").withPort(9153).withProtocol("TCP").withTargetPort(new IntOrString(9153)).endPort()
                        .endSpec().build(),
                new ServiceAccountBuilder().withNewMetadata().withName("kube-proxy").withNamespace("kube-system").endMetadata().build(),
                new ConfigMapBuilder().withNewMetadata().withName("kube-proxy").withNamespace("kube-system").withLabels(Map.of("app", "kube-proxy"))
                        .endMetadata().addToData("config.conf", String.join("\n",
                                "apiVersion: kubeproxy.config.k8s.io/v1alpha1", "kind: KubeProxyConfiguration",
                                "clusterCIDR: " + podSubnet, "mode: iptables", "iptables:", "  minSyncPeriod: 1s", "")).build(),
                new DaemonSetBuilder().withNewMetadata().withName("kube-proxy").withNamespace("kube-system").withLabels(proxy).endMetadata()
                        .withNewSpec().withNewSelector().withMatchLabels(proxy).endSelector()
                        .withNewTemplate().withNewMetadata().withLabels(proxy).endMetadata().withNewSpec()
                        .withServiceAccountName("kube-proxy").withPriorityClassName("system-node-critical").withHostNetwork(true)
                        .withNodeSelector(Map.of("kubernetes.io/os", "linux"))
                        .withTolerations(new TolerationBuilder().withOperator("Exists").build())
                        .addNewContainer().withName("kube-proxy").withImage("registry.k8s.io/kube-proxy:" + v)
                        .withCommand("/usr/local/bin/kube-proxy", "--config=/var/lib/kube-proxy/config.conf", "--hostname-override=$(NODE_NAME)")
                        .addNewEnv().withName("NODE_NAME").withNewValueFrom().withNewFieldRef().withFieldPath("spec.nodeName").endFieldRef()
                        .endValueFrom().endEnv()
                        .withNewSecurityContext().withPrivileged(true).endSecurityContext()
                        .endContainer().endSpec().endTemplate().endSpec().build());
    }

    /**
     * Creates or updates the addon objects (kubeadm: "[addons] Applied essential addon: CoreDNS / kube-proxy"), as
     * kubeadm's CreateOrUpdate does. It looks first rather than reacting to 409: on a cluster that starts again on its
     * kept etcd data, creating kube-dns again is refused 422 ("provided IP is already allocated") before the name
     * conflict, as kube-apiserver allocates the ClusterIP first.
     */
    static void apply(KubernetesClient client, KubernetesVersion version, String podSubnet) {
        for (HasMetadata o : objects(version, podSubnet)) {
            var r = client.resource(o).inNamespace("kube-system");
            if (r.get() == null) {
                r.createOr(existing -> existing.update());
            } else {
                r.update();
            }
        }
    }
}
