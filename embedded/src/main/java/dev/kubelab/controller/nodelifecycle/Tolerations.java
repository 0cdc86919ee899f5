package dev.kubelab.controller.nodelifecycle;

import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The taint eviction rule (k8s.io/kubernetes pkg/controller/tainteviction,
 * {@code getMinTolerationTime}): a pod on a node with NoExecute taints is evicted at once if one taint
 * is not tolerated; otherwise after the smallest {@code tolerationSeconds} of the matching
 * tolerations; never if none of them sets {@code tolerationSeconds}.
 */
public final class Tolerations {
    private Tolerations() {
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
                if (!dev.kubelab.scheduler.plugins.helper.Tolerations.tolerates(t, taint)) {
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
}
