package dev.kubelab.controller.framework;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WorkQueueTest {
    @Test
    void deduplicatesAndRequeuesKeysAddedWhileProcessing() throws Exception {
        WorkQueue q = new WorkQueue("t", RateLimiter.defaultControllerRateLimiter());
        q.add("ns/a");
        q.add("ns/a");
        q.add("ns/b");
        assertThat(q.length()).isEqualTo(2);
        String first = q.get();
        assertThat(first).isEqualTo("ns/a");
        q.add("ns/a"); // changed while a worker holds it: not handed to a second worker
        assertThat(q.get()).isEqualTo("ns/b");
        assertThat(q.length()).isZero();
        q.done("ns/a");
        assertThat(q.length()).isEqualTo(1);
        assertThat(q.get()).isEqualTo("ns/a");
        q.shutDown();
        assertThat(q.get()).isNull();
    }

    @Test
    void perItemBackoffDoublesFrom5msAndForgetResets() {
        RateLimiter r = new RateLimiter(Duration.ofMillis(5), Duration.ofSeconds(1000), 1e9, Integer.MAX_VALUE);
        assertThat(r.when("k")).isEqualTo(Duration.ofMillis(5));
        assertThat(r.when("k")).isEqualTo(Duration.ofMillis(10));
        assertThat(r.when("k")).isEqualTo(Duration.ofMillis(20));
        assertThat(r.numRequeues("k")).isEqualTo(3);
        for (int i = 0; i < 40; i++) {
            r.when("k");
        }
        assertThat(r.when("k")).isEqualTo(Duration.ofSeconds(1000));
        r.forget("k");
        assertThat(r.when("k")).isEqualTo(Duration.ofMillis(5));
    }

    @Test
    void overallBucketAllowsBurstOf100ThenTenPerSecond() {
        RateLimiter r = RateLimiter.defaultControllerRateLimiter();
        for (int i = 0; i < 100; i++) {
            assertThat(r.when("k" + i)).isEqualTo(Duration.ofMillis(5));
        }
        assertThat(r.when("k100")).isGreaterThan(Duration.ofMillis(50));
    }

    @Test
    void goDurations() {
        assertThat(GoDuration.parse("40s")).isEqualTo(Duration.ofSeconds(40));
        assertThat(GoDuration.parse("5m0s")).isEqualTo(Duration.ofMinutes(5));
        assertThat(GoDuration.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(GoDuration.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> GoDuration.parse("5 minutes"))
                .hasMessageContaining("invalid duration");
    }
}
