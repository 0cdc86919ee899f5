package dev.kubelab.scheduler.plugins.interpodaffinity;

import dev.kubelab.scheduler.framework.ClusterEvent;
import dev.kubelab.scheduler.framework.Code;
import dev.kubelab.scheduler.framework.CycleState;
import dev.kubelab.scheduler.framework.EnqueueExtensions;
import dev.kubelab.scheduler.framework.FilterPlugin;
import dev.kubelab.scheduler.framework.Handle;
import dev.kubelab.scheduler.framework.NodeInfo;
import dev.kubelab.scheduler.framework.NodeScore;
import dev.kubelab.scheduler.framework.PodInfo;
import dev.kubelab.scheduler.framework.PreFilterPlugin;
import dev.kubelab.scheduler.framework.PreScorePlugin;
import dev.kubelab.scheduler.framework.ScorePlugin;
import dev.kubelab.scheduler.framework.Status;
import dev.kubelab.apimachinery.LabelSelectors;
import dev.kubelab.scheduler.plugins.helper.NodeSelectors;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.WeightedPodAffinityTerm;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Required pod affinity / anti-affinity (Filter) and preferred terms (Score), counted per topology
 * domain ({@code topologyKey=value}), as kube-scheduler's InterPodAffinity: the incoming pod's required
 * affinity, its required anti-affinity, and the required anti-affinity of pods already running.
 */
public final class InterPodAffinity implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin, EnqueueExtensions {

    public static final String NAME = "InterPodAffinity";
    /** pkg/scheduler/framework/plugins/interpodaffinity: ErrReasonExistingAntiAffinityRulesNotMatch. */
    public static final String ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH = "node(s) didn't satisfy existing pods anti-affinity rules";
    /** ErrReasonAffinityRulesNotMatch. */
    public static final String ERR_REASON_AFFINITY_RULES_NOT_MATCH = "node(s) didn't match pod affinity rules";
    /** ErrReasonAntiAffinityRulesNotMatch. */
    public static final String ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH = "node(s) didn't match pod anti-affinity rules";
    /** The weight of an existing pod's required affinity term when scoring (HardPodAffinityWeight default). */
    static final int HARD_POD_AFFINITY_WEIGHT = 1;
    private static final String PRE_FILTER_KEY = "PreFilter" + NAME;
    private static final String PRE_SCORE_KEY = "PreScore" + NAME;

    private final Handle handle;

    public InterPodAffinity(Handle handle) {
        this.handle = handle;
    }

    /** A topology domain: "key=value". */
    record TopologyPair(String key, String value) {}

    static final class PreFilterState {
        PodInfo podInfo;
        Map<TopologyPair, Integer> existingAntiAffinityCounts = new HashMap<>();
        Map<TopologyPair, Integer> affinityCounts = new HashMap<>();
        Map<TopologyPair, Integer> antiAffinityCounts = new HashMap<>();
    }

    @Override
    public String name() {
        return NAME;
    }

    /** {@code AffinityTerm.Matches}: the term's namespaces (or namespaceSelector) and label selector. */
    boolean termMatches(Pod termOwner, PodAffinityTerm term, Pod candidate) {
        String ns = candidate.getMetadata().getNamespace();
        boolean nsOk;
        boolean noNamespaces = term.getNamespaces() == null || term.getNamespaces().isEmpty();
        if (noNamespaces && term.getNamespaceSelector() == null) {
            nsOk = ns.equals(termOwner.getMetadata().getNamespace());
        } else {
            nsOk = !noNamespaces && term.getNamespaces().contains(ns);
            if (!nsOk && term.getNamespaceSelector() != null) {
                Map<String, String> nsLabels = handle == null ? null : handle.listers().namespaceLabels(ns);
                nsOk = LabelSelectors.matches(term.getNamespaceSelector(), nsLabels == null ? Map.of() : nsLabels);
            }
        }
        return nsOk && LabelSelectors.matches(term.getLabelSelector(), candidate.getMetadata().getLabels());
    }

    private boolean matchesAll(Pod owner, List<PodAffinityTerm> terms, Pod candidate) {
        if (terms.isEmpty()) {
            return false;
        }
        for (PodAffinityTerm t : terms) {
            if (!termMatches(owner, t, candidate)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Status preFilter(CycleState state, Pod pod) {
        PodInfo pi = new PodInfo(pod);
        List<NodeInfo> withAntiAffinity = state.nodeInfos().havePodsWithRequiredAntiAffinityList();
        if (pi.requiredAffinityTerms().isEmpty() && pi.requiredAntiAffinityTerms().isEmpty() && withAntiAffinity.isEmpty()) {
            return Status.skip();
        }
        PreFilterState s = new PreFilterState();
        s.podInfo = pi;
        for (NodeInfo ni : withAntiAffinity) {
            Map<String, String> labels = NodeSelectors.labels(ni.node());
            for (PodInfo existing : ni.podsWithRequiredAntiAffinity()) {
                for (PodAffinityTerm t : existing.requiredAntiAffinityTerms()) {
                    String v = labels.get(t.getTopologyKey());
                    if (v != null && termMatches(existing.pod(), t, pod)) {
                        s.existingAntiAffinityCounts.merge(new TopologyPair(t.getTopologyKey(), v), 1, Integer::sum);
                    }
                }
            }
        }
        if (!pi.requiredAffinityTerms().isEmpty() || !pi.requiredAntiAffinityTerms().isEmpty()) {
            for (NodeInfo ni : state.nodeInfos().list()) {
                Map<String, String> labels = NodeSelectors.labels(ni.node());
                for (PodInfo existing : ni.pods()) {
                    if (matchesAll(pod, pi.requiredAffinityTerms(), existing.pod())) {
                        for (PodAffinityTerm t : pi.requiredAffinityTerms()) {
                            String v = labels.get(t.getTopologyKey());
                            if (v != null) {
                                s.affinityCounts.merge(new TopologyPair(t.getTopologyKey(), v), 1, Integer::sum);
                            }
                        }
                    }
                    for (PodAffinityTerm t : pi.requiredAntiAffinityTerms()) {
                        String v = labels.get(t.getTopologyKey());
                        if (v != null && termMatches(pod, t, existing.pod())) {
                            s.antiAffinityCounts.merge(new TopologyPair(t.getTopologyKey(), v), 1, Integer::sum);
                        }
                    }
                }
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
        if (!satisfyPodAffinity(s, labels, pod)) {
            return Status.of(Code.UnschedulableAndUnresolvable, ERR_REASON_AFFINITY_RULES_NOT_MATCH);
        }
        if (!satisfyPodAntiAffinity(s, labels)) {
            return Status.of(Code.Unschedulable, ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH);
        }
        if (!satisfyExistingPodsAntiAffinity(s, labels)) {
            return Status.of(Code.Unschedulable, ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH);
        }
        return Status.success();
    }

    private boolean satisfyPodAffinity(PreFilterState s, Map<String, String> labels, Pod pod) {
        boolean podsExist = true;
        for (PodAffinityTerm t : s.podInfo.requiredAffinityTerms()) {
            String v = labels.get(t.getTopologyKey());
            if (v == null) {
                return false;
            }
            if (s.affinityCounts.getOrDefault(new TopologyPair(t.getTopologyKey(), v), 0) <= 0) {
                podsExist = false;
            }
        }
        if (!podsExist) {
            // The first pod of a group whose affinity matches itself may go anywhere that has the keys.
            return s.affinityCounts.isEmpty() && matchesAll(pod, s.podInfo.requiredAffinityTerms(), pod);
        }
        return true;
    }

    private static boolean satisfyPodAntiAffinity(PreFilterState s, Map<String, String> labels) {
        for (PodAffinityTerm t : s.podInfo.requiredAntiAffinityTerms()) {
            String v = labels.get(t.getTopologyKey());
            if (v != null && s.antiAffinityCounts.getOrDefault(new TopologyPair(t.getTopologyKey(), v), 0) > 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean satisfyExistingPodsAntiAffinity(PreFilterState s, Map<String, String> labels) {
        for (var e : s.existingAntiAffinityCounts.entrySet()) {
            if (e.getValue() > 0 && e.getKey().value().equals(labels.get(e.getKey().key()))) {
                return false;
            }
        }
        return true;
    }

    // ---- Score: preferred terms of the incoming pod, and the terms of the pods already running ----

    @Override
    public Status preScore(CycleState state, Pod pod, List<NodeInfo> nodes) {
        PodInfo pi = new PodInfo(pod);
        boolean hasPreferred = !pi.preferredAffinityTerms().isEmpty() || !pi.preferredAntiAffinityTerms().isEmpty();
        List<NodeInfo> candidates = hasPreferred ? state.nodeInfos().list() : state.nodeInfos().havePodsWithAffinityList();
        if (!hasPreferred && candidates.isEmpty()) {
            return Status.skip();
        }
        Map<TopologyPair, Long> topologyScore = new HashMap<>();
        for (NodeInfo ni : candidates) {
            Map<String, String> labels = NodeSelectors.labels(ni.node());
            List<PodInfo> pods = hasPreferred ? ni.pods() : ni.podsWithAffinity();
            for (PodInfo existing : pods) {
                for (WeightedPodAffinityTerm w : pi.preferredAffinityTerms()) {
                    add(topologyScore, labels, w.getPodAffinityTerm(), termMatches(pod, w.getPodAffinityTerm(), existing.pod()) ? w.getWeight() : 0);
                }
                for (WeightedPodAffinityTerm w : pi.preferredAntiAffinityTerms()) {
                    add(topologyScore, labels, w.getPodAffinityTerm(), termMatches(pod, w.getPodAffinityTerm(), existing.pod()) ? -w.getWeight() : 0);
                }
                for (PodAffinityTerm t : existing.requiredAffinityTerms()) {
                    add(topologyScore, labels, t, termMatches(existing.pod(), t, pod) ? HARD_POD_AFFINITY_WEIGHT : 0);
                }
                for (WeightedPodAffinityTerm w : existing.preferredAffinityTerms()) {
                    add(topologyScore, labels, w.getPodAffinityTerm(), termMatches(existing.pod(), w.getPodAffinityTerm(), pod) ? w.getWeight() : 0);
                }
                for (WeightedPodAffinityTerm w : existing.preferredAntiAffinityTerms()) {
                    add(topologyScore, labels, w.getPodAffinityTerm(), termMatches(existing.pod(), w.getPodAffinityTerm(), pod) ? -w.getWeight() : 0);
                }
            }
        }
        state.write(PRE_SCORE_KEY, topologyScore);
        return Status.success();
    }

    private static void add(Map<TopologyPair, Long> scores, Map<String, String> labels, PodAffinityTerm t, long weight) {
        if (weight == 0) {
            return;
        }
        String v = labels.get(t.getTopologyKey());
        if (v != null) {
            scores.merge(new TopologyPair(t.getTopologyKey(), v), weight, Long::sum);
        }
    }

    @Override
    public long score(CycleState state, Pod pod, NodeInfo nodeInfo) {
        Map<TopologyPair, Long> topologyScore = state.read(PRE_SCORE_KEY);
        Map<String, String> labels = NodeSelectors.labels(nodeInfo.node());
        long score = 0;
        for (var e : topologyScore.entrySet()) {
            if (e.getKey().value().equals(labels.get(e.getKey().key()))) {
                score += e.getValue();
            }
        }
        return score;
    }

    @Override
    public boolean hasScoreExtensions() {
        return true;
    }

    /** Min-max scaling to [0, 100]; all equal → 0. */
    @Override
    public Status normalizeScore(CycleState state, Pod pod, List<NodeScore> scores) {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (NodeScore s : scores) {
            min = Math.min(min, s.score);
            max = Math.max(max, s.score);
        }
        long diff = max - min;
        for (NodeScore s : scores) {
            s.score = diff > 0 ? (long) (MAX_NODE_SCORE * ((double) (s.score - min) / diff)) : 0;
        }
        return Status.success();
    }

    @Override
    public List<ClusterEvent> eventsToRegister() {
        return List.of(ClusterEvent.of(ClusterEvent.Kind.Pod, ClusterEvent.All),
                ClusterEvent.of(ClusterEvent.Kind.Node, ClusterEvent.Add | ClusterEvent.UpdateNodeLabel));
    }
}
