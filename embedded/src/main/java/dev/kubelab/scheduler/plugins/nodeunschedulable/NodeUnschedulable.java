package dev.kubelab.scheduler.plugins.nodeunschedulable;

import dev.kubelab.scheduler.framework.ClusterEvent;
import dev.kubelab.scheduler.framework.Code;
import dev.kubelab.scheduler.framework.CycleState;
import dev.kubelab.scheduler.framework.EnqueueExtensions;
import dev.kubelab.scheduler.framework.FilterPlugin;
import dev.kubelab.scheduler.framework.NodeInfo;
import dev.kubelab.scheduler.framework.Status;
import dev.kubelab.scheduler.plugins.helper.Tolerations;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import java.util.List;

/**
 * Rejects cordoned nodes (spec.unschedulable) unless the pod tolerates the
 * {@code node.kubernetes.io/unschedulable:NoSchedule} taint (DaemonSet pods do).
 */
public final class NodeUnschedulable implements FilterPlugin, EnqueueExtensions {

    public static final String NAME = "NodeUnschedulable";
    /** pkg/scheduler/framework/plugins/nodeunschedulable: ErrReasonUnschedulable. */
    public static final String ERR_REASON_UNSCHEDULABLE = "node(s) were unschedulable";
    public static final String ERR_REASON_UNKNOWN_CONDITION = "node(s) had unknown conditions";

    private static final Taint UNSCHEDULABLE_TAINT =
            new TaintBuilder().withKey("node.kubernetes.io/unschedulable").withEffect("NoSchedule").build();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status filter(CycleState state, Pod pod, NodeInfo nodeInfo) {
        if (nodeInfo.node() == null) {
            return Status.of(Code.UnschedulableAndUnresolvable, ERR_REASON_UNKNOWN_CONDITION);
        }
        boolean unschedulable = Boolean.TRUE.equals(nodeInfo.node().getSpec().getUnschedulable());
        if (unschedulable && !Tolerations.tolerationsTolerateTaint(pod.getSpec().getTolerations(), UNSCHEDULABLE_TAINT)) {
            return Status.of(Code.UnschedulableAndUnresolvable, ERR_REASON_UNSCHEDULABLE);
        }
        return Status.success();
    }

    @Override
    public List<ClusterEvent> eventsToRegister() {
        return List.of(ClusterEvent.of(ClusterEvent.Kind.Node, ClusterEvent.Add | ClusterEvent.UpdateNodeTaint),
                ClusterEvent.of(ClusterEvent.Kind.Pod, ClusterEvent.UpdatePodTolerations));
    }
}
