package dev.kubelab.cluster;

import java.util.List;

/**
 * {@code kubeadm upgrade} as steps: plan, apply (control plane, one minor version at a time) and node
 * (a drained node's kubelet). kind runs the real kubeadm inside its node; embedded and binaries model
 * kubeadm's steps and its version-skew checks.
 */
public interface Upgrade {
    /** One line of kubeadm's plan table: {@code COMPONENT  NODE  CURRENT  TARGET}. */
    record Row(String component, String node, String current, String target) {
    }

    /**
     * What {@code kubeadm upgrade plan} shows.
     *
     * @param current   the control plane's version
     * @param available versions this cluster can upgrade to now (next patch, next minor)
     * @param rows      components and their current/target versions for the newest available target
     * @param notes     kubeadm's remarks (e.g. "You can now apply the upgrade by executing: kubeadm upgrade apply v1.32.0")
     */
    record Plan(KubernetesVersion current, List<KubernetesVersion> available, List<Row> rows, List<String> notes) {
    }

    Plan plan();

    /** {@code kubeadm upgrade apply VERSION}: refuses skipped minors and what the skew policy forbids, with kubeadm-like messages. */
    void apply(KubernetesVersion target, ProgressListener progress);

    /** {@code kubeadm upgrade node} for {@code node} + the kubelet upgrade; requires the node cordoned/drained first. */
    void node(String node, ProgressListener progress);

    /** An Upgrade that refuses every step with {@code reason}. */
    static Upgrade unsupported(String reason) {
        return new Upgrade() {
            @Override
            public Plan plan() {
                throw new UnsupportedClusterOperationException(reason);
            }

            @Override
            public void apply(KubernetesVersion target, ProgressListener progress) {
                throw new UnsupportedClusterOperationException(reason);
            }

            @Override
            public void node(String node, ProgressListener progress) {
                throw new UnsupportedClusterOperationException(reason);
            }
        };
    }
}
