package dev.kubelab.scheduler.plugins.queuesort;

import dev.kubelab.scheduler.framework.PodKeys;
import dev.kubelab.scheduler.framework.QueueSortPlugin;
import dev.kubelab.scheduler.framework.QueuedPodInfo;

/** Higher spec.priority first; equal priorities by the time they were queued (older first). */
public final class PrioritySort implements QueueSortPlugin {

    public static final String NAME = "PrioritySort";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean less(QueuedPodInfo a, QueuedPodInfo b) {
        int p1 = PodKeys.priority(a.pod());
        int p2 = PodKeys.priority(b.pod());
        return p1 > p2 || (p1 == p2 && a.timestamp.isBefore(b.timestamp));
    }
}
