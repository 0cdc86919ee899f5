package dev.kubelab.controller.nodelifecycle;

import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Toleration matching and the taint eviction rule (k8s.io/kubernetes pkg/controller/tainteviction,
 * {@code getMinTolerationTime}): a pod on a node with NoExecute taints is evicted at once if one taint
 * is not tolerated; otherwise after the smallest {@code tolerationSeconds} of the matching
 * tolerations; never if none of them sets {@code tolerationSeconds}.
 */
public final class Tolerations {
    private Tolerations() {
    }

    /** v1 Toleration.ToleratesTaint. */
    public static boolean tolerates(Toleration t, Taint taint) {
        if (t.getEffect() != null && !t.getEffect().isEmpty() && !t.getEffect().equals(taint.getEffect())) {
            return false;
        }
        if (t.getKey() != null && !t.getKey().isEmpty() && !t.getKey().equals(taint.getKey())) {
            return false;
        }
        String op = t.getOperator() == null || t.getOperator().isEmpty() ? "Equal" : t.getOperator();
        if ("Exists".equals(op)) {
            return true;
        }
        // Equal: an empty key with Equal matches nothing (only Exists may omit the key)
        return t.getKey() != null && !t.getKey().isEmpty() && Objects.equals(nz(t.getValue()), nz(taint.getValue()));
    }

    /**
     * How long the pod may stay.
     *
     * @return empty = forever; {@link Duration#ZERO} = evict now
     */
    public static Optional<Duration> minTolerationTime(List<Taint> noExecuteTaints, List<Toleration> tolerations) {
        if (noExecuteTaints.isEmpty()) {
            return Optional.empty();
        }
        List<Toleration> tols = tolerations == null ? List.of() : tolerations;
        Duration min = null;
        for (Taint taint : noExecuteTaints) {
            boolean tolerated = false;
            for (Toleration t : tols) {
                if (!tolerates(t, taint)) {
                    continue;
                }
                tolerated = true;
                if (t.getTolerationSeconds() != null) {
                    Duration d = Duration.ofSeconds(Math.max(0, t.getTolerationSeconds()));
                    min = min == null || d.compareTo(min) < 0 ? d : min;
                }
            }
            if (!tolerated) {
                return Optional.of(Duration.ZERO);
            }
        }
        return Optional.ofNullable(min);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
