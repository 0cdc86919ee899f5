package dev.kubelab.scheduler.framework;

/** An internal scheduling error (kube-scheduler returns a plain error): the pod is retried after back-off. */
public final class SchedulingException extends Exception {
    public SchedulingException(String message) {
        super(message);
    }
}
