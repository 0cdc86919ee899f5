package dev.kubelab.cluster;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition until it holds; the providers' one way to wait for a component, node or API. */
public final class Await {

    private Await() {}

    /** @throws ClusterException (one line, naming what) on timeout or interruption */
    public static void until(Duration timeout, Duration poll, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new ClusterException("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            try {
                Thread.sleep(poll.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ClusterException("interrupted while waiting for " + what);
            }
        }
    }
}
