package dev.kubelab.scheduler;

import dev.kubelab.scheduler.queue.SchedulingQueue;
import java.time.Duration;
import java.time.InstantSource;

/**
 * Settings of the scheduler. Defaults are kube-scheduler's (back-off 1 s → 10 s, lease 15 s / renew
 * 10 s / retry 2 s); the random seed (tie-breaking among equally scored nodes) is fixed in tests.
 *
 * @param schedulerName       the profile name pods select with spec.schedulerName
 * @param randomSeed          seed for selectHost's tie-breaking; null = random
 * @param maxInFlightBindings bindings running at once (the loop waits beyond this)
 * @param leaderElect         take the kube-system/kube-scheduler Lease before scheduling
 * @param podFieldSelector    watch pods with {@code status.phase!=Succeeded,status.phase!=Failed} as kube-scheduler does
 */
public record SchedulerOptions(
        String schedulerName,
        Long randomSeed,
        int maxInFlightBindings,
        InstantSource clock,
        Duration podInitialBackoff,
        Duration podMaxBackoff,
        boolean leaderElect,
        Duration leaseDuration,
        Duration renewDeadline,
        Duration retryPeriod,
        String hostname,
        boolean podFieldSelector) {

    public static SchedulerOptions defaults() {
        return new SchedulerOptions("default-scheduler", null, 64, InstantSource.system(),
                SchedulingQueue.DEFAULT_POD_INITIAL_BACKOFF, SchedulingQueue.DEFAULT_POD_MAX_BACKOFF,
                true, Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofSeconds(2),
                "kubelab-control-plane", true);
    }

    public SchedulerOptions withRandomSeed(long seed) {
        return new SchedulerOptions(schedulerName, seed, maxInFlightBindings, clock, podInitialBackoff, podMaxBackoff,
                leaderElect, leaseDuration, renewDeadline, retryPeriod, hostname, podFieldSelector);
    }

    public SchedulerOptions withClock(InstantSource c) {
        return new SchedulerOptions(schedulerName, randomSeed, maxInFlightBindings, c, podInitialBackoff, podMaxBackoff,
                leaderElect, leaseDuration, renewDeadline, retryPeriod, hostname, podFieldSelector);
    }

    public SchedulerOptions withLeaderElect(boolean le) {
        return new SchedulerOptions(schedulerName, randomSeed, maxInFlightBindings, clock, podInitialBackoff, podMaxBackoff,
                le, leaseDuration, renewDeadline, retryPeriod, hostname, podFieldSelector);
    }

    public SchedulerOptions withHostname(String h) {
        return new SchedulerOptions(schedulerName, randomSeed, maxInFlightBindings, clock, podInitialBackoff, podMaxBackoff,
                leaderElect, leaseDuration, renewDeadline, retryPeriod, h, podFieldSelector);
    }

    public SchedulerOptions withMaxInFlightBindings(int n) {
        return new SchedulerOptions(schedulerName, randomSeed, n, clock, podInitialBackoff, podMaxBackoff,
                leaderElect, leaseDuration, renewDeadline, retryPeriod, hostname, podFieldSelector);
    }

    public SchedulerOptions withPodFieldSelector(boolean on) {
        return new SchedulerOptions(schedulerName, randomSeed, maxInFlightBindings, clock, podInitialBackoff, podMaxBackoff,
                leaderElect, leaseDuration, renewDeadline, retryPeriod, hostname, on);
    }
}
