package dev.kubelab.scheduler.framework;

import io.fabric8.kubernetes.api.model.Pod;

/** Helpers on pods shared by the framework, the queue and the cache. */
public final class PodKeys {

    private PodKeys() {}

    /** "namespace/name": the key the queue and the cache use (kube-scheduler keys its cache by UID; names are unique while a pod lives). */
    public static String key(Pod pod) {
        return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
    }

    /** {@code corev1helpers.PodPriority}: spec.priority, 0 when unset. */
    public static int priority(Pod pod) {
        Integer p = pod.getSpec() == null ? null : pod.getSpec().getPriority();
        return p == null ? 0 : p;
    }

    public static String nodeName(Pod pod) {
        return pod.getSpec() == null ? null : pod.getSpec().getNodeName();
    }

    public static boolean isAssigned(Pod pod) {
        String n = nodeName(pod);
        return n != null && !n.isEmpty();
    }

    public static boolean isTerminating(Pod pod) {
        return pod.getMetadata().getDeletionTimestamp() != null;
    }

    public static boolean isTerminal(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return "Succeeded".equals(phase) || "Failed".equals(phase);
    }
}
