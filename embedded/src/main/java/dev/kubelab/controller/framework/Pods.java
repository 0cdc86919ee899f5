package dev.kubelab.controller.framework;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.time.Instant;
import java.util.Optional;

/** Pod status predicates as in {@code k8s.io/kubernetes/pkg/api/v1/pod} and controller utils. */
public final class Pods {
    private Pods() {
    }

    public static Optional<PodCondition> condition(Pod pod, String type) {
        if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return pod.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    public static boolean isReady(Pod pod) {
        return condition(pod, "Ready").map(c -> "True".equals(c.getStatus())).orElse(false);
    }

    /** Ready for at least minReadySeconds (podutil.IsPodAvailable). */
    public static boolean isAvailable(Pod pod, int minReadySeconds, Instant now) {
        Optional<PodCondition> ready = condition(pod, "Ready").filter(c -> "True".equals(c.getStatus()));
        if (ready.isEmpty()) {
            return false;
        }
        if (minReadySeconds <= 0) {
            return true;
        }
        String since = ready.get().getLastTransitionTime();
        return since != null && !Instant.parse(since).plusSeconds(minReadySeconds).isAfter(now);
    }

    public static String phase(Pod pod) {
        return pod.getStatus() == null || pod.getStatus().getPhase() == null ? "Pending" : pod.getStatus().getPhase();
    }

    /** Not terminated and not being deleted (controller.IsPodActive). */
    public static boolean isActive(Pod pod) {
        String phase = phase(pod);
        return !"Succeeded".equals(phase) && !"Failed".equals(phase) && pod.getMetadata().getDeletionTimestamp() == null;
    }

    public static boolean isTerminating(Pod pod) {
        return pod.getMetadata().getDeletionTimestamp() != null;
    }
}
