package dev.kubelab.scheduler.framework;

/** Orders the activeQ ({@code QueueSortPlugin.Less}). */
public interface QueueSortPlugin extends Plugin {
    boolean less(QueuedPodInfo a, QueuedPodInfo b);
}
