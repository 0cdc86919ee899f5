package dev.kubelab.scheduler.plugins.podtopologyspread;

import dev.kubelab.scheduler.framework.ClusterEvent;
import dev.kubelab.scheduler.framework.Code;
import dev.kubelab.scheduler.framework.CycleState;
import dev.kubelab.scheduler.framework.EnqueueExtensions;
import dev.kubelab.scheduler.framework.FilterPlugin;
import dev.kubelab.scheduler.framework.Handle;
import dev.kubelab.scheduler.framework.NodeInfo;
import dev.kubelab.scheduler.framework.NodeScore;
import dev.kubelab.scheduler.framework.PodInfo;
import dev.kubelab.scheduler.framework.PodKeys;
import dev.kubelab.scheduler.framework.PreFilterPlugin;
import dev.kubelab.scheduler.framework.PreScorePlugin;
import dev.kubelab.scheduler.framework.ScorePlugin;
import dev.kubelab.scheduler.framework.Status;
import dev.kubelab.scheduler.plugins.helper.DefaultSelector;
import dev.kubelab.apimachinery.LabelSelectors;
import dev.kubelab.scheduler.plugins.helper.NodeSelectors;
import dev.kubelab.scheduler.plugins.helper.Tolerations;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirementBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Filter: {@code whenUnsatisfiable: DoNotSchedule} constraints — placing the pod on the node must keep
 * (matching pods in the node's domain + self) − (global minimum) ≤ maxSkew. Score: {@code ScheduleAnyway}
 * constraints — fewer matching pods in the domain is better. Honors minDomains, matchLabelKeys,
 * nodeAffinityPolicy (default Honor) and nodeTaintsPolicy (default Ignore). Pods without constraints
 * that belong to a Service, ReplicaSet, StatefulSet or ReplicationController get the system default
 * constraints for scoring (hostname maxSkew 3, zone maxSkew 5, ScheduleAnyway).
 */
public final class PodTopologySpread implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin, EnqueueExtensions {

    public static final String NAME = "PodTopologySpread";
    /** pkg/scheduler/framework/plugins/podtopologyspread: ErrReasonConstraintsNotMatch. */
    public static final String ERR_REASON_CONSTRAINTS_NOT_MATCH = "node(s) didn't match pod topology spread constraints";
    /** ErrReasonNodeLabelNotMatch. */
    public static final String ERR_REASON_NODE_LABEL_NOT_MATCH = ERR_REASON_CONSTRAINTS_NOT_MATCH + " (missing required label)";
    private static final String PRE_FILTER_KEY = "PreFilter" + NAME;
    private static final String PRE_SCORE_KEY = "PreScore" + NAME;
    private static final String HOSTNAME = "kubernetes.io/hostname";

    record Constraint(String topologyKey, int maxSkew, int minDomains, LabelSelector selector,
                      boolean honorNodeAffinity, boolean honorNodeTaints) {}

    static final class PreFilterState {
        List<Constraint> constraints;
        List<Map<String, Integer>> tpValueToMatchNum = new ArrayList<>();
    }

    /** {@code systemDefaultConstraints} of the System defaulting type. */
    static List<Constraint> systemDefaultConstraints(LabelSelector selector) {
        return List.of(new Constraint(HOSTNAME, 3, 1, selector, true, false),
                new Constraint("topology.kubernetes.io/zone", 5, 1, selector, true, false));
    }

    private final Handle handle;

    public PodTopologySpread(Handle handle) {
        this.handle = handle;
    }

    public PodTopologySpread() {
        this(null);
    }

    static final class PreScoreState {
        List<Constraint> constraints;
        List<Map<String, Integer>> tpValueToPodCounts = new ArrayList<>();
        double[] normalizingWeight;
        Set<String> ignoredNodes = new HashSet<>();
    }

    @Override
    public String name() {
        return NAME;
    }

    static List<Constraint> constraints(Pod pod, String whenUnsatisfiable) {
        List<Constraint> out = new ArrayList<>();
        List<TopologySpreadConstraint> tscs = pod.getSpec().getTopologySpreadConstraints();
        if (tscs == null) {
            return out;
        }
        for (TopologySpreadConstraint c : tscs) {
            if (!whenUnsatisfiable.equals(c.getWhenUnsatisfiable())) {
                continue;
            }
            LabelSelector sel = c.getLabelSelector();
            if (c.getMatchLabelKeys() != null && !c.getMatchLabelKeys().isEmpty() && sel != null) {
                LabelSelectorBuilder b = new LabelSelectorBuilder(sel);
                Map<String, String> labels = pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels();
                for (String k : c.getMatchLabelKeys()) {
                    if (labels.containsKey(k)) {
                        b.addToMatchExpressions(new LabelSelectorRequirementBuilder().withKey(k).withOperator("In").withValues(labels.get(k)).build());
                    }
                }
                sel = b.build();
            }
            out.add(new Constraint(c.getTopologyKey(), c.getMaxSkew() == null ? 1 : c.getMaxSkew(),
                    c.getMinDomains() == null ? 1 : c.getMinDomains(), sel,
                    !"Ignore".equals(c.getNodeAffinityPolicy()), "Honor".equals(c.getNodeTaintsPolicy())));
        }
        return out;
    }

    static boolean nodeLabelsMatchSpreadConstraints(Node node, List<Constraint> constraints) {
        Map<String, String> labels = NodeSelectors.labels(node);
        for (Constraint c : constraints) {
            if (!labels.containsKey(c.topologyKey())) {
                return false;
            }
        }
        return true;
    }

    /** Whether the node's pods count for the constraint (nodeAffinityPolicy / nodeTaintsPolicy). */
    static boolean matchNodeInclusionPolicies(Pod pod, Node node, Constraint c) {
        if (c.honorNodeAffinity() && !NodeSelectors.podMatchesNodeSelectorAndAffinityTerms(pod, node)) {
            return false;
        }
        if (c.honorNodeTaints()) {
            return Tolerations.findMatchingUntoleratedTaint(NodeSelectors.taints(node), pod.getSpec().getTolerations(),
                    Tolerations::isDoNotSchedule) == null;
        }
        return true;
    }

    static int countPodsMatchSelector(List<PodInfo> pods, LabelSelector selector, String namespace) {
        int n = 0;
        for (PodInfo pi : pods) {
            Pod p = pi.pod();
            if (PodKeys.isTerminating(p) || !namespace.equals(p.getMetadata().getNamespace())) {
                continue;
            }
            if (LabelSelectors.matches(selector, p.getMetadata().getLabels())) {
                n++;
            }
        }
        return n;
    }

    @Override
    public Status preFilter(CycleState state, Pod pod) {
        List<Constraint> constraints = constraints(pod, "DoNotSchedule");
        if (constraints.isEmpty()) {
            return Status.skip();
        }
        PreFilterState s = new PreFilterState();
        s.constraints = constraints;
        for (int i = 0; i < constraints.size(); i++) {
            s.tpValueToMatchNum.add(new HashMap<>());
        }
        for (NodeInfo ni : state.nodeInfos().list()) {
            Node node = ni.node();
            if (node == null || !nodeLabelsMatchSpreadConstraints(node, constraints)) {
                continue;
            }
            for (int i = 0; i < constraints.size(); i++) {
                Constraint c = constraints.get(i);
                if (!matchNodeInclusionPolicies(pod, node, c)) {
                    continue;
                }
                String value = NodeSelectors.labels(node).get(c.topologyKey());
                int count = countPodsMatchSelector(ni.pods(), c.selector(), pod.getMetadata().getNamespace());
                s.tpValueToMatchNum.get(i).merge(value, count, Integer::sum);
            }
        }
        state.write(PRE_FILTER_KEY, s);
        return Status.success();
    }

    @Override
    public Status filter(CycleState state, Pod pod, NodeInfo nodeInfo) {
        PreFilterState s = state.read(PRE_FILTER_KEY);
        if (s == null) {
            return Status.success();
        }
        Map<String, String> labels = NodeSelectors.labels(nodeInfo.node());
        for (int i = 0; i < s.constraints.size(); i++) {
            Constraint c = s.constraints.get(i);
            String tpVal = labels.get(c.topologyKey());
            if (tpVal == null) {
                return Status.of(Code.UnschedulableAndUnresolvable, ERR_REASON_NODE_LABEL_NOT_MATCH);
            }
            int selfMatch = LabelSelectors.matches(c.selector(), pod.getMetadata().getLabels()) ? 1 : 0;
            Map<String, Integer> counts = s.tpValueToMatchNum.get(i);
            int minMatch = 0;
            if (counts.size() >= c.minDomains()) {
                minMatch = counts.values().stream().mapToInt(Integer::intValue).min().orElse(0);
            }
            int matchNum = counts.getOrDefault(tpVal, 0);
            int skew = matchNum + selfMatch - minMatch;
            if (skew > c.maxSkew()) {
                return Status.of(Code.Unschedulable, ERR_REASON_CONSTRAINTS_NOT_MATCH);
            }
        }
        return Status.success();
    }

    @Override
    public Status preScore(CycleState state, Pod pod, List<NodeInfo> filteredNodes) {
        List<Constraint> constraints = constraints(pod, "ScheduleAnyway");
        boolean systemDefaulted = false;
        List<TopologySpreadConstraint> own = pod.getSpec().getTopologySpreadConstraints();
        if ((own == null || own.isEmpty()) && handle != null) {
            LabelSelector selector = DefaultSelector.of(pod, handle.listers());
            if (selector != null) {
                constraints = systemDefaultConstraints(selector);
                systemDefaulted = true;
            }
        }
        if (constraints.isEmpty()) {
            return Status.skip();
        }
        // With system defaults a node need not carry every topology key (kind nodes have no zone label).
        boolean requireAllTopologies = !systemDefaulted;
        PreScoreState s = new PreScoreState();
        s.constraints = constraints;
        int[] sizes = new int[constraints.size()];
        for (int i = 0; i < constraints.size(); i++) {
            s.tpValueToPodCounts.add(new HashMap<>());
        }
        for (NodeInfo ni : filteredNodes) {
            if (requireAllTopologies && !nodeLabelsMatchSpreadConstraints(ni.node(), constraints)) {
                s.ignoredNodes.add(ni.nodeName());
                continue;
            }
            for (int i = 0; i < constraints.size(); i++) {
                Constraint c = constraints.get(i);
                if (HOSTNAME.equals(c.topologyKey())) {
                    sizes[i]++;
                    continue;
                }
                String v = NodeSelectors.labels(ni.node()).getOrDefault(c.topologyKey(), "");
                if (s.tpValueToPodCounts.get(i).putIfAbsent(v, 0) == null) {
                    sizes[i]++;
                }
            }
        }
        s.normalizingWeight = new double[constraints.size()];
        for (int i = 0; i < constraints.size(); i++) {
            s.normalizingWeight[i] = Math.log(sizes[i] + 2);
        }
        for (NodeInfo ni : state.nodeInfos().list()) {
            Node node = ni.node();
            if (node == null || (requireAllTopologies && !nodeLabelsMatchSpreadConstraints(node, constraints))) {
                continue;
            }
            for (int i = 0; i < constraints.size(); i++) {
                Constraint c = constraints.get(i);
                if (HOSTNAME.equals(c.topologyKey()) || !matchNodeInclusionPolicies(pod, node, c)) {
                    continue;
                }
                String v = NodeSelectors.labels(node).getOrDefault(c.topologyKey(), "");
                Map<String, Integer> m = s.tpValueToPodCounts.get(i);
                if (m.containsKey(v)) {
                    m.merge(v, countPodsMatchSelector(ni.pods(), c.selector(), pod.getMetadata().getNamespace()), Integer::sum);
                }
            }
        }
        state.write(PRE_SCORE_KEY, s);
        return Status.success();
    }

    @Override
    public long score(CycleState state, Pod pod, NodeInfo nodeInfo) {
        PreScoreState s = state.read(PRE_SCORE_KEY);
        if (s.ignoredNodes.contains(nodeInfo.nodeName())) {
            return 0;
        }
        double score = 0;
        Map<String, String> labels = NodeSelectors.labels(nodeInfo.node());
        for (int i = 0; i < s.constraints.size(); i++) {
            Constraint c = s.constraints.get(i);
            String v = labels.get(c.topologyKey());
            if (v == null) {
                continue;
            }
            long cnt = HOSTNAME.equals(c.topologyKey())
                    ? countPodsMatchSelector(nodeInfo.pods(), c.selector(), pod.getMetadata().getNamespace())
                    : s.tpValueToPodCounts.get(i).getOrDefault(v, 0);
            score += cnt * s.normalizingWeight[i] + (c.maxSkew() - 1);
        }
        return Math.round(score);
    }

    @Override
    public boolean hasScoreExtensions() {
        return true;
    }

    /** Fewer matching pods → higher score: {@code 100 * (max + min - s) / max}; ignored nodes get 0. */
    @Override
    public Status normalizeScore(CycleState state, Pod pod, List<NodeScore> scores) {
        PreScoreState s = state.read(PRE_SCORE_KEY);
        long min = Long.MAX_VALUE;
        long max = 0;
        for (NodeScore ns : scores) {
            if (s.ignoredNodes.contains(ns.name)) {
                continue;
            }
            min = Math.min(min, ns.score);
            max = Math.max(max, ns.score);
        }
        for (NodeScore ns : scores) {
            if (s.ignoredNodes.contains(ns.name)) {
                ns.score = 0;
            } else if (max == 0) {
                ns.score = MAX_NODE_SCORE;
            } else {
                ns.score = MAX_NODE_SCORE * (max + min - ns.score) / max;
            }
        }
        return Status.success();
    }

    @Override
    public List<ClusterEvent> eventsToRegister() {
        return List.of(ClusterEvent.of(ClusterEvent.Kind.Pod, ClusterEvent.All),
                ClusterEvent.of(ClusterEvent.Kind.Node, ClusterEvent.Add | ClusterEvent.Delete
                        | ClusterEvent.UpdateNodeLabel | ClusterEvent.UpdateNodeTaint));
    }
}
