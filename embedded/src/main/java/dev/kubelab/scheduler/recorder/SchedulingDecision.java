package dev.kubelab.scheduler.recorder;

import dev.kubelab.scheduler.framework.NodePluginScores;
import java.time.Instant;
import java.util.List;

/**
 * One scheduling attempt of one pod, as recorded for explanation: for every node evaluated, the filter
 * that rejected it (or none), every score plugin's raw / normalised / weighted score on the feasible
 * nodes, the chosen node and what happened next (bound, or why not). Filled by the scheduler; the
 * binding outcome arrives later (asynchronously), hence the few mutable fields.
 */
public final class SchedulingDecision {

    /** The outcome of the attempt. */
    public enum Result {
        /** A node was chosen; binding is in flight or done (see {@link #bindOutcome()}). */
        Scheduled,
        /** No node fits (FailedScheduling); preemption may have nominated a node. */
        Unschedulable,
        /** An internal or API error. */
        Error
    }

    /** Per node: the filter plugin that rejected the pod and its reasons; plugin null = passed all filters. */
    public record NodeFilterResult(String node, String plugin, String code, List<String> reasons) {
        public boolean passed() {
            return plugin == null;
        }
    }

    private final String namespace;
    private final String name;
    private final String uid;
    private final int attempt;
    private final Instant queuedAt;
    private final Instant startedAt;
    private final Instant finishedAt;
    private final Result result;
    private final String message;
    private final String selectedNode;
    private final String nominatedNode;
    private final List<String> victims;
    private final int numAllNodes;
    private final List<NodeFilterResult> filterResults;
    private final List<NodePluginScores> scores;
    private volatile String bindOutcome;
    private volatile Instant boundAt;

    public SchedulingDecision(String namespace, String name, String uid, int attempt, Instant queuedAt, Instant startedAt,
                              Instant finishedAt, Result result, String message, String selectedNode, String nominatedNode,
                              List<String> victims, int numAllNodes, List<NodeFilterResult> filterResults,
                              List<NodePluginScores> scores) {
        this.namespace = namespace;
        this.name = name;
        this.uid = uid;
        this.attempt = attempt;
        this.queuedAt = queuedAt;
        this.startedAt = startedAt;
        this.finishedAt = finishedAt;
        this.result = result;
        this.message = message;
        this.selectedNode = selectedNode;
        this.nominatedNode = nominatedNode;
        this.victims = victims == null ? List.of() : List.copyOf(victims);
        this.numAllNodes = numAllNodes;
        this.filterResults = filterResults == null ? List.of() : List.copyOf(filterResults);
        this.scores = scores == null ? List.of() : List.copyOf(scores);
    }

    public String namespace() { return namespace; }
    public String name() { return name; }
    public String uid() { return uid; }
    /** 1 for the first attempt, counting every retry. */
    public int attempt() { return attempt; }
    /** When the pod first entered the scheduling queue. */
    public Instant queuedAt() { return queuedAt; }
    public Instant startedAt() { return startedAt; }
    public Instant finishedAt() { return finishedAt; }
    public Result result() { return result; }
    /** The FailedScheduling message (or the error), empty when scheduled. */
    public String message() { return message; }
    public String selectedNode() { return selectedNode; }
    /** The node preemption nominated (status.nominatedNodeName), if any. */
    public String nominatedNode() { return nominatedNode; }
    /** "namespace/name" of the pods preempted for this pod. */
    public List<String> victims() { return victims; }
    public int numAllNodes() { return numAllNodes; }
    public List<NodeFilterResult> filterResults() { return filterResults; }
    /** Scores of the feasible nodes; empty when only one node was feasible (kube-scheduler skips scoring then). */
    public List<NodePluginScores> scores() { return scores; }
    /** "Bound", "BindFailed: …", or null while the binding is in flight (or the pod was not scheduled). */
    public String bindOutcome() { return bindOutcome; }
    public Instant boundAt() { return boundAt; }

    void bound(Instant at) {
        this.boundAt = at;
        this.bindOutcome = "Bound";
    }

    void bindFailed(String why) {
        this.bindOutcome = "BindFailed: " + why;
    }

    @Override
    public String toString() {
        return namespace + "/" + name + " attempt " + attempt + ": " + result
                + (selectedNode != null ? " → " + selectedNode : "") + (message.isEmpty() ? "" : " (" + message + ")")
                + (bindOutcome != null ? " [" + bindOutcome + "]" : "");
    }
}
