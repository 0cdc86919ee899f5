package dev.kubelab.kubelet;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The objects kubeadm's {@code addon} phase creates: kube-proxy (ServiceAccount, RBAC, ConfigMap,
 * DaemonSet) and CoreDNS (ServiceAccount, RBAC, ConfigMap with the Corefile, 2-replica Deployment,
 * the {@code kube-dns} Service at the tenth address of the service range). The cluster bootstrap
 * creates them; the DaemonSet and Deployment controllers then create their pods, which the simulated
 * kubelets run.
 */
public final class KubeadmAddons {
    private KubeadmAddons() {
    }

    /**
     * @param clusterName   kind cluster name (the API server endpoint in kube-proxy's kubeconfig)
     * @param version       Kubernetes version (kube-proxy image tag; CoreDNS version for it)
     * @param podCidr       cluster pod CIDR (kube-proxy's clusterCIDR)
     * @param dnsServiceIp  kube-dns ClusterIP (kubeadm: 10th address of the service CIDR, 10.96.0.10)
     */
    public static List<HasMetadata> objects(String clusterName, String version, String podCidr, String dnsServiceIp) {
        Map<String, String> vars = Map.of("CLUSTER_NAME", clusterName, "KUBERNETES_VERSION", version,
                "POD_CIDR", podCidr, "DNS_SERVICE_IP", dnsServiceIp, "COREDNS_TAG", KubeadmImages.corednsTag(version));
        List<HasMetadata> out = new ArrayList<>();
        for (String file : List.of("kube-proxy.yaml", "coredns.yaml")) {
            String text = read(file);
            for (var e : vars.entrySet()) {
                text = text.replace("${" + e.getKey() + "}", e.getValue());
            }
            for (String doc : text.split("(?m)^---\\s*$")) {
                if (!doc.isBlank()) {
                    out.add(Serialization.unmarshal(doc));
                }
            }
        }
        return out;
    }

    private static String read(String file) {
        try (InputStream in = KubeadmAddons.class.getResourceAsStream("addons/" + file)) {
            if (in == null) {
                throw new IllegalStateException("addon manifest " + file + " missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read addon manifest " + file, e);
        }
    }
}
