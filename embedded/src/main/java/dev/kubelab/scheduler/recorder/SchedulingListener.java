package dev.kubelab.scheduler.recorder;

/**
 * Hooks for observers (a %%trace magic): called on the scheduler's threads, so keep them quick and
 * never throw.
 */
public interface SchedulingListener {

    /** A scheduling attempt finished (a node was picked, or the pod did not fit). */
    default void onDecision(SchedulingDecision decision) {}

    /** The binding of a scheduled pod finished: "scheduler picked pod X, bound to node Y". */
    default void onBound(SchedulingDecision decision) {}

    /** Binding failed; the pod goes back to the queue. */
    default void onBindFailed(SchedulingDecision decision, String error) {}
}
