package dev.kubelab.controller.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import org.junit.jupiter.api.Test;

class RollingUpdateMathTest {
    @Test
    void fencepostsRoundSurgeUpAndUnavailableDown() {
        assertThat(RollingUpdateMath.resolveFenceposts(new IntOrString("25%"), new IntOrString("25%"), 10)).containsExactly(3, 2);
        assertThat(RollingUpdateMath.resolveFenceposts(null, null, 3)).containsExactly(1, 0);
        assertThat(RollingUpdateMath.resolveFenceposts(new IntOrString(0), new IntOrString(0), 5)).containsExactly(0, 1);
        assertThat(RollingUpdateMath.resolveFenceposts(new IntOrString(2), new IntOrString("50%"), 5)).containsExactly(2, 2);
    }

    @Test
    void newReplicaSetGrowsWithinSurge() {
        // 10 desired, surge 3, 10 old + 0 new: the new RS may grow to 3.
        assertThat(RollingUpdateMath.newRSNewReplicas(10, 3, 10, 0)).isEqualTo(3);
        // Already at the limit: no growth.
        assertThat(RollingUpdateMath.newRSNewReplicas(10, 3, 13, 3)).isEqualTo(3);
        // Never beyond desired.
        assertThat(RollingUpdateMath.newRSNewReplicas(3, 5, 0, 0)).isEqualTo(3);
    }

    @Test
    void oldReplicaSetsShrinkWithoutBreachingMinAvailable() {
        // 13 pods, 10 desired, 2 unavailable allowed, 3 new not yet available: 13-8-3 = 2 may go.
        assertThat(RollingUpdateMath.maxScaledDown(13, 10, 2, 3)).isEqualTo(2);
        assertThat(RollingUpdateMath.maxScaledDown(10, 10, 0, 0)).isZero();
    }
}
