package dev.kubelab.scheduler.plugins.noderesources;

import dev.kubelab.scheduler.framework.CycleState;
import dev.kubelab.scheduler.framework.NodeInfo;
import dev.kubelab.scheduler.framework.PodResources;
import dev.kubelab.scheduler.framework.Resource;
import dev.kubelab.scheduler.framework.PreScorePlugin;
import dev.kubelab.scheduler.framework.ScorePlugin;
import dev.kubelab.scheduler.framework.Status;
import java.util.List;
import io.fabric8.kubernetes.api.model.Pod;

/**
 * NodeResourcesBalancedAllocation: prefers nodes whose CPU and memory utilisation (with the pod,
 * on actual requests) stay close to each other: {@code (1 - |cpuFraction - memFraction| / 2) * 100}.
 */
public final class BalancedAllocation implements PreScorePlugin, ScorePlugin {

    public static final String NAME = "NodeResourcesBalancedAllocation";
    private static final String PRE_SCORE_KEY = "PreScore" + NAME;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status preScore(CycleState state, Pod pod, List<NodeInfo> nodes) {
        state.write(PRE_SCORE_KEY, PodResources.requests(pod));
        return Status.success();
    }

    @Override
    public long score(CycleState state, Pod pod, NodeInfo nodeInfo) {
        Resource podReq = state == null ? null : state.read(PRE_SCORE_KEY);
        if (podReq == null) {
            podReq = PodResources.requests(pod);
        }
        long[] requested = {nodeInfo.requested().milliCpu + podReq.milliCpu, nodeInfo.requested().memory + podReq.memory};
        long[] allocatable = {nodeInfo.allocatable().milliCpu, nodeInfo.allocatable().memory};
        double[] fractions = new double[2];
        int n = 0;
        for (int i = 0; i < 2; i++) {
            if (allocatable[i] == 0) {
                continue;
            }
            fractions[n++] = Math.min(1.0, (double) requested[i] / (double) allocatable[i]);
        }
        double std = n == 2 ? Math.abs((fractions[0] - fractions[1]) / 2) : 0;
        return (long) ((1 - std) * MAX_NODE_SCORE);
    }
}
