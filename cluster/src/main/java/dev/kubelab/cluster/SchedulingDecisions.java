package dev.kubelab.cluster;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The scheduler's record of why a pod went where it did (or nowhere): per node the filter that rejected it and each
 * score plugin's weighted score, for {@code %explain}. Provider-neutral: the embedded scheduler records these; a real
 * kube-scheduler does not expose them, so other providers return {@link Cluster#schedulingDecisions()} empty.
 */
public interface SchedulingDecisions {
    /**
     * One node's verdict.
     *
     * @param rejectedBy the filter plugin that rejected the pod (null: passed every filter)
     * @param reasons    the filter's reasons ({@code node(s) didn't match Pod's node affinity/selector})
     * @param scores     plugin → weighted score, in the profile's order (empty when not scored)
     * @param total      the node's total score (0 when not scored)
     */
    record NodeVerdict(String node, String rejectedBy, List<String> reasons, Map<String, Long> scores, long total) {
        public boolean feasible() {
            return rejectedBy == null;
        }
    }

    /**
     * The latest scheduling attempt of a pod.
     *
     * @param result       Scheduled, Unschedulable or Error
     * @param message      the FailedScheduling message, empty when scheduled
     * @param selectedNode the chosen node, null if none
     * @param bindOutcome  Bound, BindFailed: …, or null while in flight
     */
    record Decision(String namespace, String name, int attempt, String result, String message, String selectedNode,
                    int numAllNodes, List<NodeVerdict> nodes, String bindOutcome) {
    }

    Optional<Decision> latest(String namespace, String name);
}
