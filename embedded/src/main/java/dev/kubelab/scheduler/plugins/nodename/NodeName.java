package dev.kubelab.scheduler.plugins.nodename;

import dev.kubelab.scheduler.framework.ClusterEvent;
import dev.kubelab.scheduler.framework.Code;
import dev.kubelab.scheduler.framework.CycleState;
import dev.kubelab.scheduler.framework.EnqueueExtensions;
import dev.kubelab.scheduler.framework.FilterPlugin;
import dev.kubelab.scheduler.framework.NodeInfo;
import dev.kubelab.scheduler.framework.Status;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;

/** A pod that names a node (spec.nodeName) fits only that node. */
public final class NodeName implements FilterPlugin, EnqueueExtensions {

    public static final String NAME = "NodeName";
    /** pkg/scheduler/framework/plugins/nodename: ErrReason. */
    public static final String ERR_REASON = "node(s) didn't match the requested node name";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status filter(CycleState state, Pod pod, NodeInfo nodeInfo) {
        String want = pod.getSpec().getNodeName();
        if (want == null || want.isEmpty() || want.equals(nodeInfo.nodeName())) {
            return Status.success();
        }
        return Status.of(Code.UnschedulableAndUnresolvable, ERR_REASON);
    }

    @Override
    public List<ClusterEvent> eventsToRegister() {
        return List.of(ClusterEvent.of(ClusterEvent.Kind.Node, ClusterEvent.Add | ClusterEvent.Update));
    }
}
