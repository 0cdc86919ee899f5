package dev.kubelab.controller.framework;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * client-go's {@code workqueue.DefaultControllerRateLimiter()}: the maximum of a per-item exponential
 * back-off (5 ms doubling to 1000 s) and an overall token bucket (10 qps, burst 100).
 */
public final class RateLimiter {
    private final long baseNanos;
    private final long maxNanos;
    private final ConcurrentHashMap<Object, Integer> failures = new ConcurrentHashMap<>();
    private final double qps;
    private final double burst;
    private double tokens;
    private long last = System.nanoTime();

    public RateLimiter(Duration base, Duration max, double qps, int burst) {
        this.baseNanos = base.toNanos();
        this.maxNanos = max.toNanos();
        this.qps = qps;
        this.burst = burst;
        this.tokens = burst;
    }

    public static RateLimiter defaultControllerRateLimiter() {
        return new RateLimiter(Duration.ofMillis(5), Duration.ofSeconds(1000), 10, 100);
    }

    /** How long the item must wait before it is processed again; counts one more failure for it. */
    public Duration when(Object item) {
        int exp = failures.merge(item, 1, Integer::sum) - 1;
        double backoff = baseNanos * Math.pow(2, exp);
        long perItem = backoff > maxNanos ? maxNanos : (long) backoff;
        return Duration.ofNanos(Math.max(perItem, bucketDelay()));
    }

    /** Token-bucket reservation (golang.org/x/time/rate Reserve().Delay()). */
    private synchronized long bucketDelay() {
        long now = System.nanoTime();
        tokens = Math.min(burst, tokens + (now - last) / 1e9 * qps);
        last = now;
        tokens -= 1;
        return tokens >= 0 ? 0 : (long) (-tokens / qps * 1e9);
    }

    public void forget(Object item) {
        failures.remove(item);
    }

    public int numRequeues(Object item) {
        return failures.getOrDefault(item, 0);
    }
}
