package dev.kubelab.scheduler.framework;

import io.fabric8.kubernetes.api.model.Pod;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * A pod in the scheduling queue, as kube-scheduler's {@code framework.QueuedPodInfo}: when it was
 * (re)queued, when it first entered the queue, how many times it was tried, and which plugins rejected it last.
 */
public final class QueuedPodInfo {

    private PodInfo podInfo;
    /** Last time the pod was added to the queue or failed (back-off counts from here). */
    public Instant timestamp;
    /** When the pod first entered the queue. */
    public final Instant initialAttemptTimestamp;
    /** Scheduling attempts so far. */
    public int attempts;
    /** Plugins that rejected the pod in its last cycle; empty after an error. */
    public final Set<String> unschedulablePlugins = new HashSet<>();

    public QueuedPodInfo(Pod pod, Instant now) {
        this.podInfo = new PodInfo(pod);
        this.timestamp = now;
        this.initialAttemptTimestamp = now;
    }

    public Pod pod() { return podInfo.pod(); }
    public PodInfo podInfo() { return podInfo; }

    public void update(Pod pod) {
        this.podInfo = new PodInfo(pod);
    }

    public String key() {
        return podInfo.key();
    }
}
