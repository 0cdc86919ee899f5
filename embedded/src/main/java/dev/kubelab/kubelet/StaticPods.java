package dev.kubelab.kubelet;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The static pod manifests kubeadm writes to {@code /etc/kubernetes/manifests} on the control-plane
 * node (etcd, kube-apiserver, kube-controller-manager, kube-scheduler), with kubeadm's command lines
 * for the cluster version, and the mirror pods the kubelet creates for them in the API.
 *
 * <p>The manifests describe the kubeadm layout (ports 6443, 2379, …); the embedded control plane
 * really listens on free ports — the spec is what a kubeadm cluster shows, not how kubelab wires it.
 */
public final class StaticPods {
    /** The component names, also the keys of the health functions. */
    public static final List<String> COMPONENTS = List.of("etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler");

    public static final String CONFIG_SOURCE = "kubernetes.io/config.source";
    public static final String CONFIG_MIRROR = "kubernetes.io/config.mirror";
    public static final String CONFIG_HASH = "kubernetes.io/config.hash";
    public static final String CONFIG_SEEN = "kubernetes.io/config.seen";

    /**
     * Cluster settings that appear in the manifests.
     *
     * @param clusterName  kind cluster name (kube-controller-manager {@code --cluster-name})
     * @param serviceCidr  {@code --service-cluster-ip-range} (kind: 10.96.0.0/16)
     * @param podCidr      {@code --cluster-cidr} (kind: 10.244.0.0/16)
     */
    public record Settings(String clusterName, String serviceCidr, String podCidr) {
        public static Settings kind(String clusterName) {
            return new Settings(clusterName, "10.96.0.0/16", "10.244.0.0/16");
        }
    }

    private StaticPods() {
    }

    /** The manifests as the kubelet reads them from disk (no mirror annotations yet), by component. */
    public static Map<String, Pod> manifests(NodeConfig node, Settings settings) {
        Map<String, String> vars = Map.of(
                "ADVERTISE_ADDRESS", node.internalIp(),
                "NODE_NAME", node.name(),
                "KUBERNETES_VERSION", node.kubernetesVersion(),
                "ETCD_IMAGE_TAG", KubeadmImages.etcdTag(node.kubernetesVersion()),
                "SERVICE_CIDR", settings.serviceCidr(),
                "POD_CIDR", settings.podCidr(),
                "CLUSTER_NAME", settings.clusterName());
        Map<String, Pod> out = new LinkedHashMap<>();
        for (String component : COMPONENTS) {
            String yaml = template(component);
            for (var e : vars.entrySet()) {
                yaml = yaml.replace("${" + e.getKey() + "}", e.getValue());
            }
            out.put(component, Serialization.unmarshal(yaml, Pod.class));
        }
        return out;
    }

    /**
     * The mirror pod the kubelet creates for a static pod: named {@code <name>-<node>}, bound to the
     * node, owned by the Node, annotated with the manifest hash; tolerating every NoExecute taint
     * (as the kubelet's static pods do) so node taints never evict it.
     */
    public static Pod mirror(Pod manifest, NodeConfig node, String nodeUid, Instant seen) {
        Pod pod = Serialization.clone(manifest);
        String hash = hash(manifest);
        pod.getMetadata().setName(manifest.getMetadata().getName() + "-" + node.name());
        Map<String, String> annotations = new LinkedHashMap<>();
        if (manifest.getMetadata().getAnnotations() != null) {
            annotations.putAll(manifest.getMetadata().getAnnotations());
        }
        annotations.put(CONFIG_HASH, hash);
        annotations.put(CONFIG_MIRROR, hash);
        annotations.put(CONFIG_SEEN, Times.formatNano(seen));
        annotations.put(CONFIG_SOURCE, "file");
        pod.getMetadata().setAnnotations(annotations);
        if (nodeUid != null) {
            OwnerReference owner = new OwnerReference();
            owner.setApiVersion("v1");
            owner.setKind("Node");
            owner.setName(node.name());
            owner.setUid(nodeUid);
            owner.setController(false);
            pod.getMetadata().setOwnerReferences(List.of(owner));
        }
        pod.getSpec().setNodeName(node.name());
        Toleration t = new Toleration();
        t.setOperator("Exists");
        t.setEffect("NoExecute");
        List<Toleration> tolerations = new ArrayList<>();
        tolerations.add(t);
        pod.getSpec().setTolerations(tolerations);
        pod.getSpec().setEnableServiceLinks(true);
        pod.getSpec().setRestartPolicy("Always");
        pod.getSpec().setTerminationGracePeriodSeconds(30L);
        pod.getSpec().setDnsPolicy("ClusterFirst");
        pod.getSpec().setSchedulerName("default-scheduler");
        return pod;
    }

    /** Whether a pod in the API is a mirror pod. */
    public static boolean isMirror(Pod pod) {
        var a = pod.getMetadata().getAnnotations();
        return a != null && a.containsKey(CONFIG_MIRROR);
    }

    /** The kubelet hashes the manifest to detect changes; an md5 of its JSON, as a 32-digit hex string. */
    static String hash(Pod manifest) {
        try {
            byte[] d = MessageDigest.getInstance("MD5").digest(Serialization.asJson(manifest).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String template(String component) {
        try (InputStream in = StaticPods.class.getResourceAsStream("manifests/" + component + ".yaml")) {
            if (in == null) {
                throw new IllegalStateException("static pod template " + component + ".yaml missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read static pod template " + component, e);
        }
    }
}
