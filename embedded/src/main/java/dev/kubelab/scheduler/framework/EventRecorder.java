package dev.kubelab.scheduler.framework;

import io.fabric8.kubernetes.api.model.Pod;

/**
 * Records events as kube-scheduler's events.k8s.io recorder: {@code Eventf(regarding, related, type, reason, action, note)}.
 */
public interface EventRecorder {
    void eventf(Pod regarding, Pod related, String type, String reason, String action, String note);

    EventRecorder NONE = (regarding, related, type, reason, action, note) -> {};
}
