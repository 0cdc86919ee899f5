package dev.kubelab.controller.job;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JobMathTest {
    @Test
    void activePodsNeverExceedParallelismNorRemainingCompletions() {
        assertThat(JobController.wantActive(5, 2, 0, 0)).isEqualTo(2);
        assertThat(JobController.wantActive(5, 2, 4, 1)).isEqualTo(1);
        assertThat(JobController.wantActive(5, 2, 5, 0)).isZero();
        assertThat(JobController.wantActive(null, 3, 0, 0)).isEqualTo(3);
        assertThat(JobController.wantActive(null, 3, 1, 2)).isEqualTo(2);
    }
}
