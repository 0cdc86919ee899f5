package dev.kubelab.scheduler.plugins.nodeaffinity;

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
import dev.kubelab.scheduler.plugins.helper.NodeSelectors;
import dev.kubelab.scheduler.plugins.helper.NormalizeScore;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PreferredSchedulingTerm;
import java.util.List;

/**
 * Filter: spec.nodeSelector and requiredDuringSchedulingIgnoredDuringExecution node affinity.
 * Score: the summed weights of the matching preferredDuringScheduling terms, normalised to [0, 100].
 */
public final class NodeAffinity implements FilterPlugin, PreScorePlugin, ScorePlugin, EnqueueExtensions {

    public static final String NAME = "NodeAffinity";
    /** pkg/scheduler/framework/plugins/nodeaffinity: ErrReasonPod. */
    public static final String ERR_REASON_POD = "node(s) didn't match Pod's node affinity/selector";
    private static final String PRE_SCORE_KEY = "PreScore" + NAME;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status filter(CycleState state, Pod pod, NodeInfo nodeInfo) {
        if (NodeSelectors.podMatchesNodeSelectorAndAffinityTerms(pod, nodeInfo.node())) {
            return Status.success();
        }
        return Status.of(Code.UnschedulableAndUnresolvable, ERR_REASON_POD);
    }

    @Override
    public Status preScore(CycleState state, Pod pod, List<NodeInfo> nodes) {
        var a = pod.getSpec().getAffinity();
        List<PreferredSchedulingTerm> preferred = a == null || a.getNodeAffinity() == null ? null
                : a.getNodeAffinity().getPreferredDuringSchedulingIgnoredDuringExecution();
        if (preferred == null || preferred.isEmpty()) {
            return Status.skip();
        }
        state.write(PRE_SCORE_KEY, preferred);
        return Status.success();
    }

    @Override
    public long score(CycleState state, Pod pod, NodeInfo nodeInfo) {
        List<PreferredSchedulingTerm> preferred = state.read(PRE_SCORE_KEY);
        long count = 0;
        for (PreferredSchedulingTerm t : preferred) {
            int w = t.getWeight() == null ? 0 : t.getWeight();
            if (w != 0 && t.getPreference() != null && NodeSelectors.matchesTerm(t.getPreference(), nodeInfo.node())) {
                count += w;
            }
        }
        return count;
    }

    @Override
    public boolean hasScoreExtensions() {
        return true;
    }

    @Override
    public Status normalizeScore(CycleState state, Pod pod, List<NodeScore> scores) {
        NormalizeScore.defaultNormalizeScore(MAX_NODE_SCORE, false, scores);
        return Status.success();
    }

    @Override
    public List<ClusterEvent> eventsToRegister() {
        return List.of(ClusterEvent.of(ClusterEvent.Kind.Node, ClusterEvent.Add | ClusterEvent.UpdateNodeLabel));
    }
}
