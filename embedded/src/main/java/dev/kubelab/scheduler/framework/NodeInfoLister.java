package dev.kubelab.scheduler.framework;

import java.util.List;

/** Read access to a node snapshot, as kube-scheduler's {@code framework.NodeInfoLister}. */
public interface NodeInfoLister {

    List<NodeInfo> list();

    /** Nodes having at least one pod with (anti-)affinity terms. */
    List<NodeInfo> havePodsWithAffinityList();

    /** Nodes having at least one pod with required anti-affinity terms. */
    List<NodeInfo> havePodsWithRequiredAntiAffinityList();

    NodeInfo get(String nodeName);

    /** A lister over a fixed list (tests, and preemption's what-if views). */
    static NodeInfoLister of(List<NodeInfo> nodes) {
        List<NodeInfo> copy = List.copyOf(nodes);
        return new NodeInfoLister() {
            @Override public List<NodeInfo> list() { return copy; }
            @Override public List<NodeInfo> havePodsWithAffinityList() {
                return copy.stream().filter(n -> !n.podsWithAffinity().isEmpty()).toList();
            }
            @Override public List<NodeInfo> havePodsWithRequiredAntiAffinityList() {
                return copy.stream().filter(n -> !n.podsWithRequiredAntiAffinity().isEmpty()).toList();
            }
            @Override public NodeInfo get(String nodeName) {
                for (NodeInfo n : copy) {
                    if (nodeName.equals(n.nodeName())) {
                        return n;
                    }
                }
                return null;
            }
        };
    }

    /** {@code base} with one node's NodeInfo replaced (preemption and nominated pods use such what-if views). */
    static NodeInfoLister withReplaced(NodeInfoLister base, NodeInfo replacement) {
        java.util.List<NodeInfo> nodes = new java.util.ArrayList<>();
        for (NodeInfo n : base.list()) {
            nodes.add(replacement.nodeName().equals(n.nodeName()) ? replacement : n);
        }
        return of(nodes);
    }
}
