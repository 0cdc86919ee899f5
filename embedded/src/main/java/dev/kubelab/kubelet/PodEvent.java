package dev.kubelab.kubelet;

import java.time.Instant;

/**
 * An event the kubelet records about a pod (core/v1 Event, source component {@code kubelet}).
 *
 * @param fieldPath {@code spec.containers{nginx}} / {@code spec.initContainers{init}}, or null for the pod itself
 */
public record PodEvent(String type, String reason, String message, String fieldPath, Instant time) {
    public static final String NORMAL = "Normal";
    public static final String WARNING = "Warning";
}
