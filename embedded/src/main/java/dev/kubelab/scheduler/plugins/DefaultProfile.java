package dev.kubelab.scheduler.plugins;

import dev.kubelab.scheduler.framework.Framework;
import dev.kubelab.scheduler.framework.Handle;
import dev.kubelab.scheduler.plugins.defaultbinder.DefaultBinder;
import dev.kubelab.scheduler.plugins.defaultpreemption.DefaultPreemption;
import dev.kubelab.scheduler.plugins.interpodaffinity.InterPodAffinity;
import dev.kubelab.scheduler.plugins.nodeaffinity.NodeAffinity;
import dev.kubelab.scheduler.plugins.nodename.NodeName;
import dev.kubelab.scheduler.plugins.nodeports.NodePorts;
import dev.kubelab.scheduler.plugins.noderesources.BalancedAllocation;
import dev.kubelab.scheduler.plugins.noderesources.Fit;
import dev.kubelab.scheduler.plugins.nodeunschedulable.NodeUnschedulable;
import dev.kubelab.scheduler.plugins.podtopologyspread.PodTopologySpread;
import dev.kubelab.scheduler.plugins.queuesort.PrioritySort;
import dev.kubelab.scheduler.plugins.tainttoleration.TaintToleration;

/**
 * The default profile ("default-scheduler") in kube-scheduler's multiPoint order
 * (pkg/scheduler/apis/config/v1/default_plugins.go), with its score weights: TaintToleration 3,
 * NodeAffinity 2, PodTopologySpread 2, InterPodAffinity 2, NodeResourcesFit 1,
 * NodeResourcesBalancedAllocation 1. Left out: SchedulingGates, the volume plugins
 * (VolumeRestrictions, NodeVolumeLimits, VolumeBinding, VolumeZone) and ImageLocality — no volumes
 * or images exist in the embedded cluster.
 */
public final class DefaultProfile {

    public static final String SCHEDULER_NAME = "default-scheduler";

    private DefaultProfile() {}

    public static Framework build(Handle handle) {
        return Framework.builder(SCHEDULER_NAME)
                .handle(handle)
                .add(new PrioritySort())
                .add(new NodeUnschedulable())
                .add(new NodeName())
                .add(new TaintToleration(), 3)
                .add(new NodeAffinity(), 2)
                .add(new NodePorts())
                .add(new Fit(), 1)
                .add(new PodTopologySpread(), 2)
                .add(new InterPodAffinity(handle), 2)
                .add(new DefaultPreemption(handle))
                .add(new BalancedAllocation(), 1)
                .add(new DefaultBinder(handle))
                .build();
    }
}
