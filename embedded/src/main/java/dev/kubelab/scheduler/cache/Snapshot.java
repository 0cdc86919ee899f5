package dev.kubelab.scheduler.cache;

import dev.kubelab.scheduler.framework.NodeInfo;
import dev.kubelab.scheduler.framework.NodeInfoLister;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The immutable-during-a-cycle view of the cluster that a scheduling cycle works on, as
 * kube-scheduler's {@code internal/cache.Snapshot}. Refreshed incrementally by
 * {@link SchedulerCache#updateSnapshot}: only NodeInfos whose generation changed are copied.
 */
public final class Snapshot implements NodeInfoLister {

    final Map<String, NodeInfo> nodeInfoMap = new HashMap<>();
    List<NodeInfo> nodeInfoList = List.of();
    List<NodeInfo> havePodsWithAffinity = List.of();
    List<NodeInfo> havePodsWithRequiredAntiAffinity = List.of();

    void rebuildLists(List<String> order) {
        List<NodeInfo> all = new ArrayList<>(order.size());
        List<NodeInfo> aff = new ArrayList<>();
        List<NodeInfo> anti = new ArrayList<>();
        for (String name : order) {
            NodeInfo ni = nodeInfoMap.get(name);
            if (ni == null) {
                continue;
            }
            all.add(ni);
            if (!ni.podsWithAffinity().isEmpty()) {
                aff.add(ni);
            }
            if (!ni.podsWithRequiredAntiAffinity().isEmpty()) {
                anti.add(ni);
            }
        }
        nodeInfoList = Collections.unmodifiableList(all);
        havePodsWithAffinity = Collections.unmodifiableList(aff);
        havePodsWithRequiredAntiAffinity = Collections.unmodifiableList(anti);
    }

    @Override public List<NodeInfo> list() { return nodeInfoList; }
    @Override public List<NodeInfo> havePodsWithAffinityList() { return havePodsWithAffinity; }
    @Override public List<NodeInfo> havePodsWithRequiredAntiAffinityList() { return havePodsWithRequiredAntiAffinity; }
    @Override public NodeInfo get(String nodeName) { return nodeInfoMap.get(nodeName); }
    public int numNodes() { return nodeInfoList.size(); }
}
