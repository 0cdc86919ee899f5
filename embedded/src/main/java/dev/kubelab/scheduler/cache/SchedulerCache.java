package dev.kubelab.scheduler.cache;

import dev.kubelab.scheduler.framework.NodeInfo;
import dev.kubelab.scheduler.framework.PodKeys;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The scheduler's incremental picture of the cluster, as kube-scheduler's {@code internal/cache}:
 * NodeInfos kept up to date from informer events (nodes, and pods bound to nodes) plus pods the
 * scheduler <em>assumed</em> onto a node while their binding is in flight, so the next cycle already
 * counts them. An assumed pod is confirmed when the informer shows it bound, or forgotten when binding fails.
 * Thread-safe: informer threads write, the scheduling loop snapshots.
 */
public final class SchedulerCache {

    private final Map<String, NodeInfo> nodes = new LinkedHashMap<>();
    /** Every pod the cache counts, with the node it is counted on. */
    private final Map<String, Pod> podStates = new HashMap<>();
    private final Set<String> assumedPods = new HashSet<>();
    private boolean nodeSetChanged = true;

    public synchronized void addNode(Node node) {
        NodeInfo ni = nodes.computeIfAbsent(node.getMetadata().getName(), k -> new NodeInfo());
        ni.setNode(node);
        nodeSetChanged = true;
    }

    public synchronized void updateNode(Node node) {
        addNode(node);
    }

    /** The node is gone; if pods still reference it the NodeInfo stays (without a Node) until they go. */
    public synchronized void removeNode(Node node) {
        String name = node.getMetadata().getName();
        NodeInfo ni = nodes.get(name);
        if (ni == null) {
            return;
        }
        if (ni.pods().isEmpty()) {
            nodes.remove(name);
        } else {
            ni.removeNode();
        }
        nodeSetChanged = true;
    }

    /** The scheduler decided: count {@code assumed} (spec.nodeName set) on its node before the API confirms. */
    public synchronized void assumePod(Pod assumed) {
        String key = PodKeys.key(assumed);
        if (podStates.containsKey(key)) {
            throw new IllegalStateException("pod " + key + " is in the cache, so can't be assumed");
        }
        addPodToNode(assumed);
        podStates.put(key, assumed);
        assumedPods.add(key);
    }

    /** Binding failed: undo {@link #assumePod}. */
    public synchronized void forgetPod(Pod assumed) {
        String key = PodKeys.key(assumed);
        if (assumedPods.remove(key)) {
            Pod p = podStates.remove(key);
            removePodFromNode(p);
        }
    }

    public synchronized boolean isAssumedPod(Pod pod) {
        return assumedPods.contains(PodKeys.key(pod));
    }

    /** An assigned pod appeared (informer add): confirms an assumed pod or adds a new one. */
    public synchronized void addPod(Pod pod) {
        String key = PodKeys.key(pod);
        Pod current = podStates.get(key);
        if (current != null) {
            removePodFromNode(current);
            assumedPods.remove(key);
        }
        addPodToNode(pod);
        podStates.put(key, pod);
    }

    public synchronized void updatePod(Pod oldPod, Pod newPod) {
        addPod(newPod);
    }

    public synchronized void removePod(Pod pod) {
        String key = PodKeys.key(pod);
        Pod current = podStates.remove(key);
        assumedPods.remove(key);
        if (current != null) {
            removePodFromNode(current);
        }
    }

    private void addPodToNode(Pod pod) {
        String nodeName = PodKeys.nodeName(pod);
        NodeInfo ni = nodes.computeIfAbsent(nodeName, k -> new NodeInfo());
        ni.addPod(pod);
    }

    private void removePodFromNode(Pod pod) {
        String nodeName = PodKeys.nodeName(pod);
        NodeInfo ni = nodes.get(nodeName);
        if (ni == null) {
            return;
        }
        ni.removePod(pod);
        if (ni.node() == null && ni.pods().isEmpty()) {
            nodes.remove(nodeName);
        }
    }

    /**
     * Brings {@code snapshot} up to date, copying only the NodeInfos whose generation changed
     * ({@code UpdateSnapshot}); nodes without a Node object are left out.
     */
    public synchronized void updateSnapshot(Snapshot snapshot) {
        boolean changed = nodeSetChanged;
        List<String> order = new ArrayList<>(nodes.size());
        for (Map.Entry<String, NodeInfo> e : nodes.entrySet()) {
            NodeInfo ni = e.getValue();
            if (ni.node() == null) {
                if (snapshot.nodeInfoMap.remove(e.getKey()) != null) {
                    changed = true;
                }
                continue;
            }
            order.add(e.getKey());
            NodeInfo existing = snapshot.nodeInfoMap.get(e.getKey());
            if (existing == null || existing.generation() != ni.generation()) {
                snapshot.nodeInfoMap.put(e.getKey(), ni.snapshot());
                changed = true;
            }
        }
        if (snapshot.nodeInfoMap.size() != order.size()) {
            snapshot.nodeInfoMap.keySet().retainAll(new HashSet<>(order));
            changed = true;
        }
        if (changed) {
            snapshot.rebuildLists(order);
            nodeSetChanged = false;
        }
    }

    public synchronized int nodeCount() {
        return (int) nodes.values().stream().filter(n -> n.node() != null).count();
    }

    public synchronized int podCount() {
        return podStates.size();
    }

    public synchronized NodeInfo nodeInfo(String nodeName) {
        NodeInfo ni = nodes.get(nodeName);
        return ni == null ? null : ni.snapshot();
    }
}
