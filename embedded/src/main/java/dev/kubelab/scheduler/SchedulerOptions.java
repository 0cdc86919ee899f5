package dev.kubelab.scheduler;

import dev.kubelab.scheduler.queue.SchedulingQueue;
import java.time.Duration;
import java.time.InstantSource;
import java.util.function.Consumer;

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
        return with(b -> b.randomSeed = seed);
    }

    public SchedulerOptions withClock(InstantSource c) {
        return with(b -> b.clock = c);
    }

    public SchedulerOptions withLeaderElect(boolean le) {
        return with(b -> b.leaderElect = le);
    }

    public SchedulerOptions withHostname(String h) {
        return with(b -> b.hostname = h);
    }

    public SchedulerOptions withMaxInFlightBindings(int n) {
        return with(b -> b.maxInFlightBindings = n);
    }

    public SchedulerOptions withPodFieldSelector(boolean on) {
        return with(b -> b.podFieldSelector = on);
    }

    /** A copy with {@code change} applied: the one place that lists every field. */
    private SchedulerOptions with(Consumer<Copy> change) {
        Copy c = new Copy(this);
        change.accept(c);
        return new SchedulerOptions(c.schedulerName, c.randomSeed, c.maxInFlightBindings, c.clock, c.podInitialBackoff, c.podMaxBackoff,
                c.leaderElect, c.leaseDuration, c.renewDeadline, c.retryPeriod, c.hostname, c.podFieldSelector);
    }

    /** The fields of a SchedulerOptions being copied, open to change. */
    private static final class Copy {
        String schedulerName;
        Long randomSeed;
        int maxInFlightBindings;
        InstantSource clock;
        Duration podInitialBackoff;
        Duration podMaxBackoff;
        boolean leaderElect;
        Duration leaseDuration;
        Duration renewDeadline;
        Duration retryPeriod;
        String hostname;
        boolean podFieldSelector;

        Copy(SchedulerOptions o) {
            schedulerName = o.schedulerName;
            randomSeed = o.randomSeed;
            maxInFlightBindings = o.maxInFlightBindings;
            clock = o.clock;
            podInitialBackoff = o.podInitialBackoff;
            podMaxBackoff = o.podMaxBackoff;
            leaderElect = o.leaderElect;
            leaseDuration = o.leaseDuration;
            renewDeadline = o.renewDeadline;
            retryPeriod = o.retryPeriod;
            hostname = o.hostname;
            podFieldSelector = o.podFieldSelector;
        }
    }
}
