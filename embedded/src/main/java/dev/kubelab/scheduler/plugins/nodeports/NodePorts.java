package dev.kubelab.scheduler.plugins.nodeports;

import dev.kubelab.scheduler.framework.ClusterEvent;
import dev.kubelab.scheduler.framework.Code;
import dev.kubelab.scheduler.framework.CycleState;
import dev.kubelab.scheduler.framework.EnqueueExtensions;
import dev.kubelab.scheduler.framework.FilterPlugin;
import dev.kubelab.scheduler.framework.HostPortInfo;
import dev.kubelab.scheduler.framework.NodeInfo;
import dev.kubelab.scheduler.framework.PodInfo;
import dev.kubelab.scheduler.framework.PreFilterPlugin;
import dev.kubelab.scheduler.framework.Status;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;

/** The pod's containers' hostPorts must be free on the node (0.0.0.0 conflicts with every IP). */
public final class NodePorts implements PreFilterPlugin, FilterPlugin, EnqueueExtensions {

    public static final String NAME = "NodePorts";
    /** pkg/scheduler/framework/plugins/nodeports: ErrReason. */
    public static final String ERR_REASON = "node(s) didn't have free ports for the requested pod ports";
    private static final String PRE_FILTER_KEY = "PreFilter" + NAME;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status preFilter(CycleState state, Pod pod) {
        List<HostPortInfo.HostPort> ports = new PodInfo(pod).hostPorts();
        if (ports.isEmpty()) {
            return Status.skip();
        }
        state.write(PRE_FILTER_KEY, ports);
        return Status.success();
    }

    @Override
    public Status filter(CycleState state, Pod pod, NodeInfo nodeInfo) {
        List<HostPortInfo.HostPort> wanted = state.read(PRE_FILTER_KEY);
        if (wanted == null) {
            wanted = new PodInfo(pod).hostPorts();
        }
        for (HostPortInfo.HostPort p : wanted) {
            if (nodeInfo.usedPorts().checkConflict(p)) {
                return Status.of(Code.Unschedulable, ERR_REASON);
            }
        }
        return Status.success();
    }

    @Override
    public List<ClusterEvent> eventsToRegister() {
        return List.of(ClusterEvent.of(ClusterEvent.Kind.Pod, ClusterEvent.Delete),
                ClusterEvent.of(ClusterEvent.Kind.Node, ClusterEvent.Add | ClusterEvent.Update));
    }
}
