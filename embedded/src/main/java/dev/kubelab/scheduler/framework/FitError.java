package dev.kubelab.scheduler.framework;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * "The pod fits on no node", as kube-scheduler's {@code framework.FitError}. Its message is what
 * FailedScheduling events and the PodScheduled condition show:
 * {@code 0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: ...}
 * — a histogram of the filter reasons ("count reason"), sorted as strings, as Go's {@code sort.Strings} does.
 */
public final class FitError extends Exception {

    public static final String NO_NODE_AVAILABLE_MSG = "0/%d nodes are available";

    private final transient Pod pod;
    private final int numAllNodes;
    private final transient Diagnosis diagnosis;

    public FitError(Pod pod, int numAllNodes, Diagnosis diagnosis) {
        super(null, null, false, false);
        this.pod = pod;
        this.numAllNodes = numAllNodes;
        this.diagnosis = diagnosis;
    }

    public Pod pod() { return pod; }
    public int numAllNodes() { return numAllNodes; }
    public Diagnosis diagnosis() { return diagnosis; }

    @Override
    public String getMessage() {
        StringBuilder msg = new StringBuilder(String.format(NO_NODE_AVAILABLE_MSG, numAllNodes)).append(':');
        if (!diagnosis.preFilterMsg.isEmpty()) {
            msg.append(' ').append(diagnosis.preFilterMsg).append('.');
        } else {
            List<String> histogram = sortedReasonsHistogram(diagnosis.nodeToStatus);
            if (!histogram.isEmpty()) {
                msg.append(' ').append(String.join(", ", histogram)).append('.');
            }
        }
        if (!diagnosis.postFilterMsg.isEmpty()) {
            msg.append(' ').append(diagnosis.postFilterMsg);
        }
        return msg.toString();
    }

    /** "count reason" for each distinct reason over all nodes, sorted as strings. */
    public static List<String> sortedReasonsHistogram(Map<String, Status> nodeToStatus) {
        Map<String, Integer> reasons = new TreeMap<>();
        for (Status s : nodeToStatus.values()) {
            for (String r : s.reasons()) {
                reasons.merge(r, 1, Integer::sum);
            }
        }
        List<String> out = new ArrayList<>(reasons.size());
        reasons.forEach((r, n) -> out.add(n + " " + r));
        Collections.sort(out);
        return out;
    }
}
