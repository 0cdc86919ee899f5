package dev.kubelab.scheduler.framework;

/**
 * The result codes of a plugin run, as kube-scheduler's {@code framework.Code}. The constants keep the
 * Go names so that a reader who knows the framework finds them.
 */
public enum Code {
    /** The plugin ran correctly and found the pod schedulable. */
    Success,
    /** An internal error (a bug, or the API misbehaving); the pod is retried after back-off. */
    Error,
    /** The pod does not fit on this node now; preemption may help. */
    Unschedulable,
    /** The pod does not fit on this node and preemption would not change that. */
    UnschedulableAndUnresolvable,
    /** The plugin has nothing to do for this pod (PreFilter/PreScore); its Filter/Score are skipped. */
    Skip
}
