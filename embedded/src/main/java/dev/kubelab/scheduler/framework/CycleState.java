package dev.kubelab.scheduler.framework;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Per-pod, per-cycle scratch space shared by the plugins, as kube-scheduler's {@code CycleState}:
 * PreFilter/PreScore write, Filter/Score read. It also carries the node snapshot the cycle works on,
 * so that preemption can re-run filters against a "what if these victims were gone" view
 * (kube-scheduler gives plugins the snapshot through their handle instead).
 */
public final class CycleState {

    private final Map<String, Object> data = new HashMap<>();
    private final NodeInfoLister nodeInfos;
    final Set<String> skipFilterPlugins = new HashSet<>();
    final Set<String> skipScorePlugins = new HashSet<>();

    public CycleState(NodeInfoLister nodeInfos) {
        this.nodeInfos = nodeInfos;
    }

    public NodeInfoLister nodeInfos() {
        return nodeInfos;
    }

    public void write(String key, Object value) {
        data.put(key, value);
    }

    @SuppressWarnings("unchecked")
    public <T> T read(String key) {
        return (T) data.get(key);
    }

    public Set<String> skipFilterPlugins() { return skipFilterPlugins; }
    public Set<String> skipScorePlugins() { return skipScorePlugins; }
}
