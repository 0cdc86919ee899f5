package dev.kubelab.controller.deployment;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/**
 * The deployment controller's surge/unavailability arithmetic ({@code deploymentutil.ResolveFenceposts},
 * {@code MaxSurge}, {@code MaxUnavailable}, {@code NewRSNewReplicas}); pure functions, unit-tested.
 */
final class RollingUpdateMath {
    private RollingUpdateMath() {
    }

    /** intstr.GetScaledValueFromIntOrPercent; defaults (nil) are 25% as apps/v1 defaulting sets them. */
    static int scaled(IntOrString value, int total, boolean roundUp) {
        if (value == null) {
            value = new IntOrString("25%");
        }
        if (value.getIntVal() != null) {
            return value.getIntVal();
        }
        String s = value.getStrVal();
        if (!s.endsWith("%")) {
            // A numeric string such as "1" is what intstr.Parse gives an int for.
            return Integer.parseInt(s);
        }
        double pct = Integer.parseInt(s.substring(0, s.length() - 1));
        double v = pct * total / 100.0;
        return (int) (roundUp ? Math.ceil(v) : Math.floor(v));
    }

    /** {surge, unavailable}; both zero would deadlock, so unavailable becomes 1 (ResolveFenceposts). */
    static int[] resolveFenceposts(IntOrString maxSurge, IntOrString maxUnavailable, int desired) {
        int surge = scaled(maxSurge, desired, true);
        int unavailable = scaled(maxUnavailable, desired, false);
        if (surge == 0 && unavailable == 0) {
            unavailable = 1;
        }
        return new int[] {surge, unavailable};
    }

    static boolean isRollingUpdate(Deployment d) {
        return d.getSpec().getStrategy() == null || d.getSpec().getStrategy().getType() == null
                || "RollingUpdate".equals(d.getSpec().getStrategy().getType());
    }

    static int replicas(Deployment d) {
        return d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
    }

    private static IntOrString surgeValue(Deployment d) {
        var s = d.getSpec().getStrategy();
        return s == null || s.getRollingUpdate() == null ? null : s.getRollingUpdate().getMaxSurge();
    }

    private static IntOrString unavailableValue(Deployment d) {
        var s = d.getSpec().getStrategy();
        return s == null || s.getRollingUpdate() == null ? null : s.getRollingUpdate().getMaxUnavailable();
    }

    static int maxSurge(Deployment d) {
        if (!isRollingUpdate(d)) {
            return 0;
        }
        return resolveFenceposts(surgeValue(d), unavailableValue(d), replicas(d))[0];
    }

    static int maxUnavailable(Deployment d) {
        if (!isRollingUpdate(d) || replicas(d) == 0) {
            return 0;
        }
        int u = resolveFenceposts(surgeValue(d), unavailableValue(d), replicas(d))[1];
        return Math.min(u, replicas(d));
    }

    /** NewRSNewReplicas for RollingUpdate: how far the new ReplicaSet may grow now. */
    static int newRSNewReplicas(int desired, int maxSurge, int currentPodCount, int newRSReplicas) {
        int maxTotal = desired + maxSurge;
        if (currentPodCount >= maxTotal) {
            return newRSReplicas;
        }
        int scaleUp = Math.min(maxTotal - currentPodCount, desired - newRSReplicas);
        return newRSReplicas + scaleUp;
    }

    /** reconcileOldReplicaSets' bound: how many old pods may go now without breaching minAvailable. */
    static int maxScaledDown(int allPodsCount, int desired, int maxUnavailable, int newRSUnavailable) {
        return allPodsCount - (desired - maxUnavailable) - newRSUnavailable;
    }
}
