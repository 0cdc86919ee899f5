package dev.kubelab.kubelet;

import java.util.Map;

/**
 * The identity and hardware of one simulated node.
 *
 * @param name              node name, kind-style ({@code kubelab-control-plane}, {@code kubelab-worker2})
 * @param controlPlane      carries the control-plane role label and NoSchedule taint, runs the static pods
 * @param internalIp        InternalIP address (kind: 172.18.0.x on the docker network)
 * @param podCidr           this node's pod range (10.244.N.0/24)
 * @param kubernetesVersion kubelet version = cluster version, e.g. {@code v1.31.0}
 * @param capacity          resource capacity (allocatable is the same: kind reserves nothing)
 */
public record NodeConfig(String name, boolean controlPlane, String internalIp, String podCidr,
                         String kubernetesVersion, Map<String, String> capacity) {

    /** What a default kind node on a 8-core, 16 GiB machine reports. */
    public static Map<String, String> defaultCapacity() {
        return Map.of("cpu", "8", "memory", "16384000Ki", "pods", "110", "ephemeral-storage", "102625208Ki",
                "hugepages-1Gi", "0", "hugepages-2Mi", "0");
    }

    /**
     * The i-th node of a kind-like cluster named {@code cluster}: index 0 is the control plane,
     * then {@code <cluster>-worker}, {@code <cluster>-worker2}, …
     */
    public static NodeConfig kindLike(String cluster, int index, String kubernetesVersion) {
        String name = index == 0 ? cluster + "-control-plane"
                : cluster + "-worker" + (index == 1 ? "" : Integer.toString(index));
        return new NodeConfig(name, index == 0, "172.18.0." + (index + 2), "10.244." + index + ".0/24",
                kubernetesVersion, defaultCapacity());
    }

    /** A worker with a given name and index (used to add simulated workers to an existing cluster). */
    public static NodeConfig worker(String name, int index, String kubernetesVersion) {
        return new NodeConfig(name, false, "172.18.0." + (index + 2), "10.244." + index + ".0/24",
                kubernetesVersion, defaultCapacity());
    }
}
