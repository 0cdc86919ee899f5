package dev.kubelab.apiserver.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * How long an object lingers after DELETE (rest.BeforeDelete + the pod strategy's
 * CheckGracefulDeletion): pods that run on a node get their grace period (the request's
 * gracePeriodSeconds, else spec.terminationGracePeriodSeconds, default 30) for the kubelet to
 * stop them; unscheduled or finished pods, and every other kind, go at once (unless finalizers
 * hold them).
 */
public final class GracefulDeletion {

    private GracefulDeletion() {}

    /** The grace period in seconds to apply, 0 = delete now. requested is null when not given. */
    public static long gracePeriod(ResourceInfo ri, ObjectNode obj, Long requested) {
        if (!ri.groupResource().equals("pods")) return 0;
        if (obj.path("spec").path("nodeName").asText("").isEmpty()) return 0;
        String phase = obj.path("status").path("phase").asText("");
        if (phase.equals("Failed") || phase.equals("Succeeded")) return 0;
        long g = requested != null ? requested : obj.path("spec").path("terminationGracePeriodSeconds").asLong(30);
        // kube-apiserver: a requested 0 without force still means 1 second, unless the pod never ran
        return Math.max(0, g);
    }
}
