package dev.kubelab.cluster.audit;

/**
 * Maps wall-clock times (the audit log's timestamps, in microseconds since the epoch) onto the monotonic
 * {@code System.nanoTime()} scale that {@link dev.kubelab.cluster.TraceSource} events are ordered and marked by,
 * through one pair of readings of both clocks taken when the source was made.
 */
final class TraceClock {
    private final long baseNanos;
    private final long baseMicros;

    TraceClock(long baseNanos, long baseMicros) {
        this.baseNanos = baseNanos;
        this.baseMicros = baseMicros;
    }

    static TraceClock now() {
        java.time.Instant now = java.time.Instant.now();
        return new TraceClock(System.nanoTime(), now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000);
    }

    long nanosAt(long epochMicros) {
        return baseNanos + (epochMicros - baseMicros) * 1_000L;
    }

    long microsAt(long nanos) {
        return baseMicros + (nanos - baseNanos) / 1_000L;
    }
}
