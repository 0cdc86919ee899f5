package dev.kubelab.scheduler.plugins.defaultpreemption;

import dev.kubelab.scheduler.framework.Code;
import dev.kubelab.scheduler.framework.CycleState;
import dev.kubelab.scheduler.framework.Diagnosis;
import dev.kubelab.scheduler.framework.FitError;
import dev.kubelab.scheduler.framework.Framework;
import dev.kubelab.scheduler.framework.Handle;
import dev.kubelab.scheduler.framework.NodeInfo;
import dev.kubelab.scheduler.framework.NodeInfoLister;
import dev.kubelab.scheduler.framework.PodInfo;
import dev.kubelab.scheduler.framework.PodKeys;
import dev.kubelab.scheduler.framework.PostFilterPlugin;
import dev.kubelab.scheduler.framework.Status;
import dev.kubelab.apimachinery.LabelSelectors;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Priority-based preemption (PostFilter), as kube-scheduler's DefaultPreemption for the common case:
 * on every node rejected with a resolvable status, remove all lower-priority pods, check the pod then
 * fits, and reprieve as many of them as possible (most important first, PDB-violating ones first);
 * pick the node with the fewest PDB violations, then the lowest highest-victim priority, then the
 * smallest priority sum, then the fewest victims; mark the victims DisruptionTarget, delete them,
 * and nominate the node for the preemptor.
 */
public final class DefaultPreemption implements PostFilterPlugin {

    public static final String NAME = "DefaultPreemption";
    public static final String PREEMPTION_NOT_HELPFUL = "Preemption is not helpful for scheduling";
    public static final String NO_VICTIMS = "No preemption victims found for incoming pod";
    public static final String NOT_ELIGIBLE_NEVER = "not eligible due to preemptionPolicy=Never.";
    public static final String NOT_ELIGIBLE_TERMINATING = "not eligible due to a terminating pod on the nominated node.";

    private final Handle handle;

    public DefaultPreemption(Handle handle) {
        this.handle = handle;
    }

    /** A node where preempting {@code victims} makes room; {@code numPdbViolations} of them violate a PDB. */
    public record Candidate(String nodeName, List<Pod> victims, int numPdbViolations) {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Result postFilter(CycleState state, Pod pod, Map<String, Status> nodeToStatus) {
        Result r = preempt(state, pod, nodeToStatus);
        String msg = r.status().message();
        if (!msg.isEmpty()) {
            return new Result(r.nominatedNodeName(), Status.of(r.status().code(), "preemption: " + msg));
        }
        return r;
    }

    Result preempt(CycleState state, Pod pod, Map<String, Status> nodeToStatus) {
        String notEligible = podEligibleToPreemptOthers(state, pod, nodeToStatus);
        if (notEligible != null) {
            return new Result(null, Status.of(Code.Unschedulable, notEligible));
        }
        List<NodeInfo> allNodes = state.nodeInfos().list();
        Map<String, Status> statuses = new LinkedHashMap<>();
        List<Candidate> candidates = new ArrayList<>();
        List<PodDisruptionBudget> pdbs = handle == null ? List.of() : handle.listers().podDisruptionBudgets();
        for (NodeInfo ni : allNodes) {
            Status st = nodeToStatus.get(ni.nodeName());
            if (st == null || st.code() != Code.Unschedulable) {
                statuses.put(ni.nodeName(), Status.of(Code.UnschedulableAndUnresolvable, PREEMPTION_NOT_HELPFUL));
                continue;
            }
            VictimsOrStatus v = selectVictimsOnNode(state, pod, ni, pdbs);
            if (v.status.isSuccess()) {
                candidates.add(new Candidate(ni.nodeName(), v.victims, v.numViolating));
            } else {
                statuses.put(ni.nodeName(), v.status);
            }
        }
        if (candidates.isEmpty()) {
            Diagnosis d = new Diagnosis();
            d.nodeToStatus.putAll(statuses);
            FitError fitError = new FitError(pod, allNodes.size(), d);
            return new Result("", Status.of(Code.Unschedulable, fitError.getMessage()));
        }
        Candidate best = selectCandidate(candidates);
        prepareCandidate(best, pod);
        return new Result(best.nodeName(), Status.success());
    }

    /** null when eligible, else the reason ({@code PodEligibleToPreemptOthers}). */
    String podEligibleToPreemptOthers(CycleState state, Pod pod, Map<String, Status> nodeToStatus) {
        if ("Never".equals(pod.getSpec().getPreemptionPolicy())) {
            return NOT_ELIGIBLE_NEVER;
        }
        String nominated = pod.getStatus() == null ? null : pod.getStatus().getNominatedNodeName();
        if (nominated != null && !nominated.isEmpty()) {
            Status st = nodeToStatus.get(nominated);
            if (st != null && st.code() == Code.UnschedulableAndUnresolvable) {
                return null;
            }
            NodeInfo ni = state.nodeInfos().get(nominated);
            if (ni != null) {
                int prio = PodKeys.priority(pod);
                for (PodInfo p : ni.pods()) {
                    if (PodKeys.isTerminating(p.pod()) && PodKeys.priority(p.pod()) < prio) {
                        return NOT_ELIGIBLE_TERMINATING;
                    }
                }
            }
        }
        return null;
    }

    record VictimsOrStatus(List<Pod> victims, int numViolating, Status status) {}

    /** {@code SelectVictimsOnNode}: the minimal set of lower-priority pods to remove from this node. */
    VictimsOrStatus selectVictimsOnNode(CycleState state, Pod pod, NodeInfo nodeInfo, List<PodDisruptionBudget> pdbs) {
        NodeInfo copy = nodeInfo.snapshot();
        int prio = PodKeys.priority(pod);
        List<PodInfo> potential = new ArrayList<>();
        for (PodInfo pi : nodeInfo.pods()) {
            if (PodKeys.priority(pi.pod()) < prio) {
                potential.add(pi);
            }
        }
        for (PodInfo pi : potential) {
            copy.removePod(pi.pod());
        }
        if (potential.isEmpty()) {
            return new VictimsOrStatus(List.of(), 0, Status.of(Code.UnschedulableAndUnresolvable, NO_VICTIMS));
        }
        Status fits = fitsOn(state, pod, copy);
        if (!fits.isSuccess()) {
            return new VictimsOrStatus(List.of(), 0, fits);
        }
        potential.sort(MORE_IMPORTANT_FIRST);
        List<PodInfo> violating = new ArrayList<>();
        List<PodInfo> nonViolating = new ArrayList<>();
        filterPodsWithPdbViolation(potential, pdbs, violating, nonViolating);
        List<Pod> victims = new ArrayList<>();
        int numViolating = 0;
        for (PodInfo p : violating) {
            if (!reprieve(state, pod, copy, p, victims)) {
                numViolating++;
            }
        }
        for (PodInfo p : nonViolating) {
            reprieve(state, pod, copy, p, victims);
        }
        return new VictimsOrStatus(victims, numViolating, Status.success());
    }

    private boolean reprieve(CycleState state, Pod pod, NodeInfo copy, PodInfo p, List<Pod> victims) {
        copy.addPodInfo(p);
        if (fitsOn(state, pod, copy).isSuccess()) {
            return true;
        }
        copy.removePod(p.pod());
        victims.add(p.pod());
        return false;
    }

    /** Re-runs PreFilter and Filter against a view of the cluster where {@code node} replaces its original. */
    private Status fitsOn(CycleState state, Pod pod, NodeInfo node) {
        Framework fwk = handle.framework();
        CycleState what = new CycleState(NodeInfoLister.withReplaced(state.nodeInfos(), node));
        Status pre = fwk.runPreFilterPlugins(what, pod);
        if (!pre.isSuccess()) {
            return pre;
        }
        return fwk.runFilterPluginsWithNominatedPods(what, pod, node);
    }

    /** {@code MoreImportantPod}: higher priority, then earlier start. */
    static final Comparator<PodInfo> MORE_IMPORTANT_FIRST = Comparator
            .comparingInt((PodInfo p) -> -PodKeys.priority(p.pod()))
            .thenComparing(p -> startTime(p.pod()));

    static Instant startTime(Pod p) {
        String t = p.getStatus() == null ? null : p.getStatus().getStartTime();
        if (t == null) {
            t = p.getMetadata().getCreationTimestamp();
        }
        try {
            return t == null ? Instant.MAX : Instant.parse(t);
        } catch (RuntimeException e) {
            return Instant.MAX;
        }
    }

    static void filterPodsWithPdbViolation(List<PodInfo> pods, List<PodDisruptionBudget> pdbs,
                                           List<PodInfo> violating, List<PodInfo> nonViolating) {
        int[] allowed = new int[pdbs.size()];
        for (int i = 0; i < pdbs.size(); i++) {
            var st = pdbs.get(i).getStatus();
            allowed[i] = st == null || st.getDisruptionsAllowed() == null ? 0 : st.getDisruptionsAllowed();
        }
        for (PodInfo pi : pods) {
            Pod p = pi.pod();
            boolean violates = false;
            for (int i = 0; i < pdbs.size(); i++) {
                PodDisruptionBudget pdb = pdbs.get(i);
                if (!pdb.getMetadata().getNamespace().equals(p.getMetadata().getNamespace())) {
                    continue;
                }
                var sel = pdb.getSpec() == null ? null : pdb.getSpec().getSelector();
                boolean emptySelector = sel == null || ((sel.getMatchLabels() == null || sel.getMatchLabels().isEmpty())
                        && (sel.getMatchExpressions() == null || sel.getMatchExpressions().isEmpty()));
                if (emptySelector || !LabelSelectors.matches(sel, p.getMetadata().getLabels())) {
                    continue;
                }
                var disrupted = pdb.getStatus() == null ? null : pdb.getStatus().getDisruptedPods();
                if (disrupted != null && disrupted.containsKey(p.getMetadata().getName())) {
                    continue;
                }
                allowed[i]--;
                if (allowed[i] < 0) {
                    violates = true;
                }
            }
            (violates ? violating : nonViolating).add(pi);
        }
    }

    /** {@code pickOneNodeForPreemption}, criteria 1–4; remaining ties go to the first candidate. */
    static Candidate selectCandidate(List<Candidate> candidates) {
        Comparator<Candidate> order = Comparator
                .comparingInt(Candidate::numPdbViolations)
                .thenComparingLong(c -> c.victims().isEmpty() ? Long.MIN_VALUE : PodKeys.priority(c.victims().get(0)))
                .thenComparingLong(c -> c.victims().stream().mapToLong(v -> (long) PodKeys.priority(v) + Integer.MAX_VALUE + 1).sum())
                .thenComparingInt(c -> c.victims().size());
        Candidate best = candidates.get(0);
        for (Candidate c : candidates) {
            if (order.compare(c, best) < 0) {
                best = c;
            }
        }
        return best;
    }

    /** {@code prepareCandidate}: DisruptionTarget condition, delete, "Preempted" event; clear lower nominations. */
    void prepareCandidate(Candidate c, Pod preemptor) {
        String schedulerName = preemptor.getSpec().getSchedulerName() == null ? "default-scheduler" : preemptor.getSpec().getSchedulerName();
        for (Pod victim : c.victims()) {
            PodCondition cond = new PodConditionBuilder()
                    .withType("DisruptionTarget").withStatus("True").withReason("PreemptionByScheduler")
                    .withMessage(schedulerName + ": preempting to accommodate a higher priority pod")
                    .withLastTransitionTime(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString())
                    .build();
            handle.client().patchPodStatus(victim, cond, null)
                    .thenCompose(x -> handle.client().deletePod(victim));
            handle.eventRecorder().eventf(victim, preemptor, "Normal", "Preempted", "Preempting",
                    String.format("Preempted by pod %s on node %s", preemptor.getMetadata().getUid(), c.nodeName()));
        }
        int prio = PodKeys.priority(preemptor);
        for (PodInfo nominated : handle.nominator().nominatedPodsForNode(c.nodeName())) {
            if (PodKeys.priority(nominated.pod()) < prio) {
                handle.nominator().deleteNominatedPodIfExists(nominated.pod());
                handle.client().patchPodStatus(nominated.pod(), null, "");
            }
        }
    }
}
