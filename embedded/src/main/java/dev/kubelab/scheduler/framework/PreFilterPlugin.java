package dev.kubelab.scheduler.framework;

import io.fabric8.kubernetes.api.model.Pod;

/**
 * Runs once per cycle before Filter to precompute state into the CycleState. Returning
 * {@link Code#Skip} skips this plugin's Filter for the cycle; a rejection fails the pod on every node
 * (the message becomes the FitError's PreFilter message).
 */
public interface PreFilterPlugin extends Plugin {
    Status preFilter(CycleState state, Pod pod);
}
