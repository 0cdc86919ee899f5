package dev.kubelab.scheduler.framework;

import io.fabric8.kubernetes.api.model.Pod;

/**
 * Decides whether the pod can run on one node. Must not change the CycleState or the NodeInfo:
 * kube-scheduler calls Filter for many nodes in parallel.
 */
public interface FilterPlugin extends Plugin {
    Status filter(CycleState state, Pod pod, NodeInfo nodeInfo);
}
