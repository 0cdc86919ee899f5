package dev.kubelab.scheduler.plugins.tainttoleration;

import dev.kubelab.scheduler.framework.ClusterEvent;
import dev.kubelab.scheduler.framework.Code;
import dev.kubelab.scheduler.framework.CycleState;
import dev.kubelab.scheduler.framework.EnqueueExtensions;
import dev.kubelab.scheduler.framework.FilterPlugin;
import dev.kubelab.scheduler.framework.NodeInfo;
import dev.kubelab.scheduler.framework.NodeScore;
import dev.kubelab.scheduler.framework.PreScorePlugin;
import dev.kubelab.scheduler.framework.ScorePlugin;
import dev.kubelab.scheduler.framework.Status;
import dev.kubelab.scheduler.plugins.helper.NormalizeScore;
import dev.kubelab.scheduler.plugins.helper.Tolerations;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.ArrayList;
import java.util.List;

/**
 * Filter: a NoSchedule/NoExecute taint the pod does not tolerate rejects the node (unresolvable:
 * preemption cannot remove a taint). Score: fewer untolerated PreferNoSchedule taints is better
 * (normalised in reverse).
 */
public final class TaintToleration implements FilterPlugin, PreScorePlugin, ScorePlugin, EnqueueExtensions {

    public static final String NAME = "TaintToleration";
    private static final String PRE_SCORE_KEY = "PreScore" + NAME;

    @Override
    public String name() {
        return NAME;
    }

    /** pkg/scheduler/framework/plugins/tainttoleration: {@code "node(s) had untolerated taint {%s: %s}"}. */
    public static String errReasonUntoleratedTaint(Taint taint) {
        return String.format("node(s) had untolerated taint {%s: %s}", taint.getKey(), taint.getValue() == null ? "" : taint.getValue());
    }

    @Override
    public Status filter(CycleState state, Pod pod, NodeInfo nodeInfo) {
        Taint taint = Tolerations.findMatchingUntoleratedTaint(nodeInfo.node().getSpec().getTaints(),
                pod.getSpec().getTolerations(), Tolerations::isDoNotSchedule);
        if (taint == null) {
            return Status.success();
        }
        return Status.of(Code.UnschedulableAndUnresolvable, errReasonUntoleratedTaint(taint));
    }

    @Override
    public Status preScore(CycleState state, Pod pod, List<NodeInfo> nodes) {
        List<Toleration> preferNoSchedule = new ArrayList<>();
        if (pod.getSpec().getTolerations() != null) {
            for (Toleration t : pod.getSpec().getTolerations()) {
                if (t.getEffect() == null || t.getEffect().isEmpty() || "PreferNoSchedule".equals(t.getEffect())) {
                    preferNoSchedule.add(t);
                }
            }
        }
        state.write(PRE_SCORE_KEY, preferNoSchedule);
        return Status.success();
    }

    @Override
    public long score(CycleState state, Pod pod, NodeInfo nodeInfo) {
        List<Toleration> tolerations = state.read(PRE_SCORE_KEY);
        List<Taint> taints = nodeInfo.node().getSpec().getTaints();
        long n = 0;
        if (taints != null) {
            for (Taint t : taints) {
                if ("PreferNoSchedule".equals(t.getEffect()) && !Tolerations.tolerationsTolerateTaint(tolerations, t)) {
                    n++;
                }
            }
        }
        return n;
    }

    @Override
    public boolean hasScoreExtensions() {
        return true;
    }

    @Override
    public Status normalizeScore(CycleState state, Pod pod, List<NodeScore> scores) {
        NormalizeScore.defaultNormalizeScore(MAX_NODE_SCORE, true, scores);
        return Status.success();
    }

    @Override
    public List<ClusterEvent> eventsToRegister() {
        return List.of(ClusterEvent.of(ClusterEvent.Kind.Node, ClusterEvent.Add | ClusterEvent.UpdateNodeTaint),
                ClusterEvent.of(ClusterEvent.Kind.Pod, ClusterEvent.UpdatePodTolerations));
    }
}
