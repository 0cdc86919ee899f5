package dev.kubelab.cluster;

/**
 * This provider cannot do what was asked (e.g. stopping kube-proxy on a node that only exists as a
 * simulation). The message says so plainly, and where possible which provider can.
 */
public class UnsupportedClusterOperationException extends ClusterException {
    public UnsupportedClusterOperationException(String message) {
        super(message);
    }
}
