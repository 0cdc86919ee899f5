package dev.kubelab.cluster;

/**
 * A node as the provider sees it (its Node object's status comes from the API).
 *
 * @param name         the Node name ({@code kubelab-control-plane}, {@code kubelab-worker}, …)
 * @param controlPlane whether the control-plane components run on it
 * @param backing      what stands behind it
 * @param description  for learners, e.g. "Docker container kindest/node:v1.32.0" or "simulated by kubelab's kubelet"
 */
public record ClusterNode(String name, boolean controlPlane, Backing backing, Text description) {
    public enum Backing {
        /** A kind node container with a real kubelet and container runtime. */
        CONTAINER,
        /** kubelab's node simulator: the kubelet and kube-proxy are Java simulations, no container runs. */
        SIMULATED
    }

    public boolean simulated() {
        return backing == Backing.SIMULATED;
    }
}
